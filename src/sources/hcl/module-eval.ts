// Evaluates a module's variables, locals, module calls and resources (count, for_each, dynamic blocks) into TfResources.
import { relative, resolve } from "node:path";
import { COMPUTE_TYPES } from "../terraform/compute-types.js";
import { TfReference, TfUnknown, type TfResource, type TfValue } from "../terraform/types.js";
import type { ModuleCallDecl, ModuleConfig, ResourceDecl } from "./config.js";
import { type Scope, evaluateJson, withNames } from "./evaluate.js";
import { isLocalSource } from "./installed-modules.js";
import { convertToType } from "./type-constraint.js";
import {
  EvalFailure,
  LazyObject,
  ResourceInstanceRef,
  type V,
  asNumber,
  asString,
  firstUnknown,
  isObject,
  objectOf,
  quote,
  toTfValue,
} from "./values.js";

/** The resource types haspec's model reads; other resources are evaluated only when referenced. */
export const READ_TYPES: ReadonlySet<string> = new Set([
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_db_instance",
  "aws_rds_cluster_parameter_group",
  "aws_rds_cluster_endpoint",
  "aws_rds_global_cluster",
  "aws_db_event_subscription",
  "aws_db_proxy",
  "aws_db_proxy_target",
  "aws_db_proxy_default_target_group",
  "aws_route53_record",
  ...COMPUTE_TYPES,
]);

/** Types whose instances join a cluster: when their number is unknown, so is the cluster's membership. */
const MEMBER_TYPES: ReadonlySet<string> = new Set(["aws_rds_cluster_instance", "aws_db_instance"]);

/** Meta-arguments of a resource block: not attributes of the resource. */
const RESOURCE_META = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);
/** Meta-arguments of a module block: not inputs of the module. */
const MODULE_META = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

/** Shared by every module of one root: loaded child modules, notes, the module instances by address prefix. */
export interface EvalContext {
  readonly kind: "hcl" | "cdktf";
  readonly cwd: string;
  readonly rootDir: string;
  /** Local child modules, loaded before evaluation (by absolute directory), or why one could not be. */
  readonly modules: ReadonlyMap<string, ModuleConfig | string>;
  /** Registry and git module calls by call path (`aurora`, `aurora.child`): the copy `terraform init` installed, or why it is not read. */
  readonly installed?: ReadonlyMap<string, { readonly dir: string } | string>;
  readonly notes: string[];
  /** Module calls that cannot be read: the databases they create are missing from the results. */
  readonly gaps: string[];
  readonly byPrefix: Map<string, ModuleEval>;
  /** Filled by `collect`: the region of each resource's provider configuration, by address, where the configuration names one. */
  readonly regions?: Map<string, string>;
}

/** `"${aws.west}"` (a provider reference as hcl2json gives it) → `aws.west`; undefined for anything else. */
function providerKey(raw: unknown): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== "string") return undefined;
  const m = /^\$\{\s*([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?)\s*\}$/.exec(v) ?? /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?)$/.exec(v);
  return m?.[1];
}

/** Which instance of a counted / for_each resource (or module) an expression is evaluated for. */
interface InstanceKey {
  readonly count?: V;
  readonly each?: { readonly key: V; readonly value: V };
}

type Expansion =
  | { readonly kind: "single" }
  | { readonly kind: "count"; readonly n: number }
  | { readonly kind: "for_each"; readonly entries: readonly (readonly [string, V])[] }
  | { readonly kind: "unknown"; readonly meta: "count" | "for_each"; readonly reason: TfUnknown };

const IN_PROGRESS = Symbol("in progress");

/** A reference's value with references followed and lazy objects read, for places that need a plain value. */
function settle(v: V, deref: (r: TfReference) => V): V {
  let out = v;
  for (let depth = 0; out instanceof TfReference && depth < 16; depth++) out = deref(out);
  if (out instanceof TfReference) return new TfUnknown(`${out.address}.${out.attribute} is known only after apply`);
  if (out instanceof LazyObject) return objectOf(out.keys().map((k) => [k, out.get(k) ?? null] as const));
  return out;
}

