// A value read from a source: either known, or unknown with the reason it could not be read.

/** A value the source did provide. */
export interface Known<T> {
  readonly known: true;
  readonly value: T;
}

/** A value the source could not provide; `reason` says why, in words a user can act on. */
export interface Unknown {
  readonly known: false;
  readonly reason: string;
}

export type Value<T> = Known<T> | Unknown;

export function known<T>(value: T): Known<T> {
  return { known: true, value };
}

export function unknown(reason: string): Unknown {
  return { known: false, reason };
}

/** Known when `raw` is neither undefined nor null; otherwise unknown with `reason`. */
export function fromOptional<T>(raw: T | undefined | null, reason: string): Value<T> {
  return raw === undefined || raw === null ? unknown(reason) : known(raw);
}

/** Applies `fn` to a known value; an unknown stays unknown with its reason. */
export function mapValue<T, U>(v: Value<T>, fn: (value: T) => U): Value<U> {
  return v.known ? known(fn(v.value)) : v;
}

/** All known → known array of values; otherwise the first unknown. */
export function allKnown<T>(values: readonly Value<T>[]): Value<T[]> {
  const out: T[] = [];
  for (const v of values) {
    if (!v.known) return v;
    out.push(v.value);
  }
  return known(out);
}
