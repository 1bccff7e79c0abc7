// compute.min_azs: an Auto Scaling group may launch in at least N AZs and its running instances sit in at least N.
import { AUTOSCALING2, REL10_BP01 } from "../control-catalog.js";
import { groupOf, minSizeRemedy } from "../lib/compute.js";
import { counted } from "../lib/instances.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { manual } from "../remedy.js";
import { defineRule } from "../types.js";

export const minAzs = defineRule<number>()({
  id: "compute.min_azs",
  group: "compute",
  title: "An Auto Scaling group launches in, and runs instances in, at least N Availability Zones",
  why:
    "An Auto Scaling group in one AZ loses all its capacity with that AZ. A group that may launch in several AZs " +
    "replaces lost instances in the others (it launches where it has the fewest instances), but until the replacements " +
    "are up only the instances already running elsewhere serve: so both count, the AZs it may launch in " +
    "(AvailabilityZones, the AZs of its subnets) and the AZs its running instances sit in. With the AZRebalance process " +
    "suspended the group does not even out its instances again after an AZ comes back.",
  appliesTo: ["autoscaling-group"],
  inspects: {
    api: ["AutoScalingGroup.AvailabilityZones", "AutoScalingGroup.Instances[].AvailabilityZone", "AutoScalingGroup.SuspendedProcesses"],
    terraform: ["aws_autoscaling_group.vpc_zone_identifier", "aws_autoscaling_group.availability_zones"],
  },
  fixHint: "List subnets in at least N AZs in aws_autoscaling_group.vpc_zone_identifier (and keep min_size at N or more so each AZ runs one).",
  controls: [AUTOSCALING2, REL10_BP01],
  optionSchema: { type: "integer", minimum: 1, maximum: 6 },
  example: 2,
  messages: {
    enoughAzs: "the group launches in {{launch}} and its running instances sit in {{running}}",
    tooFewLaunchAzs:
      "the group may launch only in {{launch}}; the policy needs at least {{minimum}} AZs: an outage of an AZ it uses leaves it " +
      "nowhere to replace its instances; add subnets in other AZs",
    tooFewRunningAzs:
      "the group may launch in {{launch}}, but its running instances sit in {{running}}; the policy needs at least {{minimum}}: " +
      "an AZ outage stops every instance in it until replacements launch elsewhere{{rebalance}}",
  },
  check(resource, minimum) {
    const group = groupOf(resource);
    if (!group.availabilityZones.known) return unknownVerdict(`the AZs the group may launch in are unknown (${group.availabilityZones.reason})`, { expected: minimum });
    const launch = [...new Set(group.availabilityZones.value)].sort();
    const evidence = [{ field: "AutoScalingGroup.AvailabilityZones", value: launch }];
    const launchText = launch.length === 0 ? "no AZ" : launch.join(", ");
    if (launch.length < minimum) {
      return fail(
        "tooFewLaunchAzs",
        { launch: launchText, minimum },
        {
          expected: minimum,
          actual: launch.length,
          evidence,
          diff: { attribute: "vpc_zone_identifier (AZs)", from: String(launch.length), to: `>= ${minimum}` },
          remedies: [
            {
              kind: "add-subnets",
              resourceType: "aws_autoscaling_group",
              attribute: "vpc_zone_identifier",
              azs: minimum,
              manual: `vpc_zone_identifier: add subnets in ${minimum - launch.length} more AZ(s) than ${launchText}${group.subnets ? `, in its VPC (${group.subnets.vpc})` : ""}`,
            },
          ],
        },
      );
    }
    if (!group.instances.known) return unknownVerdict(`the group's instances are unknown (${group.instances.reason})`, { expected: minimum, evidence });
    const inService = group.instances.value.filter((i) => !i.lifecycleState.known || i.lifecycleState.value === "InService");
    const unknownAz = inService.filter((i) => !i.availabilityZone.known || !i.lifecycleState.known);
    const running = [...new Set(inService.flatMap((i) => (i.availabilityZone.known && i.lifecycleState.known ? [i.availabilityZone.value] : [])))].sort();
    const runningText = running.length === 0 ? "no AZ (no instance in service)" : `${counted(running.length, "AZ")} (${running.join(", ")})`;
    const details = { expected: minimum, actual: running.length, evidence: [...evidence, ...group.instances.value.map((i) => ({ field: `${i.id}.AvailabilityZone`, value: i.availabilityZone.known ? i.availabilityZone.value : null }))] };
    if (running.length >= minimum) return pass("enoughAzs", { launch: launchText, running: runningText }, details);
    if (running.length + unknownAz.length >= minimum) return unknownVerdict(`the AZ or state of ${unknownAz.map((i) => i.id).join(", ")} is unknown`, details);
    const suspended = group.suspendedProcesses.known && group.suspendedProcesses.value.includes("AZRebalance");
    return fail(
      "tooFewRunningAzs",
      { launch: launchText, running: runningText, minimum, rebalance: suspended ? " (and AZRebalance is suspended, so the group does not spread them again)" : "" },
      {
        ...details,
        diff: { attribute: "instances (AZs in service)", from: String(running.length), to: `>= ${minimum}` },
        remedies: [
          suspended
            ? manual("resume the AZRebalance process (aws autoscaling resume-processes --scaling-processes AZRebalance)", "suspended_processes")
            : group.minSize.known && group.minSize.value >= minimum
              ? manual(`the group's minimum size is already ${group.minSize.value}: find why its instances do not spread over its AZs (a suspended Launch process, capacity in an AZ) before changing anything`, "min_size")
              : minSizeRemedy(group, minimum),
        ],
      },
    );
  },
});
