// What objectives.rto and objectives.rpo share: simulating the disruptions an objective names, the verdict, its wording and its remedies.
import type { Resource, ResourceKind } from "../../model/resource.js";
import { known } from "../../model/value.js";
import type { Disruption, DisruptionKind, Estimate, Term } from "../../simulate/types.js";
import { durationSchema, formatDuration } from "../../spec/duration.js";
import {
  DISRUPTION_KINDS,
  judgeObjective,
  parseObjective,
  type EstimatesByKind,
  type KindJudgement,
  type Measure,
  type NamedEstimate,
  type ObjectiveJudgement,
} from "../objectives/judge.js";
import { manual, type ManualStep } from "../remedy.js";
import type { RuleContext, Verdict } from "../types.js";
import { ASSUMPTIONS, assumptionsTable, FIGURES, objectiveDisruptions, simulateResource } from "../../simulate/index.js";
import { judgeOverWriters } from "./topology.js";
import { fail, pass, unknownVerdict } from "./verdict.js";

/** The messages both rules declare: the value (the estimate against the objective), then the term that dominates, then what shrinks it. */
export const OBJECTIVE_MESSAGES = {
  withinObjective: "{{measure}} within the objective for every disruption: {{summary}}; the largest term is {{term}} ({{termRange}}, {{termFrom}})",
  overObjective:
    "{{measure}} after {{disruption}} is up to {{high}}, over the objective of {{objective}}: {{term}} ({{termRange}}, {{termFrom}}) dominates; {{advice}}",
  noUpperBound:
    "{{measure}} after {{disruption}} has no upper bound{{atLeast}}, against the objective of {{objective}}: {{term}} ({{termFrom}}) waits for a person; {{advice}}",
} as const;

type ObjectiveMessageId = keyof typeof OBJECTIVE_MESSAGES;

/** The option schema of `objectives.rto` / `objectives.rpo`: a duration per disruption kind, at least one. */
export function objectiveOptionSchema(measure: Measure): Record<string, unknown> {
  const what = measure === "rto" ? "longest acceptable time to recover" : "most data (as time) acceptable to lose";
  return {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: {
      writer: durationSchema(`The ${what} when the writer fails: 90s, 5m, 1h, 2d or whole seconds.`),
      az: durationSchema(`The ${what} when an Availability Zone the resource runs in is lost (every such AZ is judged).`),
      region: durationSchema(`The ${what} when the resource's region is lost.`),
    },
  };
}

function seconds(s: number | null): string {
  return s === null ? "unbounded" : `${s} s`;
}

function range(e: { readonly low: number | null; readonly high: number | null }): string {
  if (e.low === null && e.high === null) return "unknown";
  if (e.high === null) return `${seconds(e.low)} or more`;
  return e.low === e.high ? seconds(e.high) : `${e.low ?? "?"}–${e.high} s`;
}

/** Where a term's figure comes from, as `from: ref` (a default's ref already says "default of …"). */
function termFrom(t: Term): string {
  return t.ref.startsWith(t.from) ? t.ref : `${t.from}: ${t.ref}`;
}

/** Simulates each disruption of the kinds listed: `writer`, `az:NAME` for every AZ the resource runs in, `region:NAME`. */
export function estimatesFor(resource: Resource, kinds: readonly DisruptionKind[], measure: Measure, ctx: RuleContext): EstimatesByKind {
  const run = (d: Disruption): NamedEstimate => {
    const scenario = simulateResource(resource, d, ctx.facts, ctx.assumptions);
    return { disruption: scenario.disruption, estimate: scenario[measure] };
  };
  const cannot = (disruption: string, reason: string): NamedEstimate => ({
    disruption,
    estimate: { low: null, high: null, bound: "unknown", terms: [], reason },
  });
  // The same disruptions simulate judges: writer, every AZ the resource runs in, its region.
  const plan = objectiveDisruptions(resource, ctx.facts);
  const out: Partial<Record<DisruptionKind, readonly NamedEstimate[]>> = {};
  for (const kind of kinds) {
    const named = [
      ...plan.disruptions.filter((d) => d.kind === kind).map(run),
      ...plan.skipped.filter((s) => s.disruption.startsWith(`${kind}:`)).map((s) => cannot(kind, s.reason)),
    ];
    if (named.length === 0) named.push(cannot(kind, `${resource.id} has no instance, so no AZ it runs in`));
    out[kind] = named;
  }
  return out;
}

