// Checks of a policy's targets that the schema cannot express: unique names, valid globs.
import type { Problem } from "../errors.js";
import { globProblem } from "./glob-problem.js";
import { isRecord, type SourceMap } from "./policy-document.js";

/** Problems of the targets of `data` (already validated against the schema, or not: wrong shapes are skipped). */
export function targetProblems(source: SourceMap, data: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const targets = Array.isArray(data["targets"]) ? data["targets"] : [];
  const firstByName = new Map<string, number>();
  targets.forEach((target: unknown, i) => {
    if (!isRecord(target)) return;
    const name = target["name"];
    if (typeof name === "string") {
      const first = firstByName.get(name);
      if (first === undefined) firstByName.set(name, i);
      else {
        const firstLine = source.locate(["targets", first, "name"], "value").line;
        problems.push(
          source.problem(["targets", i, "name"], "value", `duplicate target name "${name}"`, `target names must be unique; targets[${first}] on line ${firstLine} is also "${name}"`),
        );
      }
    }
    const match = target["match"];
    if (isRecord(match)) {
      if (Array.isArray(match["identifiers"])) {
        match["identifiers"].forEach((glob: unknown, j) => {
          const p = globProblem(source, ["targets", i, "match", "identifiers", j], glob);
          if (p) problems.push(p);
        });
      }
      if (isRecord(match["tags"])) {
        for (const [tag, glob] of Object.entries(match["tags"])) {
          const p = globProblem(source, ["targets", i, "match", "tags", tag], glob);
          if (p) problems.push(p);
        }
      }
    }
  });
  return problems;
}
