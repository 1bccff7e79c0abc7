// Why a drill must not run on a cluster: it cannot fail over, it is protected, or a probe could not measure it (SPEC §8).
import picomatch from "picomatch";
import { UserError } from "../errors.js";
import { engineFlavour, type DrillTarget } from "./target.js";

/** `--protect KEY=GLOB` as given; the default protects `env=prod*`. */
export const DEFAULT_PROTECT = ["env=prod*"] as const;

export interface ProtectPattern {
  readonly key: string;
  readonly glob: string;
}

/** `KEY=GLOB` → pattern; anything else is a usage error. */
export function parseProtect(text: string): ProtectPattern {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UserError(`--protect ${JSON.stringify(text)} is not KEY=GLOB (e.g. env=prod*)`);
  return { key: text.slice(0, eq), glob: text.slice(eq + 1) };
}

/** The tags of the cluster that match a protected pattern, as `key=value`; tag values compare case-insensitively. */
export function protectedTags(tags: Readonly<Record<string, string>>, patterns: readonly ProtectPattern[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const value = tags[p.key];
    if (value !== undefined && picomatch.isMatch(value, p.glob, { nocase: true, dot: true })) out.push(`${p.key}=${value}`);
  }
  return out;
}

export interface RefusalOptions {
  readonly protect: readonly ProtectPattern[];
  readonly allowProtected: boolean;
  readonly targetInstance?: string;
}

/** Every reason to refuse the drill before anything is sent (empty: it may run). */
export function refusals(target: DrillTarget, options: RefusalOptions): string[] {
  const out: string[] = [];
  if (target.instances.length < 2) {
    out.push(`${target.id} has ${target.instances.length} instance${target.instances.length === 1 ? "" : "s"}: a failover needs a reader to promote (add a reader first)`);
  }
  if (target.status !== "available") out.push(`${target.id} is ${JSON.stringify(target.status)}, not "available": wait until it is`);
  if (!target.instances.some((i) => i.isWriter) && target.instances.length > 0) out.push(`${target.id} has no writer instance to fail over from`);
  const hit = protectedTags(target.tags, options.protect);
  if (hit.length > 0 && !options.allowProtected) {
    out.push(`${target.id} is protected (tag ${hit.join(", ")} matches --protect ${options.protect.map((p) => `${p.key}=${p.glob}`).join(", ")}): add --allow-protected if you mean to drill it`);
  }
  if (options.targetInstance !== undefined) {
    const t = target.instances.find((i) => i.id === options.targetInstance);
    if (t === undefined) out.push(`--target-instance ${JSON.stringify(options.targetInstance)} is not an instance of ${target.id} (${target.instances.map((i) => i.id).join(", ")})`);
    else if (t.isWriter) out.push(`--target-instance ${t.id} is already the writer: name a reader`);
  }
  const flavour = engineFlavour(target.engine);
  if (flavour === null) out.push(`${target.id} runs ${JSON.stringify(target.engine)}: no probe speaks to it (Aurora MySQL/PostgreSQL, RDS MySQL/PostgreSQL only)`);
  if (target.endpoint === null || target.port === null) out.push(`${target.id} has no cluster endpoint to probe`);
  return out;
}