function instanceAddress(base: string, key: number | string | undefined): string {
  if (key === undefined) return base;
  return typeof key === "number" ? `${base}[${key}]` : `${base}[${JSON.stringify(key)}]`;
}

/** The JSON form of a literal (variable defaults, tfvars) as an evaluation value: strings stay literal. */
export function literalValue(raw: unknown): V {
  if (raw === null || typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
  if (Array.isArray(raw)) return raw.map(literalValue);
  if (typeof raw === "object") return objectOf(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, literalValue(v)] as const));
  return null;
}

/** One instance of a module (the root, or a module call's instance), evaluated on demand. */
export class ModuleEval {
  private readonly varCache = new Map<string, V>();
  private readonly localCache = new Map<string, V | typeof IN_PROGRESS>();
  private readonly outputCache = new Map<string, V | typeof IN_PROGRESS>();
  private readonly expansions = new Map<string, Expansion>();
  private readonly attributeCache = new Map<string, V | typeof IN_PROGRESS>();
  private readonly calls = new Map<string, { readonly children: readonly ModuleEval[]; readonly value: V }>();
  private readonly varObject: LazyObject;
  private readonly localObject: LazyObject;
  private readonly moduleObject: LazyObject;
  private readonly typeObjects = new Map<string, LazyObject>();
  private readonly resourcesByKey = new Map<string, ResourceDecl>();
  private readonly regionCache = new Map<string, string | undefined>();
  private readonly defaultTagsCache = new Map<string, Readonly<Record<string, string>> | TfUnknown | undefined>();
  /** A child module's link to its caller, for the provider configurations it inherits or is passed (`providers = { aws = aws.west }`). */
  providerLink?: { readonly parent: ModuleEval; readonly mapping: ReadonlyMap<string, string> | undefined };
  /** The module call names from the root to this module (`["aurora"]`): the key of modules.json. */
  callPath: readonly string[] = [];

  constructor(
    readonly ctx: EvalContext,
    readonly config: ModuleConfig,
    /** Address prefix: "" for the root, `module.db.` or `module.db["a"].` for a child. */
    readonly prefix: string,
    /** Values given to the module's variables (tfvars / -var for the root, the module block's arguments for a child). */
    private readonly inputs: ReadonlyMap<string, V>,
    /** Why a variable without a value has none, completing "var.x has no value: …". */
    private readonly missingInput: string,
    /** Set when this module instance stands for an unknown number of instances (count / for_each unknown). */
    readonly expansionUnknown?: { readonly meta: "count" | "for_each"; readonly reason: TfUnknown },
  ) {
    ctx.byPrefix.set(prefix, this);
    this.varObject = new LazyObject(
      "var",
      () => [...config.variables.keys()],
      (name) => this.variable(name),
      (name) => `no variable "${name}" is declared in ${this.rel(config.dir)}`,
    );
    this.localObject = new LazyObject(
      "local",
      () => [...config.locals.keys()],
      (name) => this.local(name),
      (name) => `no local value "${name}" is declared in ${this.rel(config.dir)}`,
    );
    this.moduleObject = new LazyObject(
      "module",
      () => config.moduleCalls.map((c) => c.name),
      (name) => {
        const call = config.moduleCalls.find((c) => c.name === name);
        return call ? this.moduleCall(call).value : undefined;
      },
      (name) => `no module "${name}" is called in ${this.rel(config.dir)}`,
    );
    for (const r of config.resources) {
      this.resourcesByKey.set(`${r.type}.${r.name}`, r);
      if (!this.typeObjects.has(r.type)) {
        const type = r.type;
        this.typeObjects.set(
          type,
          new LazyObject(
            type,
            () => config.resources.filter((d) => d.type === type).map((d) => d.name),
            (name) => {
              const decl = this.resourcesByKey.get(`${type}.${name}`);
              return decl ? this.resourceValue(decl) : this.undeclared(type, name);
            },
          ),
        );
      }
    }
  }

  /**
   * A reference to a resource of a type haspec reads that this module does not declare (a file read
   * alone, a typo): kept as a reference, so the model builder can say the member joins a cluster
   * that is not among the inputs instead of leaving every cluster's membership in doubt.
   */
  private undeclared(type: string, name: string): V | undefined {
    return READ_TYPES.has(type) ? new ResourceInstanceRef(`${this.prefix}${type}.${name}`) : undefined;
  }

