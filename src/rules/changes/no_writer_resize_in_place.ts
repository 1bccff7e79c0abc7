// changes.no_writer_resize_in_place: the writer's instance class is not changed in place, nor its engine upgraded with apply_immediately (Terraform plans only).
import type { Instance, Resource, ResourceChange } from "../../model/resource.js";
import type { Value } from "../../model/value.js";
import { actionLabel, CHANGE_MESSAGES, changeApplicable, isUpdateInPlace, judgeExistingChange, memberChange, plannedMember, resourceType } from "../lib/changes.js";
import type { Facts } from "../../facts/index.js";
import { judgeOverWriters } from "../lib/topology.js";
import { allOf, fail, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute, type Remedy, type SetAttribute, type StagedProcedure } from "../remedy.js";
import { defineRule, type Verdict } from "../types.js";

const ID = "changes.no_writer_resize_in_place";

const MESSAGES = {
  ...CHANGE_MESSAGES,
  created: "the plan creates {{resource}}: there is no current writer to resize",
  writerNotResized: "the writer {{writer}} is not resized in place",
  writerKeepsClass: "the writer {{writer}} keeps instance_class {{instanceClass}}",
  writerResized: "instance_class of the writer {{writer}} changes in place from {{from}} to {{to}}{{immediately}}: {{consequence}}; {{safePath}}",
  clusterKeepsClass: "{{resource}} keeps db_cluster_instance_class {{instanceClass}}",
  clusterResized:
    "db_cluster_instance_class of the Multi-AZ DB cluster {{resource}} changes in place from {{from}} to {{to}}{{immediately}}: " +
    "every instance is resized, the writer included, so the cluster fails over and takes no writes while it does {{when}}; " +
    "apply it in a maintenance window when a failover is acceptable",
  notResized: "{{resource}} is {{action}}, not resized in place",
  noWriter: "{{resource}} has no writer today",
  writerNotResizedInPlace: "the writer {{writer}} is {{action}}, not resized in place",
  engineUpgradeNow:
    "engine_version of {{resource}} changes in place from {{from}} to {{to}} with apply_immediately = true: AWS upgrades every instance, the writer included, as soon as the plan is applied, " +
    "and the database takes no writes while the writer restarts; let the upgrade run in the maintenance window (apply_immediately = false), or upgrade through a blue/green deployment",
} as const;
type MessageId = keyof typeof MESSAGES;

/** Aurora's last promotion tier: a reader there is promoted only when no other reader is available. */
const LAST_TIER = 15;

/**
 * The resize of an Aurora writer as three stages: resize a reader (tier 0) to the new class, fail over
 * to it, then resize the old writer. `readers` are the cluster's readers today that the plan keeps.
 */
