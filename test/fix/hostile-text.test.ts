// Issue 18 item 3 for `haspec fix`: the README, the summary on stdout and the comments and strings of the emitted HCL and
// CDKTF carry no raw control, bidi or invisible character from hostile identifiers, and the code still means the same.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { evaluate } from "../../src/engine/evaluate.js";
import { planFixes } from "../../src/fix/plan.js";
import { writeFix } from "../../src/fix/project.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import { inventory, resource } from "../support/build.js";
import { recheckHcl } from "../support/fix-project.js";
import { expectNothingRaw, HOSTILE_NAME_SHOWN, hostileInputs, type HostileInputs } from "../support/hostile.js";
import { policy, target } from "../support/policy.js";

const NOW = "2026-11-22T10:00:00Z";
/** The cluster identifier of both hostile inputs, exactly. */
/** The standalone instance of the AWS CLI input: C1 controls, a zero-width space and a tag character. */
const STANDALONE = 'wiki\u009b31m\u0085;=HYPERLINK("http://x")\u200b\u{e0041}';
const CLUSTER = "orders\u001b[2K\r\u001b[1A\u001b[32mhaspec: all checks passed\u001b[0m\nPolicy: 0 to fix, 0 unknown, 9 compliant.";

function collector(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString("utf8") });
}

async function fix(input: string, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = collector();
  const stderr = collector();
  const io: Io = { stdout, stderr, env: { PATH: process.env.PATH, CI: "true" }, cwd: process.cwd(), now: () => new Date(NOW) };
  const code = await main(["fix", "-p", inputs.policy, input, "--now", NOW, "--out", out], io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

let inputs: HostileInputs;
beforeAll(() => {
  inputs = hostileInputs();
});
afterAll(() => rmSync(dirname(inputs.root), { recursive: true, force: true }));

describe.each([
  ["AWS CLI JSON", () => inputs.awsJson],
  [".tf directory", () => inputs.tf],
] as const)("haspec fix on hostile %s", (kind, input) => {
  let out: string;
  let run: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    out = join(inputs.root, `fix-${kind.replace(/\W/g, "")}`);
    run = await fix(input(), out);
  }, 60_000);

  it("prints a summary with nothing raw", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectNothingRaw(run.stdout, "fix summary");
    expect(run.stdout).toContain(HOSTILE_NAME_SHOWN);
  });

  it("writes a README with nothing raw, every table row as wide as its header", () => {
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expectNothingRaw(readme, "fix README");
    expect(readme).toContain("orders\\\\e\\[2K\\\\r");
    // Addresses are code spans, where a backslash is literal: no Markdown escapes inside them.
    expect(readme).toMatch(/^\| `aws_rds_cluster\.orders[a-z0-9_]*` \|/m);
    let width: number | undefined;
    for (const line of readme.split("\n")) {
      if (!line.startsWith("|")) {
        width = undefined;
        continue;
      }
      const cells = line.split(/(?<!\\)\|/).length;
      width ??= cells;
      expect(cells, line).toBe(width);
    }
  });

  it("emits HCL and CDKTF whose comments show the escapes and whose strings escape them", () => {
    const hcl = readFileSync(join(out, "hcl/main.tf"), "utf8");
    const cdktf = readFileSync(join(out, "cdktf/main.ts"), "utf8");
    expectNothingRaw(hcl, "hcl/main.tf");
    expectNothingRaw(cdktf, "cdktf/main.ts");
    expect(hcl).toMatch(/^# .*\\e\[2K.*\\u202e/m);
  });

  it("emits HCL that still names the hostile resources exactly", async () => {
    const policies = [await loadPolicy(inputs.policy)];
    const { inventory } = await recheckHcl(out, policies, new Date(NOW));
    const ids = inventory.resources.map((r) => r.id);
    expect(ids).toContain(CLUSTER);
    if (kind === "AWS CLI JSON") expect(ids).toContain(STANDALONE);
  });
});

describe("haspec fix's tf.patch", () => {
  it("adds lines with nothing raw", () => {
    const patch = readFileSync(join(inputs.root, "fix-tfdirectory", "tf.patch"), "utf8");
    const added = patch.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++"));
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) expectNothingRaw(line, "tf.patch", "none");
  });
});

describe("haspec fix's SQL files", () => {
  it("name a hostile cluster in their header comment with its escapes shown", async () => {
    const id = "cdc\u202e\u0085\u2066x\u001b[2K\nnext";
    const inv = inventory({ resources: [{ ...resource({ id }), binlogRetentionHours: { known: true, value: null } }] });
    const policies = [policy({ targets: [target({ require: { "binlog.min_retention_hours": 24 } })] })];
    const now = new Date(NOW);
    const plan = planFixes(evaluate(policies, inv, { now }), inv, { policies, now });
    const outDir = join(inputs.root, "fix-sql");
    const files = await writeFix(plan, { outDir, format: "hcl", header: [], policyNames: ["p"], inputs: [], cwd: inputs.root });
    const sql = files.filter((f) => f.startsWith("sql/"));
    expect(sql).toHaveLength(1);
    const text = readFileSync(join(outDir, sql[0]!), "utf8");
    expectNothingRaw(text, sql[0]!);
    expect(text.split("\n")[0]).toContain("\\u202e");
  });
});
