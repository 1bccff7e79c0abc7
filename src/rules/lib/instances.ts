// Judges a per-instance setting on every instance of a resource, keeping every failure for the fix.
import type { Instance, Resource } from "../../model/resource.js";
import type { Value } from "../../model/value.js";

export interface InstanceReading<T> {
  readonly instance: Instance;
  readonly value: T;
}

export interface EveryInstance<T> {
  /** Unknown when the member list itself could not be read. */
  readonly listUnknown?: string;
  readonly passing: readonly InstanceReading<T>[];
  readonly failing: readonly InstanceReading<T>[];
  readonly unknown: readonly { readonly instance: Instance; readonly reason: string }[];
}

/** Sorts each instance of `resource` into passing, failing or unknown for the setting `read` returns. */
export function everyInstance<T>(
  resource: Resource,
  read: (i: Instance) => Value<T>,
  ok: (value: T) => boolean,
): EveryInstance<T> {
  if (!resource.instances.known) {
    return { listUnknown: resource.instances.reason, passing: [], failing: [], unknown: [] };
  }
  const passing: InstanceReading<T>[] = [];
  const failing: InstanceReading<T>[] = [];
  const unknown: { instance: Instance; reason: string }[] = [];
  for (const instance of resource.instances.value) {
    const v = read(instance);
    if (!v.known) unknown.push({ instance, reason: `${instance.id}: ${v.reason}` });
    else if (ok(v.value)) passing.push({ instance, value: v.value });
    else failing.push({ instance, value: v.value });
  }
  return { passing, failing, unknown };
}

/** "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "1 day", "3 days": a count and its noun, for message data (`counted(n, "reader")`). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
