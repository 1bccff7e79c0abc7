// `haspec explain`: a rule's docs; with no argument or --list, every rule, one line each, grouped.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { RULES } from "../../src/rules/index.js";
import { ASSUMPTIONS } from "../../src/simulate/index.js";

function sink(): Writable & { text: string } {
  const out = new Writable({
    write(chunk, _encoding, done) {
      out.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  out.text = "";
  return out;
}

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const io: Io = { stdout, stderr, env: {}, cwd: process.cwd(), now: () => new Date("2026-11-22T10:00:00Z") };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("haspec explain", () => {
  it.each([[["explain"]], [["explain", "--list"]]])("%j lists every rule of the registry, one line each (id, title), grouped, exit 0", async (args) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.split("\n");
    for (const rule of RULES) {
      const line = lines.filter((l) => l.trim().startsWith(`${rule.id} `));
      expect(line, rule.id).toHaveLength(1);
      expect(line[0]).toContain(rule.title);
    }
    const groups: string[] = [...new Set(RULES.map((r) => r.group))];
    const headings = lines.filter((l) => /^\S/.test(l) && groups.includes(l.replace(/:$/, "")));
    expect(headings.map((h) => h.replace(/:$/, ""))).toEqual(groups);
    // Each rule sits under its own group's heading.
    let group = "";
    for (const l of lines) {
      if (headings.includes(l)) group = l.replace(/:$/, "");
      const id = l.trim().split(/\s/)[0]!;
      if (RULES.some((r) => r.id === id)) expect(id.startsWith(`${group}.`), l).toBe(true);
    }
    expect(stdout).toContain("haspec explain RULE_ID");
  });

  it("still prints one rule's docs, and a typo gets a suggestion and exit 2", async () => {
    const ok = await run(["explain", "failover.max_tier"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("## `failover.max_tier`");
    const bad = await run(["explain", "failover.max_teir"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("did you mean failover.max_tier?");
  });

  it("refuses --list together with a rule id", async () => {
    const both = await run(["explain", "--list", "failover.max_tier"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--list");
  });

  it("explains an objectives rule with the assumptions its estimates may rest on: name, default and source, from the catalog", async () => {
    const { code, stdout } = await run(["explain", "objectives.rto"]);
    expect(code).toBe(0);
    expect(stdout).toContain("## `objectives.rto`");
    expect(stdout).toContain("### Assumptions");
    expect(stdout).toContain("### Published figures");
    expect(stdout).toMatch(/\| `multiAzInstanceFailover` \| 60–120 s \|.*Concepts\.MultiAZSingleStandby/);
    for (const a of ASSUMPTIONS) {
      const row = stdout.split("\n").find((l) => l.startsWith(`| \`${a.name}\` |`));
      expect(row, a.name).toBeDefined();
      expect(row).toContain(`${a.default.seconds} s`);
      expect(row).toContain(a.default.source.slice(0, 20));
    }
    expect((await run(["explain", "backup.min_retention_days"])).stdout).not.toContain("### Assumptions");
  });
});
