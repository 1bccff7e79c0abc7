// The audit report's drill section: each cluster's newest drill record, predicted against measured write downtime per probe.
import type { DrillEvidence } from "../model/inventory.js";
import { esc } from "./html-page.js";

const secs = (n: number | null) => (n === null ? "?" : `${n} s`);

/** The newest record per cluster (id, region, account), newest first. */
export function newestDrills(drills: readonly DrillEvidence[]): DrillEvidence[] {
  const newest = new Map<string, DrillEvidence>();
  for (const d of drills) {
    const key = `${d.cluster.id.toLowerCase()}\u0000${d.cluster.region}\u0000${d.cluster.account ?? ""}`;
    const seen = newest.get(key);
    if (seen === undefined || Date.parse(d.finishedAt) > Date.parse(seen.finishedAt)) newest.set(key, d);
  }
  return [...newest.values()].sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt));
}

export function drillsSection(drills: readonly DrillEvidence[]): string {
  const rows = newestDrills(drills).map((d) => {
    const measured = d.probes.map((p) => `${esc(p.probe)} ${p.downtimeSeconds === null ? "did not recover" : esc(secs(p.downtimeSeconds))}${p.dnsCacheSeconds ? ` (DNS cache ${esc(p.dnsCacheSeconds)} s)` : ""}`).join("<br>");
    const predicted = d.predicted.low === null && d.predicted.high === null ? "unknown" : `${esc(secs(d.predicted.low))} – ${d.predicted.high === null ? "no bound" : esc(secs(d.predicted.high))}`;
    return (
      `<tr data-status="${esc(d.status)}"><td><code>${esc(d.cluster.id)}</code><br><span class="muted">${esc(d.cluster.region)}</span></td>` +
      `<td>${esc(d.finishedAt)}</td><td>${predicted}</td><td>${measured || "no probe"}</td><td>${esc(secs(d.objectiveSeconds))}</td>` +
      `<td><span class="badge s-${d.status === "pass" ? "pass" : "fail"}">${esc(d.status)}</span>${d.failure ? `<br><span class="muted">${esc(d.failure)}</span>` : ""}</td>` +
      `<td><code>${esc(d.file)}</code></td></tr>`
    );
  });
  return (
    `<section id="drills"><h2>Drills</h2>\n<p class="muted">The newest failover drill of each cluster (haspec drill --yes), as given to this run: the write downtime it predicted against what each probe measured.</p>\n` +
    `<table class="drills"><tr><th>Cluster</th><th>Finished</th><th>Predicted</th><th>Measured</th><th>Objective</th><th>Status</th><th>Record</th></tr>\n${rows.join("\n")}\n</table></section>\n`
  );
}
