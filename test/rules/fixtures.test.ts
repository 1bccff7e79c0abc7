// Runs every rule's AWS-CLI-JSON fixture folder through the real source and engine against its expected.json.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { readAwsJson } from "../../src/sources/aws-json/index.js";
import { policy, target } from "../support/policy.js";

const root = join(import.meta.dirname, "../fixtures/rules");
const folders = existsSync(root) ? readdirSync(root).sort() : [];

describe.each(folders)("fixtures of %s", (ruleId) => {
  const folder = join(root, ruleId);
  const { option, expected } = JSON.parse(readFileSync(join(folder, "expected.json"), "utf8")) as {
    option: unknown;
    expected: Record<string, string>;
  };

  it("judges every resource as expected", async () => {
    const inventory = await readAwsJson([folder]);
    const ev = evaluate([policy({ targets: [target({ require: { [ruleId]: option } })] })], inventory, {
      now: new Date("2026-11-22T10:00:00Z"),
    });
    const actual = Object.fromEntries(ev.results.map((r) => [r.resource.id, r.status]));
    expect(actual).toEqual(expected);
    // Every template found its data: no {{placeholder}} is left in a message.
    expect(ev.results.filter((r) => r.message.includes("{{")).map((r) => `${r.resource.id}: ${r.message}`)).toEqual([]);
  });
});
