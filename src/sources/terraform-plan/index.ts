// Reads Terraform plan JSON (`terraform show -json plan.out`) into an Inventory whose resources carry their planned change.
import type { Inventory } from "../../model/inventory.js";
import { UserError } from "../../errors.js";
import { buildTerraformInventory } from "../terraform/build-inventory.js";
import { mergeInventories } from "../merge.js";
import { readTerraformJson } from "../terraform/read-json.js";
import { parsePlan } from "./parse-plan.js";

export interface ReadTerraformPlanOptions {
  readonly cwd?: string;
}

/**
 * Each file is one plan, parsed whole and modelled on its own (addresses of different plans may
 * repeat): the end state from planned_values (or, in a plan without it, from the changes' `after`
 * values it repeats), `(known after apply)` as
 * unknown, and a `change` on every cluster and standalone instance. Invalid JSON or a document
 * that is not a plan is a UserError (exit 2), raised before anything is judged.
 */
export async function readTerraformPlan(inputs: readonly string[], options: ReadTerraformPlanOptions = {}): Promise<Inventory> {
  const files = await readTerraformJson(inputs, options.cwd ?? process.cwd(), "pass the output of terraform show -json PLANFILE");
  if (files.length === 0) throw new UserError(`no plan JSON among ${inputs.join(", ")}`, inputs.map((file) => ({ file, message: "holds no .json file", hint: "pass the output of terraform show -json PLANFILE" })));
  const parsed = files.map(parsePlan);
  return mergeInventories(parsed.map((p) => buildTerraformInventory(p.input, { providerRegions: p.providerRegions })));
}
