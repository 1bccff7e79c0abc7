package com.example.payments;

import java.security.Security;

/** Left over from the move to containers: nothing references this class any more. */
public class LegacyDnsSettings {
    static {
        Security.setProperty("networkaddress.cache.ttl", "5");
    }
}
