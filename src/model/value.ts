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

