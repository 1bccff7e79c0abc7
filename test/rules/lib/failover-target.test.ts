// Tests of the failover-target choice: Aurora's order, ties, unknowns, and a brute-force check that it never passes falsely.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Instance } from "../../../src/model/resource.js";
import { known, unknown, type Value } from "../../../src/model/value.js";
import { failoverTargets } from "../../../src/facts/failover.js";
import { judgeFailoverTargets } from "../../../src/rules/lib/failover-target.js";
import { compareClassSize } from "../../../src/facts/instance-class.js";
import { instance, resource, UNKNOWN, type InstanceInput } from "../../support/build.js";

const aurora = resource();
const ids = (xs: readonly Instance[]) => xs.map((x) => x.id).sort();

describe("failoverTargets", () => {
  it("picks the lowest tier before the largest class", () => {
    const readers = [
      instance({ id: "big-tier2", tier: 2, class: "db.r6g.4xlarge" }),
      instance({ id: "small-tier1", tier: 1, class: "db.r6g.large" }),
    ];
    const t = failoverTargets(aurora, readers);
    expect(ids(t.certain)).toEqual(["small-tier1"]);
    expect(ids(t.possible)).toEqual(["small-tier1"]);
  });

  it("breaks a tier tie by size", () => {
    const readers = [instance({ id: "a", tier: 1, class: "db.r6g.large" }), instance({ id: "b", tier: 1, class: "db.r6g.2xlarge" })];
    expect(ids(failoverTargets(aurora, readers).certain)).toEqual(["b"]);
  });

  it("keeps every reader tied on tier and size", () => {
    const readers = [
      instance({ id: "a", tier: 0, class: "db.r6g.xlarge" }),
      instance({ id: "b", tier: 0, class: "db.r5.xlarge" }),
      instance({ id: "c", tier: 0, class: "db.r6g.large" }),
    ];
    const t = failoverTargets(aurora, readers);
    expect(ids(t.certain)).toEqual(["a", "b"]);
    expect(ids(t.possible)).toEqual(["a", "b"]);
  });

  it("treats Serverless v2 as equal to itself", () => {
    const readers = [instance({ id: "a", tier: 1, class: "db.serverless" }), instance({ id: "b", tier: 1, class: "db.serverless" })];
    expect(ids(failoverTargets(aurora, readers).certain)).toEqual(["a", "b"]);
  });

  it("cannot rank Serverless v2 against a provisioned class in the same tier", () => {
    const readers = [instance({ id: "a", tier: 1, class: "db.serverless" }), instance({ id: "b", tier: 1, class: "db.r6g.large" })];
    const t = failoverTargets(aurora, readers);
    expect(t.certain).toEqual([]);
    expect(ids(t.possible)).toEqual(["a", "b"]);
  });

  it("an unknown tier could outrank everyone, but a known tier 0 cannot be beaten on tier", () => {
    const readers = [instance({ id: "known0", tier: 0, class: "db.r6g.2xlarge" }), instance({ id: "unknown", tier: UNKNOWN, class: "db.r6g.large" })];
    const t = failoverTargets(aurora, readers);
    expect(ids(t.certain)).toEqual(["known0"]);
    expect(ids(t.possible)).toEqual(["known0"]);
  });

  it("an unknown tier could win against a known tier 1", () => {
    const readers = [instance({ id: "known1", tier: 1 }), instance({ id: "unknown", tier: UNKNOWN })];
    const t = failoverTargets(aurora, readers);
    expect(t.certain).toEqual([]);
    expect(ids(t.possible)).toEqual(["known1", "unknown"]);
    expect(t.uncertainty.join()).toContain("unknown");
  });

  it("an unknown tier cannot sit below a reader known to be in the last tier", () => {
    const readers = [instance({ id: "last", tier: 15, class: "db.r6g.large" }), instance({ id: "unknown", tier: UNKNOWN, class: "db.r6g.xlarge" })];
    const t = failoverTargets(aurora, readers);
    expect(ids(t.possible)).toEqual(["unknown"]);
  });

  it("treats every reader of a Multi-AZ DB cluster as a candidate", () => {
    const r = resource({ kind: "multi-az-cluster", engine: "mysql" });
    const readers = [instance({ id: "a", tier: 1 }), instance({ id: "b", tier: 2, class: "db.r6g.4xlarge" })];
    expect(ids(failoverTargets(r, readers).certain)).toEqual(["a", "b"]);
  });
});