export function scaleUpProcedure(resource: Resource, writer: Instance, readers: readonly Instance[], from: string, to: string): StagedProcedure {
  const member = (instance: string, attribute: string, value: string | number | boolean, was: unknown) =>
    setAttribute({ resourceType: "aws_rds_cluster_instance", instance, attribute, from: was, to: value });
  const tierOf = (i: Instance) => (i.promotionTier.known ? i.promotionTier.value : undefined);
  const writerAz = writer.availabilityZone.known ? writer.availabilityZone.value : undefined;
  // The reader to promote: outside the writer's AZ first, then the one Aurora would promote first (lowest tier), then by name.
  const candidates = readers
    .filter((r) => r.instanceClass.known)
    .sort((a, b) => {
      const otherAz = (r: Instance) => (r.availabilityZone.known && writerAz !== undefined && r.availabilityZone.value !== writerAz ? 0 : 1);
      return otherAz(a) - otherAz(b) || (tierOf(a) ?? LAST_TIER) - (tierOf(b) ?? LAST_TIER) || a.id.localeCompare(b.id);
    });
  const existing = candidates[0];
  const ids = new Set([writer.id, ...readers.map((r) => r.id)].map((x) => x.toLowerCase()));
  let newId = `${writer.id}-scale-up`;
  for (let n = 2; ids.has(newId.toLowerCase()); n++) newId = `${writer.id}-scale-up-${n}`;
  const target = existing?.id ?? newId;
  const cluster = resource.id;
  const stage1: SetAttribute[] = [];
  if (existing !== undefined) {
    const was = existing.instanceClass.known ? existing.instanceClass.value : undefined;
    if (was !== to) stage1.push(member(target, "instance_class", to, was));
    stage1.push(member(target, "promotion_tier", 0, tierOf(existing)), member(target, "apply_immediately", true, null));
  }
  stage1.push(member(writer.id, "instance_class", from, to), member(writer.id, "promotion_tier", LAST_TIER, tierOf(writer)));
  const others = readers.filter((r) => r.id !== target && tierOf(r) === 0);
  for (const r of others) stage1.push(member(r.id, "promotion_tier", 1, 0));
  const described = (id: string) => ["aws", "rds", "describe-db-instances", "--db-instance-identifier", id, "--query", "DBInstances[0].DBInstanceClass", "--output", "text"];
  const waitFor = (id: string) => ["aws", "rds", "wait", "db-instance-available", "--db-instance-identifier", id];
  return {
    kind: "staged-procedure",
    procedure: "scale-up",
    title: `resize the writer ${writer.id} of ${cluster} from ${from} to ${to} through a failover instead of in place`,
    why:
      `the plan changes instance_class of the writer ${writer.id} in place: the writer restarts and ${cluster} takes no writes until it is back. ` +
      `In three stages only the failover interrupts writes, and each resize restarts a reader`,
    ...(existing === undefined
      ? { addReader: { id: newId, instanceClass: to, promotionTier: 0 } }
      : {}),
    stages: [
      {
        name: "1-resize-reader",
        what:
          existing === undefined
            ? `${cluster} has no reader to resize: add the reader ${newId} with ${to} in tier 0 (choose an AZ other than the writer's if you can), and move the writer ${writer.id} to tier ${LAST_TIER}, keeping ${from} for now.`
            : `resize the reader ${target} to ${to} and put it in tier 0 (apply_immediately, so the resize happens now and restarts only ${target}); keep the writer ${writer.id} on ${from} for now and move it to tier ${LAST_TIER}` +
              (others.length > 0 ? `; move ${others.map((r) => r.id).join(", ")} from tier 0 to tier 1` : "") +
              ".",
        set: stage1,
        commands: [
          { argv: waitFor(target), why: `wait until ${target} is available again` },
          { argv: described(target), why: `must print ${to}` },
        ],
      },
      {
        name: "2-failover",
        what: `fail over to ${target}: it becomes the writer with ${to}. Terraform changes nothing in this stage (its variables are those of stage 1), and its plan must say so.`,
        set: [],
        commands: [
          { argv: ["aws", "rds", "failover-db-cluster", "--db-cluster-identifier", cluster, "--target-db-instance-identifier", target], why: `make ${target} the writer (writes stop for the failover)` },
          { argv: waitFor(target), why: `wait until ${target} is available as the writer` },
          {
            argv: ["aws", "rds", "describe-db-clusters", "--db-cluster-identifier", cluster, "--query", "DBClusters[0].DBClusterMembers[?IsClusterWriter].DBInstanceIdentifier", "--output", "text"],
            why: `must print ${target}; do not go on to stage 3 before it does`,
          },
        ],
      },
      {
        name: "3-resize-old-writer",
        what: `resize the old writer ${writer.id}, now a reader, to ${to} (restarts only ${writer.id}) and put it back in tier 0.`,
        set: [member(writer.id, "instance_class", to, from), member(writer.id, "promotion_tier", 0, LAST_TIER), member(writer.id, "apply_immediately", true, null)],
        commands: [
          { argv: waitFor(writer.id), why: `wait until ${writer.id} is available again` },
          { argv: described(writer.id), why: `must print ${to}` },
        ],
      },
    ],
    warning:
      `Aurora promotes the reader in the lowest promotion tier (0 first, 15 last); within a tier the largest instance, and among equal ones any of them. ` +
      `A failover changes no tier, and nothing moves the writer role back by itself, but every later failover (maintenance, a host failure, an AZ outage) hands it to the reader that comes first by tier. ` +
      `After stage 2 the old writer ${writer.id} is a reader that still has ${from}: stage 1 puts it in tier ${LAST_TIER}, so a failover then prefers any other reader. ` +
      `Stage 3 gives it ${to} and tier 0 again: ${target} (the writer) and ${writer.id} are both in tier 0 with ${to}, so whichever of them is a reader is promoted first and the writer stays on ${to}. ` +
      `Readers that keep the old class stay in tier 1 or higher: tier decides before size, so a ${from} reader in tier 0 would win over ${writer.id} in tier 1. ` +
      `Keep these tiers in your configuration afterwards: Terraform sets promotion_tier, not which instance writes, so the next plan leaves the writer where the failover put it.`,
    downtime: `only the failover of stage 2 interrupts writes (typically under 60 s, often under 30 s, with a reader in the cluster); each resize restarts one reader`,
  };
}

