// `terraform show -json plan.out` (format_version 0.x and 1.x) → TfInput: planned values, changes, config references.
import type { SourceLocation } from "../../model/resource.js";
import { positionOfKey } from "../json-position.js";
import { documentError, type TerraformJsonFile } from "../terraform/read-json.js";
import { isJsonObject, KNOWN_AFTER_APPLY, MODELLED_TYPES, moduleResources, withUnknowns, type Json } from "../terraform/json-values.js";
import { TfReference, TfUnknown, type TfChange, type TfInput, type TfResource, type TfValue } from "../terraform/types.js";

const HINT = "pass the output of terraform show -json PLANFILE";
/** Terraform's change actions; `forget` (Terraform 1.7+: a `removed` block with destroy = false) drops an object from state and leaves it running. */
const ACTIONS = new Set(["no-op", "create", "read", "update", "delete", "forget"]);

/**
 * Attributes only AWS computes. Unknown in a plan, they are "known after apply" whatever the
 * configuration says; other attributes unknown in a plan but absent from the configuration are
 * simply unset, and the model builder applies the provider's default (or AWS's choice) to them.
 */
const COMPUTED_ONLY = new Set(["arn", "id", "writer", "endpoint", "reader_endpoint", "address", "cluster_members", "engine_version_actual", "hosted_zone_id", "fqdn", "resource_id", "cluster_resource_id", "dbi_resource_id"]);

interface ConfigResource {
  readonly expressions: Record<string, Json>;
  readonly providerKey: string | undefined;
}

export interface ParsedPlan {
  readonly input: TfInput;
  /** Region of each resource's provider configuration, by address. */
  readonly providerRegions: Map<string, string>;
}

/** `module.a[0].module.b["x"].aws_rds_cluster.c[1]` → `module.a.module.b.aws_rds_cluster.c` (the configuration address). */
function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, "");
}