  private undeclaredType(type: string): LazyObject {
    let o = this.typeObjects.get(type);
    if (!o) {
      o = new LazyObject(type, () => [], (name) => this.undeclared(type, name));
      this.typeObjects.set(type, o);
    }
    return o;
  }

  private rel(dir: string): string {
    const r = relative(this.ctx.rootDir, dir).split("\\").join("/");
    return r === "" ? "." : r.startsWith(".") ? r : `./${r}`;
  }

  /** The scope expressions of this module see; `key` adds count.index / each.* of a block instance. */
  scope(key?: InstanceKey): Scope {
    const countValue: V = key?.count !== undefined ? objectOf([["index", key.count]]) : new EvalFailure("count.index is available only in a block that sets count");
    const eachValue: V = key?.each
      ? objectOf([
          ["key", key.each.key],
          ["value", key.each.value],
        ])
      : new EvalFailure("each.key and each.value are available only in a block that sets for_each");
    return {
      root: (name) => {
        switch (name) {
          case "var":
            return this.varObject;
          case "local":
            return this.localObject;
          case "count":
            return countValue;
          case "each":
            return eachValue;
          case "module":
            return this.moduleObject;
          case "path":
            return objectOf([
              ["module", this.rel(this.config.dir)],
              ["root", "."],
              ["cwd", "."],
            ]);
          case "terraform":
            return objectOf([["workspace", new TfUnknown("terraform.workspace depends on the workspace selected when Terraform runs")]]);
          case "data":
            return new TfUnknown("data sources are read only when Terraform plans");
          case "self":
            return new TfUnknown("self is known only inside provisioners");
          default:
            return this.typeObjects.get(name) ?? (READ_TYPES.has(name) ? this.undeclaredType(name) : undefined);
        }
      },
      deref: (ref) => derefAddress(this.ctx, ref),
    };
  }

  variable(name: string): V | undefined {
    const cached = this.varCache.get(name);
    if (cached !== undefined) return cached;
    const decl = this.config.variables.get(name);
    if (!decl) return undefined;
    let v: V;
    // A null given to a `nullable = false` variable is its default, as in Terraform.
    if (this.inputs.has(name) && !(decl.nonNullable && this.inputs.get(name) === null && decl.hasDefault)) v = this.inputs.get(name)!;
    else if (decl.hasDefault) v = literalValue(decl.default);
    else v = new TfUnknown(`var.${name} has no value: ${this.missingInput}`);
    v = convertToType(v, decl.type, `var.${name}`);
    this.varCache.set(name, v);
    return v;
  }

  local(name: string): V | undefined {
    const cached = this.localCache.get(name);
    if (cached === IN_PROGRESS) return new EvalFailure(`local.${name} refers to itself`);
    if (cached !== undefined) return cached;
    if (!this.config.locals.has(name)) return undefined;
    this.localCache.set(name, IN_PROGRESS);
    const v = evaluateJson(this.config.locals.get(name), this.scope());
    this.localCache.set(name, v);
    return v;
  }

  output(name: string): V | undefined {
    const cached = this.outputCache.get(name);
    if (cached === IN_PROGRESS) return new EvalFailure(`output ${name} refers to itself`);
    if (cached !== undefined) return cached;
    if (!this.config.outputs.has(name)) return undefined;
    this.outputCache.set(name, IN_PROGRESS);
    const v = evaluateJson(this.config.outputs.get(name), this.scope());
    this.outputCache.set(name, v);
    return v;
  }