/** Judges one writer's class: before (as it is) against after (as planned). */
function judgeResize(
  resource: Resource,
  was: Instance,
  now: Instance | undefined,
  applyImmediately: Value<boolean>,
  type: "aws_rds_cluster_instance" | "aws_db_instance",
  readers: readonly Instance[] = [],
): Verdict<MessageId> {
  if (now === undefined) return pass("writerNotResized", { writer: was.id });
  if (!was.instanceClass.known) return unknownVerdict(`the current instance_class of the writer ${was.id} is unknown: ${was.instanceClass.reason}`);
  if (!now.instanceClass.known) return unknownVerdict(`the planned instance_class of the writer ${was.id} is unknown: ${now.instanceClass.reason}`);
  const from = was.instanceClass.value;
  const to = now.instanceClass.value;
  if (from === to) return pass("writerKeepsClass", { writer: was.id, instanceClass: from }, { expected: from, actual: to });
  const immediately = applyImmediately.known && applyImmediately.value;
  const when = immediately ? "as soon as the plan is applied" : applyImmediately.known ? "in the next maintenance window" : "when the change is applied";
  const standalone = resource.kind === "instance";
  const multiAz = standalone && was.secondaryAvailabilityZone.known && was.secondaryAvailabilityZone.value !== null;
  const consequence = !standalone
    ? `the writer restarts ${when} and the cluster takes no writes until it is back`
    : multiAz
      ? `RDS resizes the standby and fails over to it ${when}: writes stop for the failover`
      : `the instance is down for the resize ${when}`;
  const safePath = !standalone
    ? `resize a reader to ${to} first, fail over to it (aws rds failover-db-cluster), then resize the old writer`
    : multiAz
      ? "apply the resize in a maintenance window (apply_immediately = false) when a failover is acceptable"
      : "make the instance Multi-AZ first, or apply the resize in a maintenance window (apply_immediately = false)";
  const fix: Remedy[] = [setAttribute({ attribute: "instance_class", from: to, to: from, resourceType: type, ...(standalone ? {} : { instance: was.id }), note: safePath }, { writer: true, id: was.id })];
  if (immediately) fix.push(setAttribute({ attribute: "apply_immediately", from: true, to: false, resourceType: type, ...(standalone ? {} : { instance: was.id }) }));
  // An Aurora writer: the plan's change reverted now, and the resize as the safe sequence.
  if (!standalone) fix.push(scaleUpProcedure(resource, was, readers, from, to));
  const data = { writer: was.id, from, to, immediately: immediately ? " with apply_immediately = true" : "", consequence, safePath };
  return fail("writerResized", data, {
    expected: from,
    actual: to,
    diff: { attribute: "instance_class", from: to, to: from },
    remedies: fix,
    evidence: [
      { field: `${was.address ?? was.id}.instance_class`, value: { before: from, after: to } },
      { field: `${was.address ?? was.id}.apply_immediately`, value: applyImmediately.known ? applyImmediately.value : null },
    ],
  });
}

/**
 * A Multi-AZ DB cluster's instances all take `db_cluster_instance_class`: changing it in place
 * resizes the writer too.
 */
function judgeClusterClass(resource: Resource, before: Resource, applyImmediately: Value<boolean>): Verdict<MessageId> {
  const was = before.clusterInstanceClass;
  const now = resource.clusterInstanceClass;
  if (was === undefined || now === undefined) return unknownVerdict(`the input does not say the class (db_cluster_instance_class) of the Multi-AZ DB cluster ${resource.id}`);
  if (!was.known) return unknownVerdict(`the current db_cluster_instance_class of ${resource.id} is unknown: ${was.reason}`);
  if (!now.known) return unknownVerdict(`the planned db_cluster_instance_class of ${resource.id} is unknown: ${now.reason}`);
  if (was.value === now.value) return pass("clusterKeepsClass", { resource: resource.id, instanceClass: now.value }, { expected: was.value, actual: now.value });
  const immediately = applyImmediately.known && applyImmediately.value;
  return fail(
    "clusterResized",
    {
      resource: resource.id,
      from: was.value,
      to: now.value,
      immediately: immediately ? " with apply_immediately = true" : "",
      when: immediately ? "as soon as the plan is applied" : applyImmediately.known ? "in the next maintenance window" : "when the change is applied",
    },
    {
      expected: was.value,
      actual: now.value,
      diff: { attribute: "db_cluster_instance_class", from: now.value, to: was.value },
      ...(immediately ? { remedies: [setAttribute({ attribute: "apply_immediately", from: true, to: false, resourceType: "aws_rds_cluster" })] } : {}),
      evidence: [
        { field: `${resource.address}.db_cluster_instance_class`, value: { before: was.value, after: now.value } },
        { field: `${resource.address}.apply_immediately`, value: applyImmediately.known ? applyImmediately.value : null },
      ],
    },
  );
}

