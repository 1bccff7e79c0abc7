// The drill record (SPEC §8): what was predicted, what each probe measured, the RDS events, and whether the downtime met the objective.

export interface ProbeRecord {
  readonly probe: "simple" | "aware" | "proxy";
  /** `host:port` the probe connected to first. */
  readonly endpoint: string;
  readonly dnsCacheSeconds: number;
  /** From the first failed or read-only answer to the first answer of the new writer; 0 when no answer failed; null when it never recovered. */
  readonly writeDowntimeSeconds: number | null;
  readonly firstFailureAt: string | null;
  readonly recoveredAt: string | null;
  readonly errors: number;
  readonly readOnlyAnswers: number;
  /** Why the probe ended without recovering. */
  readonly stopped?: string;
}

export interface DrillEvent {
  /** `RDS-EVENT-0071`…, told from the message (DescribeEvents gives no id); null for a message not in the table. */
  readonly id: string | null;
  readonly at: string;
  readonly message: string;
}

export interface DrillRecord {
  readonly kind: "haspec-drill";
  readonly tool: { readonly name: string; readonly version: string };
  readonly cluster: { readonly id: string; readonly region: string; readonly account: string | null; readonly address: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly predicted: { readonly writerAfter: readonly string[]; readonly rto: { readonly low: number | null; readonly high: number | null; readonly bound: string } };
  readonly measured: { readonly writerBefore: string | null; readonly writerAfter: string | null; readonly probes: readonly ProbeRecord[] };
  readonly events: readonly DrillEvent[];
  /** The downtime each probe must stay within: the policy's objectives.rto.writer, else the predicted high. */
  readonly objective: { readonly rto: number | null; readonly from: "policy" | "prediction" | null };
  readonly status: "pass" | "fail";
  /** The one write call: when it was sent, the instance asked for (null: Aurora chose), and its error when it failed. */
  readonly failover: { readonly requestedAt: string | null; readonly target: string | null; readonly error?: string };
  /** Set when the drill did not run to its end (Ctrl-C, …): what stopped it. */
  readonly interrupted?: string;
  readonly notes: readonly string[];
}

/** RDS cluster failover events by message (Aurora User Guide, USER_Events.Messages). */
const EVENT_IDS: readonly (readonly [RegExp, string])[] = [
  [/^Cluster failover failed/i, "RDS-EVENT-0069"],
  [/^Promoting previous primary again/i, "RDS-EVENT-0070"],
  [/^Completed failover to DB instance/i, "RDS-EVENT-0071"],
  [/^Started same AZ failover to DB instance/i, "RDS-EVENT-0072"],
  [/^Started cross AZ failover to DB instance/i, "RDS-EVENT-0073"],
];

export function eventIdOf(message: string): string | null {
  return EVENT_IDS.find(([re]) => re.test(message.trim()))?.[1] ?? null;
}

/** pass only when the failover was sent and succeeded, nothing stopped the drill, and every probe recovered within the objective. */
export function drillStatus(record: Pick<DrillRecord, "failover" | "interrupted" | "objective" | "measured">): "pass" | "fail" {
  const limit = record.objective.rto;
  if (limit === null || record.failover.requestedAt === null || record.failover.error !== undefined || record.interrupted !== undefined) return "fail";
  if (record.measured.probes.length === 0) return "fail";
  return record.measured.probes.every((p) => p.writeDowntimeSeconds !== null && p.writeDowntimeSeconds <= limit) ? "pass" : "fail";
}

/** Whether a parsed JSON document is a drill record (how `check` tells one among its inputs). */
export function isDrillRecord(doc: unknown): doc is DrillRecord {
  if (typeof doc !== "object" || doc === null) return false;
  const d = doc as Record<string, unknown>;
  return d["kind"] === "haspec-drill" && typeof d["cluster"] === "object" && typeof d["measured"] === "object" && typeof d["status"] === "string";
}
