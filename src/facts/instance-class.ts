// Compares DB instance classes by family and size, as Aurora does when it picks a failover target.
import { known, unknown, type Value } from "../model/value.js";

const NAMED_SIZES = ["nano", "micro", "small", "medium", "large", "xlarge"];

/** Reads a class name; the facts pass one with a cache, since the same few names repeat across a fleet. */
export type ClassParser = (instanceClass: string) => Value<ParsedClass>;

export interface ParsedClass {
  readonly family: string;
  /** Comparable rank of the size; larger is bigger. */
  readonly rank: number;
  readonly serverless: boolean;
}

/** `db.r6g.2xlarge` → family `r6g`, rank of `2xlarge`. Unknown for shapes it cannot read. */
export function parseInstanceClass(instanceClass: string): Value<ParsedClass> {
  const parts = instanceClass.toLowerCase().split(".");
  if (parts[0] !== "db") return unknown(`"${instanceClass}" is not a DB instance class`);
  if (parts[1] === "serverless" && parts.length === 2) return known({ family: "serverless", rank: 0, serverless: true });
  if (parts.length < 3) return unknown(`"${instanceClass}" is not a DB instance class`);
  const family = parts[1]!;
  const size = parts[parts.length - 1]!;
  const rank = sizeRank(size);
  if (rank === undefined) return unknown(`the size "${size}" of ${instanceClass} is not one haspec can compare`);
  return known({ family, rank, serverless: false });
}

function sizeRank(size: string): number | undefined {
  const named = NAMED_SIZES.indexOf(size);
  if (named >= 0) return named;
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return NAMED_SIZES.indexOf("xlarge") + Math.log2(Number(multiple[1])) + 0.001 * Number(multiple[1]);
  // Bare-metal sizes are the largest of their family.
  if (size === "metal" || /^metal-\d+xl$/.test(size)) return 1000 + (Number(/\d+/.exec(size)?.[0]) || 0);
  return undefined;
}

/**
 * Compares two classes by size: negative when `a` is smaller, 0 when equal, positive when larger.
 * Unknown when they cannot be compared (Serverless v2 against a provisioned class, unreadable names).
 */
export function compareClassSize(a: string, b: string, parse: ClassParser = parseInstanceClass): Value<number> {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa.known) return pa;
  if (!pb.known) return pb;
  if (pa.value.serverless || pb.value.serverless) {
    if (pa.value.serverless && pb.value.serverless) return known(0);
    return unknown(`${a} and ${b} cannot be compared: Serverless v2 capacity depends on its ACU range`);
  }
  return known(pa.value.rank - pb.value.rank);
}

/** Same family and same size. */
export function sameClass(a: string, b: string, parse: ClassParser = parseInstanceClass): Value<boolean> {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa.known) return pa;
  if (!pb.known) return pb;
  return known(pa.value.family === pb.value.family && pa.value.rank === pb.value.rank);
}
