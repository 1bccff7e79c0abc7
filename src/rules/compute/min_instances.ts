// compute.min_instances: an Auto Scaling group keeps at least N instances (a lone instance counts one).
import { groupOf, minSizeRemedy } from "../lib/compute.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { manual } from "../remedy.js";
import { defineRule } from "../types.js";

export const minInstances = defineRule<number>()({
  id: "compute.min_instances",
  group: "compute",
  title: "The application tier keeps at least N instances",
  why:
    "One instance is one failure away from an outage: a host failure, a bad deploy or an AZ loss stops the service " +
    "until it is replaced. An Auto Scaling group never scales in below its minimum size, so the minimum is what is left " +
    "at the quietest hour; a lone EC2 instance counts as one.",
  appliesTo: ["autoscaling-group", "ec2-instance"],
  inspects: { api: ["AutoScalingGroup.MinSize"], terraform: ["aws_autoscaling_group.min_size", "aws_instance"] },
  fixHint: "Set aws_autoscaling_group.min_size to N or more; replace a lone aws_instance with an Auto Scaling group of N or more.",
  controls: [],
  optionSchema: { type: "integer", minimum: 1 },
  example: 2,
  messages: {
    enoughInstances: "the minimum size is {{count}}",
    tooSmallGroup: "the group's minimum size is {{count}}; the policy needs at least {{minimum}}: at its smallest, one failure leaves too little running",
    loneInstance: "{{id}} is a lone instance (1); the policy needs at least {{minimum}}: its failure stops the service until it is replaced",
  },
  check(resource, minimum) {
    if (resource.kind === "ec2-instance") {
      if (minimum <= 1) return pass("enoughInstances", { count: 1 }, { expected: minimum, actual: 1 });
      return fail("loneInstance", { id: resource.id, minimum }, { expected: minimum, actual: 1, remedies: [manual(`run it in an Auto Scaling group with min_size >= ${minimum}`)] });
    }
    const group = groupOf(resource);
    if (!group.minSize.known) return unknownVerdict(`the group's minimum size is unknown (${group.minSize.reason})`, { expected: minimum });
    const count = group.minSize.value;
    const details = { expected: minimum, actual: count, evidence: [{ field: "AutoScalingGroup.MinSize", value: count }] };
    if (count >= minimum) return pass("enoughInstances", { count }, details);
    return fail("tooSmallGroup", { count, minimum }, { ...details, diff: { attribute: "min_size", from: String(count), to: String(minimum) }, remedies: [minSizeRemedy(group, minimum)] });
  },
});
