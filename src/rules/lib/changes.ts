// Shared behaviour of the changes.* rules until the Terraform plan source supplies change details.
import type { Resource } from "../../model/resource.js";
import type { Verdict } from "../types.js";
import { pass, unknownVerdict } from "./verdict.js";

/**
 * A resource reaches here only when a plan source attached a change. Judging the change needs the
 * before/after attributes, which this version's model does not carry yet: say so instead of passing.
 */
export function judgePlannedChange(resource: Resource, enabled: boolean, ruleId: string): Verdict {
  if (!enabled) return pass(`${ruleId} is switched off in the policy`);
  return unknownVerdict(
    `the plan changes ${resource.id} (${resource.change?.actions.join(", ")}), but this version of haspec cannot yet compare its before and after values`,
  );
}