/** The verdict of `objectives.<measure>` on a resource: simulate what the objective names, judge, word it. */
export function objectiveVerdict(measure: Measure, resource: Resource, option: unknown, ctx: RuleContext): Verdict<ObjectiveMessageId> {
  const objective = parseObjective(option);
  const kinds = DISRUPTION_KINDS.filter((k) => objective[k] !== undefined);
  const judge = (r: Resource) => judgementVerdict(measure, judgeObjective(estimatesFor(r, kinds, measure, ctx), objective), r.kind);
  const facts = ctx.facts.of(resource);
  const topologies = facts.topologies;
  if (!topologies.known || topologies.value.length <= 1) return judge(resource);
  // The data does not say which instance writes (.tf, a plan that creates the cluster): simulate each candidate as the writer (SPEC §1 "Unknown writer").
  return judgeOverWriters(facts, (t) => judge(withWriter(resource, t.writer?.id)));
}

/** The resource as it is when `writerId` writes: that instance marked the writer, the others readers. */
function withWriter(resource: Resource, writerId: string | undefined): Resource {
  if (writerId === undefined || !resource.instances.known) return resource;
  const instances = resource.instances.value.map((i) => ({ ...i, isWriter: known(i.id === writerId) }));
  return { ...resource, instances: known(instances) };
}

/** Words a judgement: the decisive disruption, its range against the objective, the term that dominates and what shrinks it. */
export function judgementVerdict(measure: Measure, judgement: ObjectiveJudgement, kind: ResourceKind): Verdict<ObjectiveMessageId> {
  const label = measure.toUpperCase();
  const details = { expected: judgement.expected, actual: judgement.actual, evidence: judgement.kinds.flatMap((k) => evidenceOf(measure, k)) };
  const worst = judgement.decisive;
  if (worst === undefined) return unknownVerdict(`the policy's objectives.${measure} names no disruption`, details);
  if (judgement.status === "unknown") return unknownVerdict(`${label} after ${worst.decisive?.disruption ?? worst.kind}: ${worst.reason}`, details);
  const term = worst.dominant;
  const termData = {
    term: term?.term ?? "no term",
    termRange: term ? range(term) : "0 s",
    termFrom: term ? termFrom(term) : "the simulation gave no term",
  };
  if (judgement.status === "pass") {
    const summary = judgement.kinds
      .map((k) => `${k.decisive?.disruption ?? k.kind} ${range(k.decisive!.estimate)} ≤ ${formatDuration(k.objective)}`)
      .join(", ");
    return pass("withinObjective", { measure: label, summary, ...termData }, details);
  }
  const estimate = worst.decisive!.estimate;
  const remedies = remediesFor(measure, term, estimate, { kind, disruption: worst.decisive!.disruption });
  const data = {
    measure: label,
    disruption: worst.decisive!.disruption,
    objective: formatDuration(worst.objective),
    advice: remedies[0]?.text ?? "shrink that term",
    ...termData,
  };
  // The report's one-line diff: `rto[az:us-east-1a] = 15–425 s -> <= 5m`.
  const diff = { attribute: `${measure}[${data.disruption}]`, from: estimate.high === null ? "no upper bound" : range(estimate), to: `<= ${data.objective}` };
  if (estimate.bound === "unbounded" || estimate.high === null) {
    const atLeast = estimate.low !== null && estimate.low > 0 ? ` (at least ${seconds(estimate.low)})` : "";
    return fail("noUpperBound", { ...data, atLeast }, { ...details, remedies, diff });
  }
  return fail("overObjective", { ...data, high: seconds(estimate.high) }, { ...details, remedies, diff });
}

/** Each term of the decisive estimate of a kind, for the audit trail. */
function evidenceOf(measure: Measure, k: KindJudgement): { field: string; value: unknown }[] {
  if (!k.decisive) return [];
  return k.decisive.estimate.terms.map((t) => ({
    field: `${measure}[${k.decisive!.disruption}].${t.term}`,
    value: { low: t.low, high: t.high, from: t.from, ref: t.ref },
  }));
}

/** What the advice needs to know about the failing scenario. */
export interface RemedyContext {
  readonly kind: ResourceKind;
  /** SPEC §6.1's name of the disruption (`writer`, `az:us-east-1a`, `region:us-east-1`). */
  readonly disruption: string;
}

/** A copy outside the lost place, in the words of the resource's kind. */
function copyElsewhere(c: RemedyContext): string {
  if (c.disruption.startsWith("region:")) {
    return c.kind === "aurora-cluster"
      ? "add an Aurora Global Database secondary in another region (aws_rds_global_cluster) so a region loss fails over"
      : "keep a copy of the data in another region; only an Aurora Global Database fails over across regions by itself";
  }
  return c.kind === "instance"
    ? "turn on Multi-AZ (multi_az = true on the aws_db_instance) so a standby in another AZ takes over by itself"
    : "add a reader in another AZ (an aws_rds_cluster_instance) so AWS promotes it by itself";
}

