// `haspec explain RULE_ID`: prints the rule's generated documentation; without a rule (or with --list), the list of rules.
import { UserError } from "../errors.js";
import { ruleMarkdown } from "../rules/docs.js";
import { findRule, RULES } from "../rules/index.js";
import { assumptionsMarkdown, figuresMarkdown } from "../rules/lib/objectives.js";
import type { Rule } from "../rules/types.js";
import { closestMatch } from "../spec/suggest.js";
import { EXIT } from "../run/exit-code.js";
import type { Io } from "./io.js";

export interface ExplainOptions {
  /** The rule to document; absent lists every rule. */
  readonly ruleId?: string;
  /** `--list`: list every rule (the same as giving no rule). */
  readonly list?: boolean;
}

/** Every rule of the registry, one line each (id, title), under its group, in the registry's order. */
export function rulesList(rules: readonly Rule<unknown>[] = RULES): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const groups = new Map<string, Rule<unknown>[]>();
  for (const rule of rules) groups.set(rule.group, [...(groups.get(rule.group) ?? []), rule]);
  const out = [`haspec has ${rules.length} rules; \`haspec explain RULE_ID\` prints one's documentation.`, ""];
  for (const [group, members] of groups) {
    out.push(`${group}:`);
    for (const rule of members) out.push(`  ${rule.id.padEnd(width)}  ${rule.title}`);
    out.push("");
  }
  return out.join("\n");
}

export async function runExplain(options: ExplainOptions, io: Io): Promise<number> {
  const { ruleId, list = false } = options;
  if (ruleId !== undefined && list) {
    throw new UserError(`give a RULE_ID or --list, not both: \`haspec explain ${ruleId}\` prints that rule, \`haspec explain --list\` every rule`);
  }
  if (ruleId === undefined) {
    io.stdout.write(rulesList());
    return EXIT.ok;
  }
  const rule = findRule(ruleId);
  if (!rule) {
    const ids = RULES.map((r) => r.id);
    const suggestion = closestMatch(ruleId, ids);
    throw new UserError(
      `there is no rule ${JSON.stringify(ruleId)}${suggestion ? `; did you mean ${suggestion}?` : ""}; \`haspec explain --list\` lists every rule`,
      [],
    );
  }
  io.stdout.write(ruleMarkdown(rule));
  // The objectives are estimates: list where their terms' figures come from, from the simulation's own catalogs.
  if (rule.group === "objectives") io.stdout.write(`\n${figuresMarkdown()}\n${assumptionsMarkdown()}`);
  return EXIT.ok;
}
