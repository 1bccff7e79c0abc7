// Checks of a policy's waivers that the schema cannot express: valid resource globs, known rule ids, real calendar dates.
import type { Problem } from "../errors.js";
import { globProblem } from "./glob-problem.js";
import { isRecord, type SourceMap } from "./policy-document.js";
import { DATE_PATTERN } from "./policy-schema.js";
import { policyVocabulary } from "./policy-vocabulary.js";
import { closestMatch } from "./suggest.js";

const DATE_RE = new RegExp(DATE_PATTERN);

/** Problems of the waivers of `data` (already validated against the schema, or not: wrong shapes are skipped). */
export function waiverProblems(source: SourceMap, data: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const { ruleIds, groups } = policyVocabulary();
  const waivers = Array.isArray(data["waivers"]) ? data["waivers"] : [];
  waivers.forEach((waiver: unknown, i) => {
    if (!isRecord(waiver)) return;
    const resourceProblem = globProblem(source, ["waivers", i, "resource"], waiver["resource"]);
    if (resourceProblem) problems.push(resourceProblem);
    if (Array.isArray(waiver["rules"])) {
      waiver["rules"].forEach((id: unknown, j) => {
        if (typeof id !== "string" || id === "" || id === "*" || ruleIds.has(id)) return;
        const close = closestMatch(id, ruleIds);
        const hint = groups.has(id)
          ? `"${id}" is a group; list its rules (e.g. "${id}.${groups.get(id)?.[0] ?? "…"}") or use "*"`
          : close
            ? `did you mean "${close}"?`
            : 'rule ids are "<group>.<key>" as written under require, e.g. "multi_az.min_azs"; "*" waives every rule';
        problems.push(source.problem(["waivers", i, "rules", j], "value", `unknown rule id "${id}"`, hint));
      });
    }
    const expires = waiver["expires"];
    if (typeof expires === "string" && DATE_RE.test(expires) && !isCalendarDate(expires)) {
      problems.push(
        source.problem(["waivers", i, "expires"], "value", `expected a calendar date YYYY-MM-DD, got "${expires}"`, "that day does not exist; check the month and day"),
      );
    }
  });
  return problems;
}

function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && m >= 1 && m <= 12;
}
