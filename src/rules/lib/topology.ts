// Judges a rule under every writer the data allows: one verdict whichever instance writes, or unknown.
import type { ResourceFacts, TopologyFacts } from "../../facts/index.js";
import type { Verdict } from "../types.js";
import { unknownVerdict } from "./verdict.js";

/**
 * Judges a rule under every possible writer: pass only if it passes whichever instance writes,
 * fail only if it fails whichever does, unknown otherwise (SPEC-v1 "Unknown writer").
 */
export function judgeOverWriters(facts: ResourceFacts, judge: (t: TopologyFacts) => Verdict): Verdict {
  const topologies = facts.topologies;
  if (!topologies.known) return unknownVerdict(topologies.reason);
  const verdicts = topologies.value.map(judge);
  if (verdicts.length === 1) return verdicts[0]!;
  const unknownOne = verdicts.find((v) => v.status === "unknown");
  if (unknownOne) return unknownOne;
  const writers = topologies.value.map((t) => t.writer?.id).join(", ");
  // The same outcome whichever instance writes: the first candidate's message names it as the writer, so say it is one of several.
  const first = verdicts[0]!;
  if (verdicts.every((v) => v.status === first.status) && (first.status === "pass" || first.status === "fail")) {
    return { ...first, message: `${first.message} (shown with ${topologies.value[0]!.writer?.id} as the writer; the outcome is the same whichever of ${writers} writes, and the data does not say which)` };
  }
  return unknownVerdict(
    `the outcome depends on which instance becomes the writer (candidates: ${writers}), and the data does not say`,
  );
}