export const noWriterResizeInPlace = defineRule<boolean>()({
  id: ID,
  group: "changes",
  title: "The writer's instance class is not changed in place",
  why:
    "Changing the writer's instance_class in place restarts it: the database takes no writes until the resized instance is back. The safe path is to resize a reader, fail over to it, then resize the old writer. " +
    "An engine_version upgrade with apply_immediately = true restarts every instance, the writer included, the moment the plan is applied instead of in the maintenance window.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: changeApplicable,
  inspects: { api: [], terraform: ["aws_rds_cluster_instance.instance_class", "aws_rds_cluster_instance.apply_immediately", "aws_rds_cluster.db_cluster_instance_class (Multi-AZ DB cluster)", "aws_rds_cluster.engine_version + apply_immediately", "aws_db_instance.engine_version + apply_immediately"] },
  fixHint: "Resize a reader first, fail over to it (aws rds failover-db-cluster), then resize the old writer; never combine a writer resize with apply_immediately = true.",
  // A change rule judges a plan's transitions, not a state a control describes.
  controls: [],
  judgedFrom: "plan",
  optionSchema: { type: "boolean" },
  example: true,
  messages: MESSAGES,
  check(resource, enabled, ctx) {
    return judgeExistingChange(resource, enabled, ID, (change, before) => {
      const resize = judgeWriterClass(resource, change, before, ctx.facts);
      const upgrade = engineUpgradeNow(resource, change, before);
      return upgrade === undefined ? resize : allOf([upgrade, resize], resize);
    });
  },
});

/** The writer's class before and after the change, for each kind of resource. */
function judgeWriterClass(resource: Resource, change: ResourceChange, before: Resource, facts: Facts): Verdict<MessageId> {
  if (resource.kind === "multi-az-cluster") {
    if (!isUpdateInPlace(change.actions)) return pass("notResized", { resource: resource.id, action: actionLabel(change.actions) });
    return judgeClusterClass(resource, before, change.applyImmediately);
  }
  if (resource.kind === "instance") {
    if (!isUpdateInPlace(change.actions)) return pass("notResized", { resource: resource.id, action: actionLabel(change.actions) });
    const was = before.instances.known ? before.instances.value[0] : undefined;
    const now = resource.instances.known ? resource.instances.value[0] : undefined;
    if (was === undefined) return unknownVerdict(`the current instance of ${resource.id} is unknown`);
    return judgeResize(resource, was, now, change.applyImmediately, "aws_db_instance");
  }
  return judgeOverWriters(facts.of(before), (t) => {
    const writer = t.writer;
    if (writer === null) return pass("noWriter", { resource: resource.id });
    const mc = memberChange(change, writer);
    if (mc === undefined || !isUpdateInPlace(mc.actions)) {
      return pass("writerNotResizedInPlace", { writer: writer.id, action: mc === undefined ? "left unchanged" : actionLabel(mc.actions) });
    }
    const kept = t.readers.filter((r) => plannedMember(resource, r) !== undefined);
    return judgeResize(resource, writer, plannedMember(resource, writer), mc.applyImmediately, "aws_rds_cluster_instance", kept);
  });
}

/**
 * An engine version change applied immediately: AWS upgrades every instance, the writer included,
 * at apply time instead of in the maintenance window. Undefined when the plan does not do that.
 */
function engineUpgradeNow(resource: Resource, change: ResourceChange, before: Resource): Verdict<MessageId> | undefined {
  if (!isUpdateInPlace(change.actions) || !change.applyImmediately.known || !change.applyImmediately.value) return undefined;
  const was = before.engineVersion;
  const now = resource.engineVersion;
  // Only two known versions where neither names the other ("8.0" and "8.0.35" may be the same engine) show an upgrade.
  if (!was.known || !now.known || was.value === now.value || was.value.startsWith(`${now.value}.`) || now.value.startsWith(`${was.value}.`)) return undefined;
  const type = resourceType(resource);
  return fail(
    "engineUpgradeNow",
    { resource: resource.id, from: was.value, to: now.value },
    {
      expected: "apply_immediately = false for an engine upgrade",
      actual: `${was.value} -> ${now.value} now`,
      diff: { attribute: "apply_immediately", from: "true", to: "false" },
      remedies: [setAttribute({ attribute: "apply_immediately", from: true, to: false, resourceType: type })],
      evidence: [
        { field: `${resource.address}.engine_version`, value: { before: was.value, after: now.value } },
        { field: `${resource.address}.apply_immediately`, value: true },
      ],
    },
  );
}
