// Drill records (`haspec drill --yes --output FILE`) among the inputs: told by their first bytes, read as evidence for objectives.drilled_within.
import { UserError } from "../errors.js";
import type { DrillEvidence } from "../model/inventory.js";
import { JSON_INPUT_CAP, readRegularFile } from "./regular-file.js";

/** The drill record's first key, as `haspec drill` writes it. */
export const DRILL_RECORD_START = /^\s*\{\s*"kind"\s*:\s*"haspec-drill"/;

function bad(file: string, message: string): UserError {
  return new UserError(`${file} is not a valid haspec drill record: ${message}`, [
    { file, message, hint: "give the file `haspec drill --yes --output FILE` wrote, unchanged" },
  ]);
}

/** One drill record's evidence; a malformed record is a usage error naming the file and the field. */
export async function readDrillRecord(file: string, path: string): Promise<DrillEvidence> {
  let doc: unknown;
  try {
    doc = JSON.parse((await readRegularFile(path, file, JSON_INPUT_CAP)).toString("utf8"));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw bad(file, `not JSON (${(error as Error).message})`);
  }
  const d = doc as Record<string, any>;
  const cluster = d["cluster"];
  if (typeof cluster !== "object" || cluster === null || typeof cluster.id !== "string" || cluster.id === "" || typeof cluster.region !== "string") {
    throw bad(file, "cluster.id and cluster.region must be strings");
  }
  if (d["status"] !== "pass" && d["status"] !== "fail") throw bad(file, `status must be "pass" or "fail", not ${JSON.stringify(d["status"])}`);
  if (typeof d["finishedAt"] !== "string" || Number.isNaN(Date.parse(d["finishedAt"]))) throw bad(file, "finishedAt must be an ISO time");
  const probes = Array.isArray(d["measured"]?.probes) ? (d["measured"].probes as Record<string, unknown>[]) : [];
  const downtimes = probes.map((p) => (typeof p["writeDowntimeSeconds"] === "number" ? p["writeDowntimeSeconds"] : null));
  const worst = downtimes.length === 0 || downtimes.some((x) => x === null) ? null : Math.max(...(downtimes as number[]));
  const objective = typeof d["objective"]?.rto === "number" ? (d["objective"].rto as number) : null;
  const failure =
    d["status"] === "pass"
      ? undefined
      : typeof d["failover"]?.error === "string"
        ? `FailoverDBCluster failed (${d["failover"].error})`
        : typeof d["interrupted"] === "string"
          ? `interrupted: ${d["interrupted"]}`
          : worst === null
            ? "a probe did not reach the new writer"
            : objective === null
              ? "there was no objective to judge it against"
              : `a probe measured ${worst} s of write downtime, over ${objective} s`;
  const rto = d["predicted"]?.rto;
  const num = (x: unknown) => (typeof x === "number" ? x : null);
  return {
    file,
    predicted: { low: num(rto?.low), high: num(rto?.high) },
    probes: probes.map((p) => ({ probe: String(p["probe"] ?? "?"), downtimeSeconds: num(p["writeDowntimeSeconds"]), dnsCacheSeconds: num(p["dnsCacheSeconds"]) })),
    cluster: { id: cluster.id, region: cluster.region, account: typeof cluster.account === "string" ? cluster.account : null },
    status: d["status"],
    finishedAt: new Date(d["finishedAt"]).toISOString(),
    worstDowntimeSeconds: worst,
    objectiveSeconds: objective,
    ...(failure === undefined ? {} : { failure }),
  };
}
