// A glob in a policy (match.identifiers, match.tags, a waiver's resource) that picomatch cannot compile, as a problem.
import picomatch from "picomatch";
import type { Problem } from "../errors.js";
import { describeFound } from "./describe-value.js";
import type { Segment, SourceMap } from "./policy-document.js";

/** A problem at `segments` when `glob` is not a valid glob; nothing for a valid one or a value that is not a string. */
export function globProblem(source: SourceMap, segments: Segment[], glob: unknown): Problem | undefined {
  if (typeof glob !== "string" || glob === "") return undefined;
  try {
    picomatch.makeRe(glob, { strictBrackets: true, debug: true });
    return undefined;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return source.problem(segments, "value", `invalid glob ${describeFound(glob)}: ${why}`, "escape a literal bracket or brace with a backslash");
  }
}
