// The Terraform model builder's public face: what plan, state, .tf and CDKTF readers (and fix's re-check) build the model with.
export { buildTerraformInventory } from "./build-inventory.js";
export type { TfResource } from "./types.js";
