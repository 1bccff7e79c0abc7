// Whether a lost AZ is in a resource's region: from the names, and from the resource's own instances when Terraform gives placeholders.
import { describe, expect, it } from "vitest";
import { azInRegion, regionOfAz } from "../../src/simulate/place.js";
import { resource, UNKNOWN } from "../support/build.js";

const PRIMARY = "the primary's AZ (AWS picks it at apply time)";
const STANDBY = "the standby AZ (AWS places it outside the primary's AZ)";
const terraformMultiAz = resource({ id: "billing-db", kind: "instance", region: UNKNOWN, instances: [{ id: "billing-db", writer: true, az: PRIMARY, secondaryAz: STANDBY }] });

describe("azInRegion", () => {
  it("reads the region from AZ names, Local Zones included", () => {
    expect(regionOfAz("us-east-1a")).toBe("us-east-1");
    expect(regionOfAz("us-west-2-lax-1a")).toBe("us-west-2");
    expect(regionOfAz(STANDBY)).toBeNull();
    expect(azInRegion("us-east-1b", resource())).toBe("yes");
    expect(azInRegion("eu-west-1a", resource())).toBe("no");
  });

  it("an AZ the resource's own instances name (Terraform's placeholders for a Multi-AZ instance) is in its region", () => {
    expect(azInRegion(STANDBY.toLowerCase(), terraformMultiAz)).toBe("yes");
    expect(azInRegion(PRIMARY, terraformMultiAz)).toBe("yes");
  });

  it("other names stay unknown when neither the region nor a real AZ name tells", () => {
    expect(azInRegion("us-east-1a", terraformMultiAz)).toBe("maybe");
    expect(azInRegion("the standby AZ (somewhere else)", terraformMultiAz)).toBe("maybe");
  });
});