describe("judgeFailoverTargets", () => {
  const inB = (i: Instance): Value<boolean> =>
    i.availabilityZone.known ? known(i.availabilityZone.value === "us-east-1b") : unknown(i.availabilityZone.reason);

  it("reports no-reader for an empty list", () => {
    expect(judgeFailoverTargets(failoverTargets(aurora, []), inB).outcome).toBe("no-reader");
  });

  it("fails when one of the tied targets fails", () => {
    const readers = [instance({ id: "a", tier: 1, az: "us-east-1b" }), instance({ id: "b", tier: 1, az: "us-east-1a" })];
    const j = judgeFailoverTargets(failoverTargets(aurora, readers), inB);
    expect(j.outcome).toBe("fail");
    if (j.outcome === "fail") expect(ids(j.failing)).toEqual(["b"]);
  });

  it("ignores an unknown AZ on a reader that is never promoted", () => {
    const readers = [instance({ id: "a", tier: 0, az: "us-east-1b" }), instance({ id: "b", tier: 5, az: UNKNOWN })];
    expect(judgeFailoverTargets(failoverTargets(aurora, readers), inB).outcome).toBe("pass");
  });

  it("is unknown when an unknown tier could change which reader is promoted and the outcome", () => {
    const readers = [instance({ id: "a", tier: 1, az: "us-east-1b" }), instance({ id: "b", tier: UNKNOWN, az: "us-east-1a" })];
    expect(judgeFailoverTargets(failoverTargets(aurora, readers), inB).outcome).toBe("unknown");
  });

  it("passes when an unknown tier could change the choice but not the outcome", () => {
    const readers = [instance({ id: "a", tier: 1, az: "us-east-1b" }), instance({ id: "b", tier: UNKNOWN, az: "us-east-1b" })];
    expect(judgeFailoverTargets(failoverTargets(aurora, readers), inB).outcome).toBe("pass");
  });

  it("fails when every possible target fails, even if the choice is uncertain", () => {
    const readers = [instance({ id: "a", tier: UNKNOWN, az: "us-east-1a" }), instance({ id: "b", tier: UNKNOWN, az: "us-east-1a" })];
    expect(judgeFailoverTargets(failoverTargets(aurora, readers), inB).outcome).toBe("fail");
  });
});

/**
 * Brute force: enumerate every reading of the unknown tiers, classes and AZs over small domains that
 * cover "below", "equal" and "above" each known value, pick the tied targets as Aurora does, and
 * check the judgement: pass only if every reading passes, fail only if every reading fails.
 */
describe("judgeFailoverTargets agrees with brute force", () => {
  const TIERS = [0, 1, 15] as const;
  const UNKNOWN_TIERS = [0, 1, 2, 15];
  const CLASSES = ["db.r6g.large", "db.r6g.xlarge", "db.serverless"] as const;
  const UNKNOWN_CLASSES = ["db.r6g.medium", "db.r6g.large", "db.r6g.xlarge", "db.r6g.2xlarge"];
  const AZS = ["us-east-1a", "us-east-1b"];

  const readerArb = fc.record({
    tier: fc.constantFrom<number | typeof UNKNOWN>(...TIERS, UNKNOWN),
    class: fc.constantFrom<string | typeof UNKNOWN>(...CLASSES, UNKNOWN),
    az: fc.constantFrom<string | typeof UNKNOWN>(...AZS, UNKNOWN),
  });

  function tiedTargets(readers: { tier: number; size: number }[]): number[] {
    const best = Math.min(...readers.map((r) => r.tier));
    const top = Math.max(...readers.filter((r) => r.tier === best).map((r) => r.size));
    return readers.flatMap((r, i) => (r.tier === best && r.size === top ? [i] : []));
  }

  const rank = (c: string) => compareClassSize(c, "db.r6g.large");

  function* readings(inputs: { tier: number | typeof UNKNOWN; class: string | typeof UNKNOWN; az: string | typeof UNKNOWN }[]) {
    const serverlessSizes = UNKNOWN_CLASSES.map((c) => (rank(c) as { value: number }).value);
    function* go(i: number, acc: { tier: number; size: number; az: string }[], serverlessSize: number): Generator<typeof acc> {
      if (i === inputs.length) {
        yield acc;
        return;
      }
      const x = inputs[i]!;
      for (const tier of x.tier === UNKNOWN ? UNKNOWN_TIERS : [x.tier]) {
        const sizes =
          x.class === UNKNOWN
            ? UNKNOWN_CLASSES.map((c) => (rank(c) as { value: number }).value)
            : x.class === "db.serverless"
              ? [serverlessSize]
              : [(rank(x.class) as { value: number }).value];
        for (const size of sizes) for (const az of x.az === UNKNOWN ? AZS : [x.az]) yield* go(i + 1, [...acc, { tier, size, az }], serverlessSize);
      }
    }
    for (const s of serverlessSizes) yield* go(0, [], s);
  }

  it("never passes or fails against a reading that disagrees", () => {
    fc.assert(
      fc.property(fc.array(readerArb, { minLength: 1, maxLength: 3 }), (inputs) => {
        const readers = inputs.map((x, i) => instance({ id: `r${i}`, ...(x as Partial<InstanceInput>) }));
        const holds = (i: Instance): Value<boolean> =>
          i.availabilityZone.known ? known(i.availabilityZone.value === "us-east-1b") : unknown("AZ unknown");
        const outcome = judgeFailoverTargets(failoverTargets(aurora, readers), holds).outcome;
        let everyPasses = true;
        let everyFails = true;
        for (const reading of readings(inputs)) {
          const ok = tiedTargets(reading).every((i) => reading[i]!.az === "us-east-1b");
          everyPasses &&= ok;
          everyFails &&= !ok;
        }
        if (outcome === "pass") expect(everyPasses).toBe(true);
        if (outcome === "fail") expect(everyFails).toBe(true);
        // Pass is exact: whenever every reading passes, the judgement says so.
        if (everyPasses) expect(outcome).toBe("pass");
      }),
      { numRuns: 400 },
    );
  });
});
