// Shared paths and lookups for the AWS JSON source tests.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Inventory } from "../../../src/model/inventory.js";
import type { Instance, Resource } from "../../../src/model/resource.js";

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

/** The one resource with `id` (and `region`, when several regions share the id); throws otherwise. */
export function resourceById(inv: Inventory, id: string, region?: string): Resource {
  const found = inv.resources.filter((r) => r.id === id && (region === undefined || (r.region.known && r.region.value === region)));
  if (found.length !== 1) throw new Error(`expected one resource ${id}, found ${found.length}`);
  return found[0] as Resource;
}

/** The instances of a resource whose member list is known. */
export function instancesOf(r: Resource): readonly Instance[] {
  if (!r.instances.known) throw new Error(`instances of ${r.id} are unknown: ${r.instances.reason}`);
  return r.instances.value;
}
