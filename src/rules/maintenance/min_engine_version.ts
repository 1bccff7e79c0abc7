// maintenance.min_engine_version: the engine runs at least the policy's version for its engine.
import type { Resource } from "../../model/resource.js";
import { resourceSettingResourceType } from "../lib/engines.js";
import { auroraMysqlPrefix, compareEngineVersions, ownVersionPart, parseEngineVersion } from "../../facts/engine-version.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute } from "../remedy.js";
import { defineRule } from "../types.js";

/**
 * The engine_version to propose. Aurora MySQL's full form keeps the current compatibility prefix
 * when the Aurora major stays the same; across majors the mapping is not ours to guess.
 */
function proposedVersion(current: string, minimumOwn: string, policyValue: string): { to: string; major: boolean } {
  const prefix = auroraMysqlPrefix(current);
  const cur = parseEngineVersion(current);
  const min = parseEngineVersion(minimumOwn);
  const sameMajor = cur.known && min.known && cur.value.numbers[0] === min.value.numbers[0];
  if (prefix !== null && prefix !== "") {
    return sameMajor ? { to: `${prefix}.mysql_aurora.${minimumOwn}`, major: false } : { to: policyValue, major: true };
  }
  return { to: minimumOwn, major: !sameMajor };
}

function minimumFor(resource: Resource, option: Readonly<Record<string, string>>): string | undefined {
  return Object.prototype.hasOwnProperty.call(option, resource.engine) ? option[resource.engine] : undefined;
}

export const minEngineVersion = defineRule<Record<string, string>>()({
  id: "maintenance.min_engine_version",
  group: "maintenance",
  title: "The engine version is at least the policy's minimum for the engine",
  why:
    "Old engine versions lack fixes for crashes and failover behaviour (Aurora MySQL 2.10 and higher restart only the " +
    "writer and the failover target during a failover, older versions restart every reader) and reach end of support, " +
    "after which AWS upgrades them at a time it picks. Versions compare as dotted numbers on the engine's own version " +
    "part: Aurora MySQL 8.0.mysql_aurora.3.04.0 is 3.04.0.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBCluster.EngineVersion", "DBInstance.EngineVersion"],
    terraform: ["aws_rds_cluster.engine_version", "aws_db_instance.engine_version"],
  },
  fixHint:
    "Set engine_version on the aws_rds_cluster (or aws_db_instance) to at least the minimum; a major version change " +
    "also needs allow_major_version_upgrade = true.",
  controls: [],
  optionSchema: {
    type: "object",
    minProperties: 1,
    propertyNames: { type: "string", minLength: 1 },
    additionalProperties: { type: "string", pattern: "^[0-9]+(\\.[0-9A-Za-z_\\-]+)*$" },
  },
  example: { "aurora-mysql": "3.04.0" },
  messages: {
    atLeast: "{{engine}} {{version}} is at least {{minimum}}",
    older:
      "{{engine}} {{version}}{{normalized}} is older than the policy's minimum {{minimum}}: it lacks the " +
      "fixes since then and moves towards end of support; upgrade engine_version to {{to}}",
  },
  check(resource, option, ctx) {
    const policyValue = minimumFor(resource, option);
    if (policyValue === undefined) return notApplicable(`no minimum version is set for ${resource.engine}`);
    const minimum = ctx.facts.parse.engineVersion(policyValue);
    if (!minimum.known) return unknownVerdict(`the policy's minimum for ${resource.engine}: ${minimum.reason}`);
    const expected = minimum.value.text;
    if (!resource.engineVersion.known) {
      return unknownVerdict(`the engine version is unknown: ${resource.engineVersion.reason}`, { expected });
    }
    const version = resource.engineVersion.value;
    const current = ctx.facts.parse.engineVersion(version);
    if (!current.known) return unknownVerdict(current.reason, { expected });
    const details = { expected, actual: current.value.text, evidence: [{ field: "EngineVersion", value: version }] };
    if (compareEngineVersions(current.value, minimum.value) >= 0) {
      return pass("atLeast", { engine: resource.engine, version, minimum: expected }, details);
    }
    const proposal = proposedVersion(version, ownVersionPart(policyValue), policyValue);
    const fix = [
      setAttribute({
        attribute: "engine_version",
        from: version,
        to: proposal.to,
        resourceType: resourceSettingResourceType(resource),
        ...(proposal.major
          ? {
              note: `a major version upgrade: choose a ${resource.engine} release at or above ${expected} and set allow_major_version_upgrade = true`,
              alongside: [{ attribute: "allow_major_version_upgrade", to: true, why: "the target version is a major upgrade" }],
            }
          : {}),
      }),
    ];
    return fail(
      "older",
      {
        engine: resource.engine,
        version,
        normalized: current.value.text === version ? "" : ` (${current.value.text})`,
        minimum: expected,
        to: proposal.to,
      },
      { ...details, diff: { attribute: "engine_version", from: version, to: proposal.to }, remedies: fix },
    );
  },
});
