// Turns Terraform's JSON values (plan `after` + `after_unknown`, state `values`) into TfValues, and walks module trees.
import { COMPUTE_TYPES } from "./compute-types.js";
import { TfUnknown, type TfValue } from "./types.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isJsonObject(v: unknown): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export const KNOWN_AFTER_APPLY = "known after apply";

/**
 * Whether `withUnknowns` must build a new value: the mask marks something unknown, or has a shape
 * (a list or object where the value has none, a longer list, a key the value lacks) the value must
 * take. Otherwise the parsed JSON is already the TfValue, and large plans skip copying it.
 */
function needsMerge(value: unknown, mask: unknown): boolean {
  if (mask === undefined || mask === null || mask === false) return false;
  if (mask === true) return true;
  if (Array.isArray(mask)) {
    if (!Array.isArray(value) || mask.length > value.length) return true;
    for (let i = 0; i < mask.length; i++) if (needsMerge(value[i], mask[i])) return true;
    return false;
  }
  if (isJsonObject(mask)) {
    if (!isJsonObject(value)) return true;
    for (const key in mask) {
      if (!(key in value) || needsMerge(value[key], mask[key])) return true;
    }
    return false;
  }
  return false;
}

/** A JSON value as a TfValue, with the parts `unknownMask` marks `true` replaced by TfUnknown. */
export function withUnknowns(value: unknown, unknownMask: unknown): TfValue {
  if (unknownMask === true) return new TfUnknown(KNOWN_AFTER_APPLY);
  if (!needsMerge(value, unknownMask)) return value === undefined ? null : (value as TfValue);
  if (Array.isArray(value) || Array.isArray(unknownMask)) {
    const values = Array.isArray(value) ? value : [];
    const mask = Array.isArray(unknownMask) ? unknownMask : [];
    const n = Math.max(values.length, mask.length);
    const out: TfValue[] = [];
    for (let i = 0; i < n; i++) out.push(withUnknowns(values[i] ?? null, mask[i]));
    return out;
  }
  if (isJsonObject(value) || isJsonObject(unknownMask)) {
    const obj = isJsonObject(value) ? value : {};
    const mask = isJsonObject(unknownMask) ? unknownMask : {};
    const out: Record<string, TfValue> = {};
    for (const key of new Set([...Object.keys(obj), ...Object.keys(mask)])) out[key] = withUnknowns(obj[key] ?? null, mask[key]);
    return out;
  }
  if (value === undefined) return null;
  return value as TfValue;
}

/** Every resource object of a `{resources, child_modules}` module tree (planned_values, state values). */
export function moduleResources(module: unknown, wrongShape?: (what: string, key: string) => never): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const pending: unknown[] = [module];
  while (pending.length > 0) {
    const m = pending.pop();
    if (!isJsonObject(m)) {
      // The root may be absent (no resources); anything else that is not a module is a broken document.
      if (m !== undefined && m !== null && wrongShape) wrongShape("a module is not an object", "root_module");
      continue;
    }
    const resources = m["resources"];
    if (resources !== undefined && !Array.isArray(resources)) wrongShape?.("resources is not a list", "resources");
    if (Array.isArray(resources)) {
      for (const r of resources) {
        if (isJsonObject(r)) out.push(r);
        else wrongShape?.("resources holds an entry that is not an object", "resources");
      }
    }
    const children = m["child_modules"];
    if (children !== undefined && !Array.isArray(children)) wrongShape?.("child_modules is not a list", "child_modules");
    if (Array.isArray(children)) for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  }
  return out;
}

/** The types haspec models; other resources are left out of TfInput. */
export const MODELLED_TYPES: ReadonlySet<string> = new Set([
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_db_instance",
  "aws_rds_cluster_parameter_group",
  "aws_rds_cluster_endpoint",
  "aws_rds_global_cluster",
  "aws_db_event_subscription",
  "aws_db_proxy",
  "aws_db_proxy_target",
  "aws_route53_record",
  ...COMPUTE_TYPES,
]);
