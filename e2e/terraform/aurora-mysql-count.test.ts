// Aurora MySQL written with count and for_each: read back every way, and the fix loop from AWS-JSON, snapshot and live input.
import { estateSuite } from "./harness/suite.js";

estateSuite("aurora-mysql-count", { fixLoop: true });
