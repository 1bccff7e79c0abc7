// Baseline for the benchmark: read and JSON.parse every .json file under the given paths, nothing else.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

let parsed = 0;
function visit(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) visit(join(path, name));
  } else if (path.endsWith(".json")) {
    const data = JSON.parse(readFileSync(path, "utf8"));
    if (data && typeof data === "object") parsed++;
  }
}
for (const arg of process.argv.slice(2)) visit(arg);
if (parsed === 0) process.exitCode = 2;
