// Judges a rule under every writer the data allows: one verdict whichever instance writes, or unknown.
import type { ResourceFacts, TopologyFacts } from "../../facts/index.js";
import type { Verdict } from "../types.js";
import { unknownVerdict } from "./verdict.js";

/**
 * Judges a rule under every possible writer: pass only if it passes whichever instance writes,
 * fail only if it fails whichever does, unknown otherwise (SPEC-v1 "Unknown writer").
 */
export function judgeOverWriters<Id extends string>(facts: ResourceFacts, judge: (t: TopologyFacts) => Verdict<Id>): Verdict<Id> {
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
    const message = { messageId: first.messageId, ...(first.data ? { data: first.data } : {}) };
    return { ...first, messageId: "sameWhicheverWriter", data: { message, writer: String(topologies.value[0]!.writer?.id), writers } };
  }
  return unknownVerdict(
    `the outcome depends on which instance becomes the writer (candidates: ${writers}), and the data does not say`,
  );
}
