// Drill output for people: the dry run's plan, and a finished drill's timeline with predicted against measured downtime per probe.
import { printable } from "../report/outside-text.js";
import type { DrillPlan } from "./plan.js";
import type { DrillRecord } from "./record.js";

const secs = (n: number | null) => (n === null ? "?" : `${Number.isInteger(n) ? n : n.toFixed(1)} s`);
const range = (low: number | null, high: number | null) => (low === null && high === null ? "unknown" : `${secs(low)} – ${high === null ? "no bound" : secs(high)}`);

/** The dry run as JSON (`--format json` without --yes). */
export function planJson(plan: DrillPlan): Record<string, unknown> {
  const c = plan.target;
  return {
    dryRun: true,
    cluster: { id: c.id, region: c.region, account: c.account, address: c.address, engine: c.engine, status: c.status },
    writerBefore: plan.writerBefore,
    predicted: plan.predicted,
    terms: plan.terms,
    objective: plan.objective,
    probes: plan.probes.map((p) => ({ probe: p.probe, endpoint: `${p.endpoint.host}:${p.endpoint.port}`, dnsCacheSeconds: p.dnsCacheSeconds, describe: p.describe })),
    skippedProbes: plan.skippedProbes,
    call: plan.call,
    notes: plan.notes,
  };
}

export function planText(plan: DrillPlan): string {
  const c = plan.target;
  const lines = [
    `haspec drill (dry run: nothing is sent; add --yes to run it)`,
    `cluster   ${printable(c.id)} (${printable(c.engine)}, ${printable(c.region)}${c.account ? `, ${c.account}` : ""}), ${printable(c.status)}`,
    `writer    ${printable(plan.writerBefore ?? "?")} → predicted ${plan.predicted.writerAfter.length > 0 ? plan.predicted.writerAfter.map(printable).join(" or ") : "none"}`,
    `predicted write downtime ${range(plan.predicted.rto.low, plan.predicted.rto.high)} (${plan.predicted.rto.bound})`,
    ...plan.terms.map((t) => `  ${printable(t)}`),
    `objective ${plan.objective.rto === null ? "none (no objectives.rto.writer and no predicted high)" : `${secs(plan.objective.rto)} (${plan.objective.from === "policy" ? "the policy's objectives.rto.writer" : "the predicted high"})`}`,
    ``,
    `probes (each a connection loop, every ${plan.intervalMs} ms, ${plan.connectTimeoutMs} ms timeouts):`,
    ...plan.probes.map((p) => `  ${p.probe.padEnd(6)} ${printable(p.describe)}`),
    ...plan.skippedProbes.map((s) => `  (${printable(s)})`),
    ``,
    `the one API call, sent only with --yes once every probe has reached the writer:`,
    `  ${plan.call.operation} ${Object.entries(plan.call.params).map(([k, v]) => `${k}=${printable(v)}`).join(" ")}`,
    `  (aws rds failover-db-cluster --db-cluster-identifier ${printable(c.id)}${plan.call.params["TargetDBInstanceIdentifier"] ? ` --target-db-instance-identifier ${printable(plan.call.params["TargetDBInstanceIdentifier"])}` : ""} --region ${printable(c.region)})`,
  ];
  return `${lines.join("\n")}\n`;
}

/** A finished drill: the timeline (seconds from the failover call), then predicted against measured per probe and the verdict. */
export function recordText(record: DrillRecord): string {
  const zero = Date.parse(record.failover.requestedAt ?? record.startedAt);
  const at = (iso: string) => {
    const d = (Date.parse(iso) - zero) / 1000;
    return `${d >= 0 ? "+" : "-"}${Math.abs(d).toFixed(1)}s`.padStart(8);
  };
  const timeline: [string, string][] = [];
  if (record.failover.requestedAt !== null) {
    timeline.push([record.failover.requestedAt, `FailoverDBCluster ${record.cluster.id}${record.failover.target ? ` → ${record.failover.target}` : ""}${record.failover.error ? ` FAILED: ${record.failover.error}` : ""}`]);
  }
  for (const e of record.events) timeline.push([e.at, `${e.id ?? "RDS event"} ${e.message}`]);
  for (const p of record.measured.probes) {
    if (p.firstFailureAt !== null) timeline.push([p.firstFailureAt, `${p.probe}: first failed or read-only answer`]);
    if (p.recoveredAt !== null) timeline.push([p.recoveredAt, `${p.probe}: writer again`]);
  }
  timeline.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
  const lines = [
    `haspec drill ${printable(record.cluster.id)} (${printable(record.cluster.region)}): ${record.status.toUpperCase()}`,
    `writer ${printable(record.measured.writerBefore ?? "?")} → ${printable(record.measured.writerAfter ?? "?")} (predicted ${record.predicted.writerAfter.map(printable).join(" or ") || "none"})`,
    ``,
    ...timeline.map(([t, what]) => `${at(t)}  ${printable(what)}`),
    ``,
    `predicted write downtime ${range(record.predicted.rto.low, record.predicted.rto.high)}; objective ${record.objective.rto === null ? "none" : secs(record.objective.rto)}${record.objective.from ? ` (${record.objective.from})` : ""}`,
    ...record.measured.probes.map(
      (p) =>
        `  ${p.probe.padEnd(6)} measured ${p.writeDowntimeSeconds === null ? "— did not recover" : `${p.writeDowntimeSeconds.toFixed(1)} s`}` +
        `  (${p.errors} errors, ${p.readOnlyAnswers} read-only answers, DNS cache ${p.dnsCacheSeconds} s)${p.stopped ? ` — ${printable(p.stopped)}` : ""}`,
    ),
    ...(record.interrupted ? [``, `interrupted: ${printable(record.interrupted)}`] : []),
    ...record.notes.map((n) => `note: ${printable(n)}`),
  ];
  return `${lines.join("\n")}\n`;
}