/**
 * What shrinks the dominant term, as manual steps: honest advice, never an attribute change the
 * simulation did not establish. Recognised by the chain's term labels (src/simulate) or the assumption
 * a term rests on; otherwise a general step naming the term.
 */
export function remediesFor(measure: Measure, term: Term | undefined, estimate: Estimate, c: RemedyContext): ManualStep[] {
  if (term === undefined) return [manual(`no single term explains the ${measure.toUpperCase()}: run \`haspec simulate --fail ${c.disruption}\` to see the chain`)];
  const assumption = ASSUMPTIONS.find((a) => term.term === a.term || term.term === a.name || term.ref.includes(`assumptions.${a.name}`));
  const name = `${term.term} ${assumption?.name ?? ""}`.toLowerCase();
  const note = `the dominant term is ${term.term} (${range(term)}, ${termFrom(term)})`;
  const steps: string[] = [];
  if (/pinned|instance endpoint/.test(name)) {
    steps.push("point the DNS record at the cluster endpoint instead of an instance endpoint, so it follows the new writer");
  } else if (/cname/.test(name)) {
    steps.push("lower the TTL of the DNS record that points at the endpoint (5 s or less), or point clients at the endpoint itself");
  } else if (/pool/.test(name)) {
    steps.push("lower the connection pool's max lifetime or validate connections on borrow, or put RDS Proxy in front so pooled connections follow the new writer");
  } else if (/client/.test(name)) {
    steps.push("shorten the clients' DNS cache (for a JVM, networkaddress.cache.ttl of 5 s or less), or put RDS Proxy or a cluster-aware driver in front so clients need not re-resolve");
  } else if (/endpoint dns/.test(name)) {
    steps.push("put RDS Proxy in front, or use a cluster-aware driver (AWS Advanced JDBC Wrapper), so clients do not wait for the endpoint's DNS record");
  } else if (/no automated backups/.test(name)) {
    steps.push(`turn automated backups on (backup_retention_period of 1 day or more), and ${copyElsewhere(c)}`);
  } else if (/recreate/.test(name)) {
    steps.push("add a reader (an aws_rds_cluster_instance) so a failover promotes it instead of AWS recreating the writer");
  } else if (/lag/.test(name)) {
    steps.push("replication lag dominates: watch it (AuroraGlobalDBRPOLag) and, for Aurora PostgreSQL, bound it with rds.global_db_rpo; a switchover, unlike a failover, loses nothing");
  } else if (/manual recovery|lost region|restore/.test(name) || term.high === null || estimate.bound === "unbounded") {
    steps.push(copyElsewhere(c));
  } else if (term.from === "aws-doc") {
    steps.push(`${term.term} is AWS's published figure and no setting shortens it: only another deployment does (a Multi-AZ DB cluster fails over in typically under 35 s), or the objective must allow it`);
  } else {
    steps.push(`shrink ${term.term}`);
  }
  if (assumption !== undefined && term.from !== "evidence") {
    steps.push(`${term.term} rests on the assumption ${assumption.name} (${term.from === "policy" ? "set in the policy" : "its documented default"}): measure it and set assumptions.${assumption.name} in the policy if it differs`);
  }
  return steps.map((s) => manual(s, undefined, note));
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** The published AWS figures the chains' `aws-doc` terms take, for `haspec explain objectives.*`: range, what AWS says, where. */
export function figuresMarkdown(): string {
  const rows = Object.entries(FIGURES).map(([name, f]) => {
    const figure = f.high === null ? `${f.low} s or more (no upper bound)` : f.low === f.high ? `${f.high} s` : `${f.low}–${f.high} s`;
    return `| \`${name}\` | ${figure} | ${cell(f.note ?? "")} | ${cell(f.ref)} |`;
  });
  return [
    "### Published figures",
    "",
    "The `aws-doc` terms of the chains (detection and promotion, recreate, failover to a standby, the endpoint's TTL, RDS Proxy,",
    "storage, restores, Global Database) take these figures.",
    "",
    "| figure | seconds | what it means | source |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

/** The assumptions an estimate may rest on, for `haspec explain objectives.*`: the simulation's own table (name, default, source, meaning). */
export function assumptionsMarkdown(): string {
  return [
    "### Assumptions",
    "",
    "Figures the inputs cannot give. Each term of an estimate says where its figure comes from: `aws-doc` (a published AWS",
    "figure), `evidence` (read from the inputs), `policy` (the policy's top-level `assumptions`), `default` (below).",
    "Set one in the policy, e.g. `assumptions: { client_dns_cache: 5s }`; `haspec simulate` shows every term of the chain.",
    "",
    assumptionsTable(),
    "",
  ].join("\n");
}