  /** count / for_each of a resource or module block, evaluated in the module's scope. */
  private expand(body: Readonly<Record<string, unknown>>, what: string): Expansion {
    const scope = this.scope();
    const hasCount = body["count"] !== undefined;
    const hasForEach = body["for_each"] !== undefined;
    if (hasCount && hasForEach) {
      return { kind: "unknown", meta: "count", reason: new TfUnknown(`${what} sets both count and for_each, which Terraform refuses`) };
    }
    if (hasCount) {
      const v = settle(evaluateJson(body["count"], scope), scope.deref);
      if (v instanceof TfUnknown) return { kind: "unknown", meta: "count", reason: v };
      const n = asNumber(v);
      if (n === undefined || !Number.isInteger(n) || n < 0) {
        return { kind: "unknown", meta: "count", reason: new TfUnknown(`count of ${what} is ${JSON.stringify(toTfValue(v))}, not a whole number`) };
      }
      return { kind: "count", n };
    }
    if (hasForEach) {
      const v = settle(evaluateJson(body["for_each"], scope), scope.deref);
      if (v instanceof TfUnknown) return { kind: "unknown", meta: "for_each", reason: v };
      if (isObject(v)) return { kind: "for_each", entries: Object.keys(v).sort().map((k) => [k, v[k]!] as const) };
      if (Array.isArray(v)) {
        const u = firstUnknown(v);
        if (u) return { kind: "unknown", meta: "for_each", reason: u };
        const keys = [...new Set((v as readonly V[]).map((x) => asString(x)))];
        if (keys.some((k) => k === undefined)) {
          return { kind: "unknown", meta: "for_each", reason: new TfUnknown(`for_each of ${what} is a list of non-strings; Terraform needs a map or a set of strings`) };
        }
        return { kind: "for_each", entries: (keys as string[]).sort().map((k) => [k, k] as const) };
      }
      return { kind: "unknown", meta: "for_each", reason: new TfUnknown(`for_each of ${what} is not a map or a set`) };
    }
    return { kind: "single" };
  }

  private expansion(decl: ResourceDecl): Expansion {
    const key = `${decl.type}.${decl.name}`;
    let e = this.expansions.get(key);
    if (!e) {
      e = this.expand(decl.body, `${this.prefix}${key}`);
      this.expansions.set(key, e);
    }
    return e;
  }

  /** `aws_rds_cluster.this` as a value: one instance handle, a list (count) or a map (for_each). */
  private resourceValue(decl: ResourceDecl): V {
    const base = `${this.prefix}${decl.type}.${decl.name}`;
    const e = this.expansion(decl);
    switch (e.kind) {
      case "single":
        return new ResourceInstanceRef(base);
      case "count":
        return Array.from({ length: e.n }, (_, i) => new ResourceInstanceRef(instanceAddress(base, i)));
      case "for_each":
        return objectOf(e.entries.map(([k]) => [k, new ResourceInstanceRef(instanceAddress(base, k))] as const));
      case "unknown":
        return e.reason;
    }
  }

  /** The instance key an address suffix (`[0]`, `["a"]`, or none) names, or why it names none. */
  private keyFor(decl: ResourceDecl, index: string | undefined): InstanceKey | string {
    const e = this.expansion(decl);
    const name = `${this.prefix}${decl.type}.${decl.name}`;
    if (e.kind === "unknown") return `${name} has ${e.meta} ${e.reason.reason}`;
    if (e.kind === "single") return index === undefined ? {} : `${name} has no count or for_each, so ${name}${index} names nothing`;
    if (index === undefined) return `${name} has ${e.kind}; name one instance, e.g. ${name}[${e.kind === "count" ? 0 : '"key"'}]`;
    const inner = index.slice(1, -1);
    if (e.kind === "count") {
      const i = Number(inner);
      return Number.isInteger(i) && i >= 0 && i < e.n ? { count: i } : `${name}${index} is not one of its ${e.n} instances`;
    }
    let key: unknown;
    try {
      key = JSON.parse(inner);
    } catch {
      return `${name}${index} is not a for_each key`;
    }
    const entry = e.entries.find(([k]) => k === key);
    return entry ? { each: { key: entry[0], value: entry[1] } } : `${name}${index} is not one of its for_each keys`;
  }

