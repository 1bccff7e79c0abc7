// Reads Terraform state JSON (`terraform show -json`) into an Inventory of the resources as they are now.
import { UserError } from "../../errors.js";
import type { Inventory } from "../../model/inventory.js";
import { buildTerraformInventory } from "../terraform/build-inventory.js";
import { mergeInventories } from "../merge.js";
import { readTerraformJson } from "../terraform/read-json.js";
import { parseState } from "./parse-state.js";

export interface ReadTerraformStateOptions {
  readonly cwd?: string;
}

/** Each file is one state, modelled on its own; the writer comes from each instance's `writer`. */
export async function readTerraformState(inputs: readonly string[], options: ReadTerraformStateOptions = {}): Promise<Inventory> {
  const hint = "pass the output of terraform show -json";
  const files = await readTerraformJson(inputs, options.cwd ?? process.cwd(), hint);
  if (files.length === 0) throw new UserError(`no state JSON among ${inputs.join(", ")}`, inputs.map((file) => ({ file, message: "holds no .json file", hint })));
  return mergeInventories(files.map((f) => buildTerraformInventory(parseState(f))));
}
