// Rule documentation generated from the rule objects: used by `haspec explain` and docs/rules.md.
import type { Rule } from "./types.js";

function optionDescription(schema: Record<string, unknown>): string {
  return JSON.stringify(schema);
}

/** One rule's documentation as Markdown. */
export function ruleMarkdown(rule: Rule<unknown>): string {
  const [group, key] = rule.id.split(".");
  const lines = [
    `## \`${rule.id}\``,
    "",
    `**${rule.title}.**`,
    "",
    rule.why,
    "",
    `- Applies to: ${rule.appliesTo.map((k) => `\`${k}\``).join(", ")}`,
    `- Reads (API): ${rule.inspects.api.length ? rule.inspects.api.map((f) => `\`${f}\``).join(", ") : "—"}`,
    `- Reads (Terraform): ${rule.inspects.terraform.length ? rule.inspects.terraform.map((f) => `\`${f}\``).join(", ") : "—"}`,
    `- Option: \`${optionDescription(rule.optionSchema)}\``,
    `- Fix: ${rule.fixHint}`,
    "",
    "```yaml",
    "require:",
    `  ${group}:`,
    `    ${key}: ${JSON.stringify(rule.example)}`,
    "```",
    "",
  ];
  return lines.join("\n");
}

/** The whole rule reference, in index order, grouped. */
export function rulesReference(rules: readonly Rule<unknown>[]): string {
  const header = [
    "# Rule reference",
    "",
    "Generated from the rule definitions in `src/rules/` by `npm run gen:docs`; do not edit by hand.",
    "Each rule's id is `<group>.<key>`, the key under `require:` in a policy target.",
    "",
  ];
  return header.join("\n") + rules.map(ruleMarkdown).join("\n");
}