  /** The configured value of one attribute of a resource instance in this module, or unknown. */
  attributeOf(rest: string, attribute: string): V {
    const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[.*\])?$/.exec(rest);
    const full = `${this.prefix}${rest}`;
    if (!m) return new TfUnknown(`${full}.${attribute} is known only after apply`);
    const decl = this.resourcesByKey.get(`${m[1]}.${m[2]}`);
    if (!decl) return new TfUnknown(`${full} is not declared in ${this.rel(this.config.dir)}`);
    const cacheKey = `${full}\0${attribute}`;
    const cached = this.attributeCache.get(cacheKey);
    if (cached === IN_PROGRESS) return new TfUnknown(`${full}.${attribute} refers to itself`);
    if (cached !== undefined) return cached;
    const key = this.keyFor(decl, m[3]);
    let v: V;
    if (typeof key === "string") v = new TfUnknown(key);
    else if (!Object.prototype.hasOwnProperty.call(decl.body, attribute) || RESOURCE_META.has(attribute)) {
      v = new TfUnknown(`${full}.${attribute} is not set in the configuration, so it is known only after apply`);
    } else {
      this.attributeCache.set(cacheKey, IN_PROGRESS);
      v = this.evaluateBlock({ [attribute]: decl.body[attribute] }, this.scope(key), false);
      v = isObject(v) ? (v[attribute] ?? null) : v;
    }
    this.attributeCache.set(cacheKey, v);
    return v;
  }

  /** A block body: attributes evaluated, nested blocks walked, `dynamic` blocks expanded, meta-arguments left out at the top. */
  evaluateBlock(body: Readonly<Record<string, unknown>>, scope: Scope, top: boolean): V {
    const out: [string, V][] = [];
    const dynamic = new Map<string, V[] | TfUnknown>();
    for (const [k, raw] of Object.entries(body)) {
      if (k === "//" || (top && RESOURCE_META.has(k))) continue;
      if (k === "dynamic" && isDynamicShape(raw)) {
        this.expandDynamic(raw as Record<string, unknown>, scope, dynamic);
        continue;
      }
      let key = k;
      // Object keys are templates too: `%%{` (a literal `%{`) needs the template reading as much as `$${`.
      if (k.includes("${") || k.includes("%{")) {
        const kv = evaluateJson(k, scope);
        if (typeof kv !== "string") {
          out.push([k, kv instanceof TfUnknown ? kv : new TfUnknown(`the key ${quote(k)} is not a string`)]);
          continue;
        }
        key = kv;
      }
      out.push([key, this.evaluateValue(raw, scope)]);
    }
    for (const [name, items] of dynamic) {
      const i = out.findIndex(([k]) => k === name);
      const existing = i >= 0 ? out[i]![1] : undefined;
      let merged: V;
      if (items instanceof TfUnknown) merged = items;
      else if (existing instanceof TfUnknown) merged = existing;
      else merged = [...(Array.isArray(existing) ? (existing as readonly V[]) : existing === undefined ? [] : [existing]), ...items];
      if (i >= 0) out[i] = [name, merged];
      else out.push([name, merged]);
    }
    return objectOf(out);
  }

  private evaluateValue(raw: unknown, scope: Scope): V {
    if (Array.isArray(raw)) return raw.map((item) => this.evaluateValue(item, scope));
    if (typeof raw === "object" && raw !== null) return this.evaluateBlock(raw as Record<string, unknown>, scope, false);
    return evaluateJson(raw, scope);
  }

  private expandDynamic(raw: Record<string, unknown>, scope: Scope, into: Map<string, V[] | TfUnknown>): void {
    for (const [blockName, specs] of Object.entries(raw)) {
      for (const spec of (Array.isArray(specs) ? specs : [specs]) as Record<string, unknown>[]) {
        const iterator = typeof spec["iterator"] === "string" ? spec["iterator"].replace(/^\$\{(.*)\}$/, "$1") : blockName;
        const coll = settle(evaluateJson(spec["for_each"], scope), scope.deref);
        const existing = into.get(blockName);
        if (existing instanceof TfUnknown) continue;
        if (coll instanceof TfUnknown) {
          into.set(blockName, new TfUnknown(`the dynamic "${blockName}" blocks cannot be told: their for_each ${coll.reason}`));
          continue;
        }
        let pairs: (readonly [V, V])[];
        if (Array.isArray(coll)) pairs = (coll as readonly V[]).map((v, i) => [i, v] as const);
        else if (isObject(coll)) pairs = Object.keys(coll).sort().map((k) => [k, coll[k]!] as const);
        else {
          into.set(blockName, new TfUnknown(`the for_each of the dynamic "${blockName}" blocks is not a collection`));
          continue;
        }
        const content = (Array.isArray(spec["content"]) ? spec["content"][0] : spec["content"]) as Record<string, unknown> | undefined;
        const items = existing ?? [];
        for (const [key, value] of pairs) {
          const inner = withNames(scope, {
            [iterator]: objectOf([
              ["key", key],
              ["value", value],
            ]),
          });
          items.push(this.evaluateBlock(content ?? {}, inner, false));
        }
        into.set(blockName, items);
      }
    }
  }

  /** A module call: its instances (evaluated children) and its value (`module.x` → outputs). */
  private moduleCall(call: ModuleCallDecl): { readonly children: readonly ModuleEval[]; readonly value: V } {
    const cached = this.calls.get(call.name);
    if (cached) return cached;
    const result = this.instantiate(call);
    this.calls.set(call.name, result);
    return result;
  }

  private instantiate(call: ModuleCallDecl): { readonly children: readonly ModuleEval[]; readonly value: V } {
    const source = call.body["source"];
    const label = `${this.prefix}module.${call.name}`;
    if (typeof source !== "string") {
      this.ctx.gaps.push(`${label} (no source) is not read: the module block names no source`);
      return { children: [], value: new TfUnknown(`${label} names no source`) };
    }
    let dir: string;
    if (isLocalSource(source)) dir = resolve(this.config.dir, source);
    else {
      // A registry or git module: read from the copy `terraform init` installed, as Terraform itself does.
      const found = this.ctx.installed?.get([...this.callPath, call.name].join(".")) ?? "it was not looked up";
      if (typeof found === "string") {
        this.ctx.gaps.push(
          `${label} (source "${source}") is not read: ${found}; haspec reads a registry or git module from the copy terraform init installs (.terraform/modules), or check a plan (terraform show -json) to judge the databases it creates`,
        );
        return { children: [], value: new TfUnknown(`${label} comes from "${source}", which is not installed where haspec can read it`) };
      }
      dir = found.dir;
      this.ctx.notes.push(`${label} (source "${source}") is read from the copy terraform init installed in ${this.rel(dir)}`);
    }
    const child = this.ctx.modules.get(dir);
    if (child === undefined || typeof child === "string") {
      const why = child ?? `${source} was not loaded`;
      this.ctx.gaps.push(`${label} (source "${source}") is not read: ${why}`);
      return { children: [], value: new TfUnknown(`${label} is not read: ${why}`) };
    }
    const e = this.expand(call.body, label);
    const make = (key: InstanceKey, address: string, mark?: ModuleEval["expansionUnknown"]): ModuleEval => {
      const scope = this.scope(key);
      const inputs = new Map<string, V>();
      for (const [k, raw] of Object.entries(call.body)) {
        if (k === "//" || MODULE_META.has(k)) continue;
        inputs.set(k, this.evaluateValue(raw, scope));
      }
      const m = new ModuleEval(this.ctx, child, `${address}.`, inputs, `the ${address} block does not set it and it has no default`, mark ?? this.expansionUnknown);
      m.providerLink = { parent: this, mapping: providerMapping(call.body["providers"]) };
      m.callPath = [...this.callPath, call.name];
      return m;
    };
    const outputs = (m: ModuleEval, address: string): V =>
      new LazyObject(
        address,
        () => [...m.config.outputs.keys()],
        (name) => m.output(name),
        (name) => `${address} has no output "${name}"`,
      );
    switch (e.kind) {
      case "single": {
        const m = make({}, label);
        return { children: [m], value: outputs(m, label) };
      }
      case "count": {
        const ms = Array.from({ length: e.n }, (_, i) => make({ count: i }, instanceAddress(label, i)));
        return { children: ms, value: ms.map((m, i) => outputs(m, instanceAddress(label, i))) };
      }
      case "for_each": {
        const ms = e.entries.map(([k, v]) => make({ each: { key: k, value: v } }, instanceAddress(label, k)));
        return { children: ms, value: objectOf(e.entries.map(([k], i) => [k, outputs(ms[i]!, instanceAddress(label, k))] as const)) };
      }
      case "unknown": {
        this.ctx.notes.push(`${label} has an unknown ${e.meta} (${e.reason.reason}); its resources are read once, as if for one instance`);
        const unknownKey = new TfUnknown(`${label} ${e.meta} ${e.reason.reason}`);
        const m = make(e.meta === "count" ? { count: unknownKey } : { each: { key: unknownKey, value: unknownKey } }, label, { meta: e.meta, reason: e.reason });
        return { children: [m], value: e.reason };
      }
    }
  }

  /**
   * The region of the provider configuration `key` (`aws`, `aws.west`) as this module sees it: its
   * own provider block, else what the calling module passes (`providers = {…}`) or, for the default
   * configuration, lets it inherit. Undefined when no block sets a region or the region is unknown
   * (a variable without a value, the AWS_REGION environment variable, a profile).
   */
  providerRegion(key: string): string | undefined {
    return this.providerSetting(key, this.regionCache, (body) => {
      if (body["region"] === undefined) return undefined;
      const scope = this.scope();
      const v = settle(evaluateJson(body["region"], scope), scope.deref);
      return typeof v === "string" && v !== "" ? v : undefined;
    }, (parent, k) => parent.providerRegion(k));
  }

  /**
   * The `default_tags { tags = … }` of the provider configuration `key` as this module sees it (own
   * block, else passed or inherited like the region): the tags AWS adds to every resource
   * (`tags_all`), a TfUnknown when they cannot be evaluated, undefined when there are none.
   */
  providerDefaultTags(key: string): Readonly<Record<string, string>> | TfUnknown | undefined {
    return this.providerSetting(key, this.defaultTagsCache, (body) => {
      const blocks = body["default_tags"];
      const block: unknown = Array.isArray(blocks) ? blocks[blocks.length - 1] : blocks;
      const raw = block !== null && typeof block === "object" ? (block as Record<string, unknown>)["tags"] : undefined;
      if (raw === undefined) return undefined;
      const scope = this.scope();
      const v = toTfValue(settle(evaluateJson(raw, scope), scope.deref));
      if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof TfUnknown || v instanceof TfReference) {
        return new TfUnknown(`the provider ${key}'s default_tags ${v instanceof TfUnknown ? v.reason : "are not a map of strings"}`);
      }
      const entries = Object.entries(v as Record<string, TfValue>);
      return entries.every(([, t]) => typeof t === "string" || typeof t === "number" || typeof t === "boolean")
        ? Object.fromEntries(entries.map(([k, t]) => [k, String(t)]))
        : new TfUnknown(`the provider ${key}'s default_tags cannot be told`);
    }, (parent, k) => parent.providerDefaultTags(k));
  }

  /**
   * A setting of the provider configuration `key`: read from this module's own provider block, else
   * taken from the configuration the calling module passes (`providers = {…}`) or, for a default
   * configuration, lets it inherit. Cached per key; a cycle of provider references gives undefined.
   */
  private providerSetting<T>(
    key: string,
    cache: Map<string, T | undefined>,
    fromBlock: (body: Readonly<Record<string, unknown>>) => T | undefined,
    inParent: (parent: ModuleEval, key: string) => T | undefined,
  ): T | undefined {
    if (cache.has(key)) return cache.get(key);
    cache.set(key, undefined);
    let value: T | undefined;
    const decl = this.config.providers.get(key);
    if (decl) value = fromBlock(decl.body);
    else if (this.providerLink) {
      const { parent, mapping } = this.providerLink;
      const passed = mapping?.get(key) ?? (key.includes(".") ? undefined : key);
      if (passed !== undefined) value = inParent(parent, passed);
    }
    cache.set(key, value);
    return value;
  }

  /** Every resource of a type haspec reads, in this module and its child modules, expanded per instance. */
  collect(out: TfResource[]): void {
    for (const decl of this.config.resources) {
      if (!READ_TYPES.has(decl.type)) continue;
      const base = `${this.prefix}${decl.type}.${decl.name}`;
      const e = this.expansion(decl);
      // `provider = aws.west`, else the default configuration of the type's provider (`aws`).
      const provider = providerKey(decl.body["provider"]) ?? decl.type.slice(0, decl.type.indexOf("_"));
      const region = this.ctx.regions ? this.providerRegion(provider) : undefined;
      const defaultTags = this.providerDefaultTags(provider);
      const emit = (address: string, key: InstanceKey, mark?: { meta: "count" | "for_each"; reason: TfUnknown }): void => {
        if (region !== undefined) this.ctx.regions?.set(address, region);
        const values = this.evaluateBlock(decl.body, this.scope(key), true);
        const tf = toTfValue(values) as Record<string, TfValue>;
        if (defaultTags !== undefined) withDefaultTags(tf, defaultTags);
        const marked = mark ?? this.expansionUnknown;
        if (marked) {
          const reason = new TfUnknown(`how many instances of ${base} there are cannot be told: ${marked.meta} ${marked.reason.reason}`);
          tf[marked.meta] = reason;
          if (MEMBER_TYPES.has(decl.type) && tf["cluster_identifier"] !== undefined) tf["cluster_identifier"] = reason;
        }
        out.push({ address, type: decl.type, values: tf, location: decl.location });
      };
      switch (e.kind) {
        case "single":
          emit(base, {});
          break;
        case "count":
          for (let i = 0; i < e.n; i++) emit(instanceAddress(base, i), { count: i });
          break;
        case "for_each":
          for (const [k, v] of e.entries) emit(instanceAddress(base, k), { each: { key: k, value: v } });
          break;
        case "unknown": {
          this.ctx.notes.push(`${base} has an unknown ${e.meta} (${e.reason.reason}); it is read once, as if for one instance`);
          const u = new TfUnknown(`${base} ${e.meta} ${e.reason.reason}`);
          emit(base, e.meta === "count" ? { count: u } : { each: { key: u, value: u } }, { meta: e.meta, reason: e.reason });
          break;
        }
      }
    }
    for (const call of this.config.moduleCalls) {
      for (const child of this.moduleCall(call).children) child.collect(out);
    }
  }
}

