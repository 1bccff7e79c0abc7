// Test builder for loaded policies (the shape loadPolicy returns), without a file.
import type { Policy, Target, Waiver } from "../../src/spec/policy.js";

export function target(t: Partial<Target> & { require?: Record<string, unknown> } = {}): Target {
  return {
    name: t.name ?? "prod",
    severity: t.severity ?? "high",
    match: t.match ?? {},
    requirements:
      t.requirements ??
      Object.entries(t.require ?? { "backup.min_retention_days": 7 }).map(([ruleId, option], i) => ({
        ruleId,
        option,
        position: { line: 10 + i, column: 9 },
      })),
  };
}

export function policy(p: { targets?: Target[]; waivers?: Waiver[]; name?: string } = {}): Policy {
  return {
    version: 1,
    name: p.name ?? "test-policy",
    targets: p.targets ?? [target()],
    waivers: p.waivers ?? [],
    file: "policies/test.yaml",
    sha256: "0".repeat(64),
  };
}