/** The module part of a resource address: `module.db[0].aws_rds_cluster.x` → `module.db[0]`. */
function moduleOf(address: string): string {
  const m = /^((?:module\.[^.[]+(?:\[(?:"[^"]*"|[^\]]*)\])?\.)*)/.exec(address);
  const prefix = m?.[1] ?? "";
  return prefix.endsWith(".") ? prefix.slice(0, -1) : prefix;
}

/** Configuration resources by configuration address, walking module calls. */
function configResources(configuration: unknown): Map<string, ConfigResource> {
  const out = new Map<string, ConfigResource>();
  const walk = (module: unknown, prefix: string) => {
    if (!isJsonObject(module)) return;
    const resources = module["resources"];
    if (Array.isArray(resources)) {
      for (const r of resources) {
        if (!isJsonObject(r) || typeof r["address"] !== "string") continue;
        const expressions = isJsonObject(r["expressions"]) ? r["expressions"] : {};
        const providerKey = typeof r["provider_config_key"] === "string" ? r["provider_config_key"] : undefined;
        out.set(`${prefix}${r["address"]}`, { expressions, providerKey });
      }
    }
    const calls = module["module_calls"];
    if (isJsonObject(calls)) for (const [name, call] of Object.entries(calls)) if (isJsonObject(call)) walk(call["module"], `${prefix}module.${name}.`);
  };
  if (isJsonObject(configuration)) walk(configuration["root_module"], "");
  return out;
}

/** The region a provider configuration names, directly or through a root variable. */
function providerRegion(doc: Record<string, unknown>, key: string | undefined): string | undefined {
  const configuration = doc["configuration"];
  const providers = isJsonObject(configuration) ? configuration["provider_config"] : undefined;
  if (!isJsonObject(providers)) return undefined;
  const keys = key === undefined ? ["aws"] : [key, key.slice(key.lastIndexOf(":") + 1), "aws"];
  for (const k of keys) {
    const p = providers[k];
    const expressions = isJsonObject(p) ? p["expressions"] : undefined;
    const region = isJsonObject(expressions) ? expressions["region"] : undefined;
    if (!isJsonObject(region)) continue;
    if (typeof region["constant_value"] === "string") return region["constant_value"];
    const refs = region["references"];
    const variables = doc["variables"];
    if (Array.isArray(refs) && isJsonObject(variables)) {
      for (const ref of refs) {
        const name = typeof ref === "string" && ref.startsWith("var.") ? ref.slice(4) : undefined;
        const v = name === undefined ? undefined : variables[name];
        if (isJsonObject(v) && typeof v["value"] === "string") return v["value"];
      }
    }
    return undefined;
  }
  return undefined;
}

const REFERENCE = /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?(?:\.([A-Za-z_][A-Za-z0-9_-]*))?/;

/** Resource references (`aws_rds_cluster.main.endpoint`) in an expression, made absolute from the referrer's module. */
function references(expression: Json | undefined, referrer: string): TfReference[] {
  if (!isJsonObject(expression) || !Array.isArray(expression["references"])) return [];
  const module = moduleOf(referrer);
  const out: TfReference[] = [];
  const seen = new Set<string>();
  for (const ref of expression["references"]) {
    if (typeof ref !== "string") continue;
    const m = REFERENCE.exec(ref);
    if (!m || m[1] !== "" || m[5] === undefined) continue; // module outputs, data sources, var/local: not resolvable here
    const address = `${module === "" ? "" : `${module}.`}${m[2]}.${m[3]}${m[4] ?? ""}`;
    const key = `${address}.${m[5]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(new TfReference(address, m[5]));
  }
  return out;
}

/** Why an unknown attribute is unknown, quoting the configuration's references. */
function unknownFor(expression: Json | undefined): TfUnknown {
  const refs = isJsonObject(expression) && Array.isArray(expression["references"]) ? expression["references"].filter((r): r is string => typeof r === "string") : [];
  return new TfUnknown(refs.length > 0 ? `${KNOWN_AFTER_APPLY} (it depends on ${refs[0]})` : KNOWN_AFTER_APPLY);
}

/** Whether an `after_unknown` mask marks some top-level attribute (or an item of a list attribute) unknown. */
function hasUnknownAttribute(afterUnknown: unknown): boolean {
  if (!isJsonObject(afterUnknown)) return false;
  for (const key in afterUnknown) {
    const mask = afterUnknown[key];
    if (mask === true || (Array.isArray(mask) && mask.some((x) => x === true))) return true;
  }
  return false;
}

/**
 * Planned or `after` values with the plan's unknowns, refined by the configuration: an unknown
 * attribute set from another resource becomes a reference the model builder resolves (members to
 * their cluster, records to endpoints); one absent from the configuration is unset.
 */
function refine(address: string, values: unknown, afterUnknown: unknown, config: ConfigResource | undefined): Record<string, TfValue> {
  const merged = withUnknowns(values ?? {}, afterUnknown) as Record<string, TfValue>;
  if (config === undefined || !hasUnknownAttribute(afterUnknown)) return merged; // nothing to refine (most resources of a large plan)
  const out: Record<string, TfValue> = {};
  for (const [attribute, value] of Object.entries(merged)) {
    const mask = isJsonObject(afterUnknown) ? afterUnknown[attribute] : undefined;
    const isUnknown = mask === true || (Array.isArray(mask) && mask.some((x) => x === true));
    if (!isUnknown || config === undefined) {
      out[attribute] = refineNested(address, value, config.expressions[attribute]);
      continue;
    }
    const expression = config.expressions[attribute];
    if (expression === undefined) {
      if (COMPUTED_ONLY.has(attribute)) out[attribute] = value;
      continue; // unset in the configuration: the provider's default or AWS's choice
    }
    const refs = references(expression, address);
    if (Array.isArray(value)) {
      const knownItems = value.filter((v) => !(v instanceof TfUnknown));
      out[attribute] = refs.length > 0 ? [...knownItems, ...refs] : value.map((v) => (v instanceof TfUnknown ? unknownFor(expression) : v));
    } else if (value instanceof TfUnknown) {
      out[attribute] = refs.length === 1 ? refs[0]! : unknownFor(expression);
    } else out[attribute] = value;
  }
  return out;
}

/**
 * A nested block (`launch_template { id = aws_launch_template.web.id }`): its fields known after apply that the
 * configuration sets from one other resource become that reference, as top-level attributes do.
 */
function refineNested(address: string, value: TfValue, expression: Json | undefined): TfValue {
  if (!Array.isArray(value) || !Array.isArray(expression)) return value;
  return value.map((item, i) => {
    const config = expression[i];
    if (item === null || typeof item !== "object" || Array.isArray(item) || item instanceof TfUnknown || item instanceof TfReference || !isJsonObject(config)) return item;
    const fields = item as Record<string, TfValue>;
    if (!Object.values(fields).some((v) => v instanceof TfUnknown)) return item;
    return Object.fromEntries(
      Object.entries(fields).map(([k, v]) => {
        const refs = v instanceof TfUnknown ? references(config[k], address) : [];
        return [k, refs.length === 1 ? refs[0]! : v];
      }),
    );
  });
}

function actionsOf(change: Record<string, unknown>): (TfChange["actions"][number] | "forget")[] | undefined {
  const actions = change["actions"];
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === "string" && ACTIONS.has(a))) return undefined;
  return actions as (TfChange["actions"][number] | "forget")[];
}

/** Why the plan's end state and changes are not final (Terraform's `errored` and `complete` flags), if they are not. */
function incompleteness(doc: Record<string, unknown>): string | undefined {
  if (doc["errored"] === true) return "the plan errored (errored: true): Terraform could not plan every change, so neither the end state nor the changes are final";
  if (doc["complete"] === false) return "the plan is incomplete (complete: false): Terraform deferred some changes to a later plan";
  return undefined;
}

function replacePaths(change: Record<string, unknown>): string[] {
  const paths = change["replace_paths"];
  if (!Array.isArray(paths)) return [];
  const out = new Set<string>();
  for (const p of paths) {
    const first: unknown = Array.isArray(p) ? p[0] : p;
    if (typeof first === "string") out.add(first);
  }
  return [...out];
}

/**
 * Deposed objects whose destruction the changes.* rules weigh: a cluster member (it still serves, and
 * may still be the writer), and a whole cluster or standalone instance (a running database goes).
 */
const DEPOSED_JUDGED: ReadonlySet<string> = new Set(["aws_rds_cluster_instance", "aws_rds_cluster", "aws_db_instance"]);

/**
 * A deposed object is an older copy a create_before_destroy replacement left running; the plan only
 * ever destroys it. Its end state is nothing, so only the changes.* rules see it, as a member (or a
 * database) being removed; deleting one that is still its cluster's writer fails the cluster over.
 */
function deposedNote(address: string, key: unknown, change: unknown): string {
  const id = typeof key === "string" ? ` (${key})` : "";
  const before = isJsonObject(change) ? change["before"] : undefined;
  const writer = isJsonObject(before) && before["writer"] === true;
  const identifier = isJsonObject(before) && typeof before["identifier"] === "string" ? ` ${before["identifier"]}` : "";
  return writer
    ? `the plan destroys a deposed object of ${address}${id}, the old instance${identifier} a create_before_destroy replacement left running, and it is still its cluster's writer: applying fails the cluster over`
    : `the plan destroys a deposed object of ${address}${id}, an old one a create_before_destroy replacement left running`;
}

/** The destruction of a deposed object as a change the model can attach, for the types in DEPOSED_JUDGED. */
function deposedChange(address: string, type: string, key: unknown, change: unknown): TfChange | undefined {
  if (!DEPOSED_JUDGED.has(type) || typeof key !== "string" || !isJsonObject(change)) return undefined;
  const actions = actionsOf(change);
  const before = change["before"];
  if (actions === undefined || !actions.includes("delete") || !isJsonObject(before)) return undefined;
  return {
    address: `${address} (deposed ${key})`,
    type,
    actions: ["delete"],
    before: withUnknowns(before, undefined) as Record<string, TfValue>,
    after: null,
    replacedBecause: [],
    deposed: key,
  };
}

/** Checks the document is a Terraform plan; a UserError (exit 2) pointing into the file otherwise. */
function assertPlan(file: TerraformJsonFile): Record<string, unknown> {
  const doc = file.doc;
  if (!isJsonObject(doc)) throw documentError(file.display, "is not a Terraform plan: expected a JSON object with format_version, planned_values and resource_changes", HINT);
  const version = doc["format_version"];
  if (typeof version !== "string") {
    throw documentError(
      file.display,
      version === undefined ? "is not a Terraform plan: it has no format_version" : `is not a Terraform plan: format_version is ${JSON.stringify(version)}, expected a string such as "1.2"`,
      HINT,
      version === undefined ? undefined : positionOfKey(file.text, "format_version"),
    );
  }
  if (!/^[01]\./.test(version)) {
    throw documentError(file.display, `plan format_version ${version} is not supported (haspec reads 0.x and 1.x)`, HINT, positionOfKey(file.text, "format_version"));
  }
  if (!isJsonObject(doc["planned_values"]) && !Array.isArray(doc["resource_changes"])) {
    throw documentError(file.display, "is not a Terraform plan: it has neither planned_values nor resource_changes (state JSON? use --source state)", HINT);
  }
  if (doc["resource_changes"] !== undefined && !Array.isArray(doc["resource_changes"])) {
    throw documentError(file.display, "resource_changes is not a list", HINT, positionOfKey(file.text, "resource_changes"));
  }
  return doc;
}

/** Reads one plan document into TfInput. */
export function parsePlan(file: TerraformJsonFile): ParsedPlan {
  const doc = assertPlan(file);
  const location: SourceLocation = { source: "plan", file: file.display };
  const config = configResources(doc["configuration"]);
  const providerRegions = new Map<string, string>();
  const notes: string[] = [];

  // Many resources share one configuration resource (count, for_each) and one provider configuration.
  const configOf = new Map<string, ConfigResource | undefined>();
  const configFor = (address: string): ConfigResource | undefined => {
    if (configOf.has(address)) return configOf.get(address);
    const c = config.get(configAddress(address));
    configOf.set(address, c);
    return c;
  };
  const regionOf = new Map<string | undefined, string | undefined>();
  const regionFor = (key: string | undefined): string | undefined => {
    if (regionOf.has(key)) return regionOf.get(key);
    const region = providerRegion(doc, key);
    regionOf.set(key, region);
    return region;
  };

  const rawChanges = new Map<string, Record<string, unknown>>();
  const changes: TfChange[] = [];
  const forgotten: TfResource[] = [];
  const rcList = Array.isArray(doc["resource_changes"]) ? doc["resource_changes"] : [];
  for (let i = 0; i < rcList.length; i++) {
    const rc: unknown = rcList[i];
    if (!isJsonObject(rc) || rc["mode"] === "data") continue;
    const address = rc["address"];
    const type = rc["type"];
    const change = rc["change"];
    if (rc["deposed"] !== undefined) {
      if (typeof address !== "string" || typeof type !== "string" || !MODELLED_TYPES.has(type)) continue;
      notes.push(deposedNote(address, rc["deposed"], change));
      const deposed = deposedChange(address, type, rc["deposed"], change);
      if (deposed !== undefined) {
        changes.push(deposed);
        const region = regionFor(configFor(address)?.providerKey);
        if (region !== undefined) providerRegions.set(deposed.address, region);
      }
      continue;
    }
    if (typeof address !== "string" || typeof type !== "string" || !isJsonObject(change)) {
      throw documentError(file.display, `resource_changes[${i}] lacks address, type or change`, HINT, positionOfKey(file.text, "resource_changes"));
    }
    if (!MODELLED_TYPES.has(type)) continue;
    const read = actionsOf(change);
    if (read === undefined) throw documentError(file.display, `resource_changes[${i}] (${address}) has unreadable actions`, HINT, positionOfKey(file.text, "resource_changes"));
    rawChanges.set(address, change);
    const c = configFor(address);
    const before = isJsonObject(change["before"]) ? (withUnknowns(change["before"], undefined) as Record<string, TfValue>) : null;
    let after = isJsonObject(change["after"]) ? refine(address, change["after"], change["after_unknown"], c) : null;
    let actions = read.filter((a): a is TfChange["actions"][number] => a !== "forget");
    if (read.includes("forget")) {
      // The object leaves Terraform's state but keeps running in AWS: for availability nothing changes.
      if (actions.includes("create")) {
        notes.push(`the plan stops managing the current ${address} (forget) and creates a new one in its place; the one it forgets keeps running and is not judged`);
      } else {
        notes.push(`the plan stops managing ${address} (removed with destroy = false): it keeps running as it is now and is judged from its current values`);
        actions = ["no-op"];
        after = before;
        if (before !== null) forgotten.push({ address, type, values: before, location });
      }
    }
    changes.push({ address, type, actions, before, after, replacedBecause: replacePaths(change) });
  }

  const resources: TfResource[] = [];
  const planned = isJsonObject(doc["planned_values"]);
  const wrongShape = (what: string, key: string): never => {
    throw documentError(file.display, `planned_values: ${what}`, HINT, positionOfKey(file.text, key));
  };
  for (const r of moduleResources(planned ? (doc["planned_values"] as Record<string, unknown>)["root_module"] : undefined, wrongShape)) {
    const address = r["address"];
    const type = r["type"];
    if (typeof address !== "string" || typeof type !== "string" || r["mode"] === "data" || !MODELLED_TYPES.has(type)) continue;
    const c = configFor(address);
    const change = rawChanges.get(address);
    const values = refine(address, r["values"], change?.["after_unknown"], c);
    resources.push({ address, type, values, location });
    const region = regionFor(c?.providerKey);
    if (region !== undefined) providerRegions.set(address, region);
  }
  if (!planned) {
    // planned_values holds what the changes' `after` values say; without it, they are the end state.
    notes.push(`${file.display} has no planned_values: the end state is taken from resource_changes[].change.after`);
    for (const c of changes) if (c.after !== null && !c.actions.includes("read")) resources.push({ address: c.address, type: c.type, values: c.after, location });
  }
  // Objects the plan forgets stay in AWS as they are.
  const inEndState = new Set(resources.map((r) => r.address));
  for (const f of forgotten) if (!inEndState.has(f.address)) resources.push(f);
  // Regions of the resources planned_values does not hold (destroyed, forgotten, or all of them without it).
  for (const c of changes) {
    if (providerRegions.has(c.address)) continue;
    const region = regionFor(configFor(c.address)?.providerKey);
    if (region !== undefined) providerRegions.set(c.address, region);
  }
  const incomplete = incompleteness(doc);
  if (incomplete !== undefined) notes.push(`${file.display}: ${incomplete}; no result from it can pass`);
  const tfVersion = typeof doc["terraform_version"] === "string" ? ` (Terraform ${doc["terraform_version"]})` : "";
  if (resources.length === 0 && changes.length === 0) notes.push(`${file.display}${tfVersion} holds no RDS, Aurora or Route 53 resources`);
  return {
    input: { kind: "plan", resources, changes, notes, sources: [{ kind: "plan", location: file.display }], ...(incomplete === undefined ? {} : { incomplete }) },
    providerRegions,
  };
}
