// `haspec explain RULE_ID`: prints the rule's generated documentation.
import { UserError } from "../errors.js";
import { ruleMarkdown } from "../rules/docs.js";
import { findRule, RULES } from "../rules/index.js";
import { closestMatch } from "../spec/suggest.js";
import { EXIT } from "../run/exit-code.js";
import type { Io } from "./io.js";

export async function runExplain(ruleId: string, io: Io): Promise<number> {
  const rule = findRule(ruleId);
  if (!rule) {
    const ids = RULES.map((r) => r.id);
    const suggestion = closestMatch(ruleId, ids);
    throw new UserError(
      `there is no rule ${JSON.stringify(ruleId)}${suggestion ? `; did you mean ${suggestion}?` : ""}`,
      [],
    );
  }
  io.stdout.write(ruleMarkdown(rule));
  return EXIT.ok;
}