/**
 * `tags_all` as the AWS provider computes it: the provider's default tags overridden by the
 * resource's own. When either cannot be told, the resource's tags cannot be either.
 */
function withDefaultTags(values: Record<string, TfValue>, defaults: Readonly<Record<string, string>> | TfUnknown): void {
  const own = values["tags"];
  if (defaults instanceof TfUnknown) {
    values["tags"] = defaults;
    return;
  }
  if (own === undefined || own === null) values["tags_all"] = { ...defaults };
  else if (typeof own === "object" && !Array.isArray(own) && !(own instanceof TfUnknown) && !(own instanceof TfReference)) values["tags_all"] = { ...defaults, ...(own as Record<string, TfValue>) };
  // Own tags that cannot be told stay as they are: the resource's tags are unknown either way.
}

/** A module call's `providers = { aws = aws.west }` as child key → parent key; undefined when the call passes none. */
function providerMapping(raw: unknown): ReadonlyMap<string, string> | undefined {
  const body = Array.isArray(raw) ? raw[0] : raw;
  if (typeof body !== "object" || body === null) return undefined;
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const from = providerKey(k.includes("${") ? k : `\${${k}}`);
    const to = providerKey(v);
    if (from !== undefined && to !== undefined) out.set(from, to);
  }
  return out;
}

function isDynamicShape(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  return Object.values(raw).every((specs) =>
    (Array.isArray(specs) ? specs : [specs]).every((s) => typeof s === "object" && s !== null && "for_each" in s && "content" in s),
  );
}


/** Follows a reference to the module instance that declares it and reads the configured attribute. */
function derefAddress(ctx: EvalContext, ref: TfReference): V {
  let best: ModuleEval | undefined;
  for (const [prefix, m] of ctx.byPrefix) {
    if (ref.address.startsWith(prefix) && (best === undefined || prefix.length > best.prefix.length)) best = m;
  }
  if (!best) return new TfUnknown(`${ref.address}.${ref.attribute} is known only after apply`);
  return best.attributeOf(ref.address.slice(best.prefix.length), ref.attribute);
}
