// `haspec init`: writes a starter policy built from every rule's example value, one commented line each.
import { writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { UserError } from "../errors.js";
import { familyOf } from "../engine/select.js";
import { RULES } from "../rules/index.js";
import { ASSUMPTIONS } from "../simulate/index.js";
import { formatDuration } from "../spec/duration.js";
import { EXIT } from "../run/exit-code.js";
import type { Io } from "./io.js";
import { resolve } from "node:path";
import { printable } from "../report/outside-text.js";

/** The starter policy text: valid against the schema, every rule present with its example. */
export function starterPolicy(): string {
  const lines = [
    "# haspec policy: the high-availability intent for your databases.",
    "# Reference: `haspec explain <rule>` or docs/rules.md. Delete what you do not need.",
    "version: 1",
    "name: my-databases",
    "description: Starter policy written by `haspec init`",
    "",
    "targets:",
    "  - name: production",
    "    severity: high",
    "    match:",
    "      kinds: [aurora-cluster, multi-az-cluster, instance]",
    '      tags: { env: "prod*" }',
    "    require:",
  ];
  let group = "";
  // The application tier's rules (compute.*, load_balancer.*) belong in a target of their own kinds: not in this one (issue 23).
  for (const rule of RULES.filter((r) => r.appliesTo.some((k) => familyOf(k) === "database" || k === "application"))) {
    const [g, key] = rule.id.split(".") as [string, string];
    if (g !== group) {
      lines.push(`      ${g}:`);
      group = g;
    }
    lines.push(`        ${key}: ${JSON.stringify(rule.example)}`.padEnd(52) + `  # ${rule.title}`);
  }
  lines.push(
    "",
    "# Figures the inputs cannot give, for objectives.rto/rpo and `haspec simulate` (`haspec explain objectives.rto`):",
    "# assumptions:",
    ...ASSUMPTIONS.map(
      (a) => `#   ${a.name}: ${formatDuration(a.default.seconds)}`.padEnd(34) + `# ${a.term} (${a.default.from === "aws-doc" ? "AWS's published figure" : "the documented default"})`,
    ),
    "",
    "waivers: []",
    "# waivers:",
    "#   - resource: legacy-*            # identifier or glob",
    "#     rules: [failover.max_tier]     # rule ids, or [\"*\"]",
    "#     reason: retired in Q1",
    "#     expires: 2027-03-31",
    "#     approved_by: platform-team",
    "",
  );
  return lines.join("\n");
}

export async function runInit(options: { out: string; force: boolean }, io: Io): Promise<number> {
  const path = resolve(io.cwd, options.out);
  if (existsSync(path) && !options.force) {
    throw new UserError(`${options.out} already exists; pass --force to overwrite it, or --out to write elsewhere`);
  }
  await writeFile(path, starterPolicy());
  const shown = printable(options.out);
  io.stdout.write(`Wrote ${shown}. Check it with: haspec check --policy ${shown} <inputs>\n`);
  return EXIT.ok;
}
