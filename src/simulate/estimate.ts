// Adds a chain of terms up to an estimate: a range when every term is known and bounded, unbounded when a person must act, unknown when a term cannot be known.
import type { Estimate, Term, TermFrom } from "./types.js";
import type { Figure } from "./figures.js";

/** A link of a chain whose figure the data cannot give: `reason` says which and how to give it. */
export interface UnknownTerm {
  readonly unknown: string;
}

export type Piece = Term | UnknownTerm;

export function isUnknownTerm(p: Piece): p is UnknownTerm {
  return "unknown" in p;
}

/** A term from a published AWS figure. */
export function docTerm(figure: Figure, note?: string): Term {
  const n = note ?? figure.note;
  return { term: figure.term, low: figure.low, high: figure.high, from: "aws-doc", ref: figure.ref, ...(n === undefined ? {} : { note: n }) };
}

export function term(term: string, low: number, high: number | null, from: TermFrom, ref: string, note?: string): Term {
  return { term, low, high, from, ref, ...(note === undefined ? {} : { note }) };
}

/** The sum of the chain. Unknown terms make it unknown (the reasons joined); a term without a high makes it unbounded. */
export function estimate(pieces: readonly Piece[]): Estimate {
  const terms = pieces.filter((p): p is Term => !isUnknownTerm(p));
  const unknowns = pieces.filter(isUnknownTerm).map((p) => p.unknown);
  if (unknowns.length > 0) return { low: null, high: null, bound: "unknown", terms, reason: [...new Set(unknowns)].join("; ") };
  const low = terms.reduce((s, t) => s + t.low, 0);
  if (terms.some((t) => t.high === null)) return { low, high: null, bound: "unbounded", terms };
  return { low, high: terms.reduce((s, t) => s + (t.high ?? 0), 0), bound: "estimate", terms };
}

/** Nothing to wait for: the disruption does not touch what the estimate is about. */
export const ZERO: Estimate = { low: 0, high: 0, bound: "estimate", terms: [] };

/** An estimate that cannot be made at all. */
export function unknownEstimate(reason: string): Estimate {
  return { low: null, high: null, bound: "unknown", terms: [], reason };
}
