// The shared judgement of a resource-level on/off setting that the policy wants on (deletion protection, copy tags).
import type { Resource } from "../../model/resource.js";
import type { Value } from "../../model/value.js";
import { setAttribute } from "../remedy.js";
import type { Verdict } from "../types.js";
import { fail, judgeKnown, pass } from "./verdict.js";

export interface ResourceFlag {
  /** API field name, for evidence, e.g. `DeletionProtection`. */
  readonly field: string;
  /** Terraform attribute on aws_rds_cluster / aws_db_instance, e.g. `deletion_protection`. */
  readonly attribute: string;
  /** What the setting is, for "unknown" reasons, e.g. `deletion protection`. */
  readonly what: string;
}

/** The message ids a rule judged by judgeResourceFlag declares: the setting on, off (value, consequence, fix), and not required. */
export type ResourceFlagMessageId = "on" | "off" | "notRequired";

/** Pass when `value` is on, fail (with the attribute fix) when off, unknown when unknown; `false` requires nothing. */
export function judgeResourceFlag(resource: Resource, value: Value<boolean>, required: boolean, flag: ResourceFlag): Verdict<ResourceFlagMessageId> {
  if (!required) return pass("notRequired", undefined, { expected: false });
  return judgeKnown(
    value,
    (on) => {
      const details = { expected: true, actual: on, evidence: [{ field: flag.field, value: on }] };
      if (on) return pass("on", undefined, details);
      return fail("off", { attribute: flag.attribute }, {
        ...details,
        diff: { attribute: flag.attribute, from: "false", to: "true" },
        remedies: [
          setAttribute({
            attribute: flag.attribute,
            from: false,
            to: true,
            resourceType: resource.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster",
          }),
        ],
      });
    },
    flag.what,
  );
}
