// Aurora PostgreSQL through a local module, and standalone single-AZ and Multi-AZ instances: read back every way, and the fix loop.
import { estateSuite } from "./harness/suite.js";

estateSuite("postgres-module-instances", { fixLoop: true });
