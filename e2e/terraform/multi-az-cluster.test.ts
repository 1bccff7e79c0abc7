// A Multi-AZ DB cluster: read back every way, and the fix loop from AWS-JSON, snapshot and live input.
import { estateSuite } from "./harness/suite.js";

estateSuite("multi-az-cluster", { fixLoop: true });
