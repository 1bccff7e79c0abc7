// Aurora Global Database membership: matched by ARN or identifier in its place, null when read and absent, unknown when not read.
import { describe, expect, it } from "vitest";
import { buildFacts } from "../../src/facts/index.js";
import type { GlobalCluster } from "../../src/model/inventory.js";
import { known, unknown } from "../../src/model/value.js";
import { inventory, resource } from "../support/build.js";

const yes = known(true);
const no = known(false);

function factsWith(globalClusters: GlobalCluster[] | undefined, scopes: { account?: string; region?: string }[] = [{}]) {
  const inv = inventory({ resources: [] });
  return buildFacts({
    ...inv,
    globalClusters: globalClusters === undefined ? unknown("DescribeGlobalClusters was not read") : known({ items: globalClusters, scopes }),
  });
}

describe("globalMembershipOf", () => {
  const r = resource({ id: "orders-prod" });
  const g: GlobalCluster = {
    id: "orders-global",
    members: [
      { cluster: "arn:aws:rds:us-east-1:123456789012:cluster:orders-prod", isWriter: yes },
      { cluster: "arn:aws:rds:us-west-2:123456789012:cluster:orders-dr", isWriter: no },
    ],
  };

  it("finds a primary by ARN, with its secondaries", () => {
    const m = factsWith([g]).globalMembershipOf(r);
    expect(m.known && m.value && [m.value.global.id, m.value.primary, m.value.secondaries.map((s) => s.cluster)]).toEqual([
      "orders-global",
      true,
      ["arn:aws:rds:us-west-2:123456789012:cluster:orders-dr"],
    ]);
  });

  it("finds a member by identifier (IaC) in the same region, not one of the same name elsewhere", () => {
    const iac: GlobalCluster = { id: "g", members: [{ cluster: "orders-prod", isWriter: no, region: "us-east-1" }] };
    expect(factsWith([iac]).globalMembershipOf(r)).toMatchObject({ known: true, value: { primary: false, secondaries: [] } });
    const elsewhere: GlobalCluster = { id: "g", members: [{ cluster: "arn:aws:rds:eu-west-1:123456789012:cluster:orders-prod", isWriter: yes }] };
    expect(factsWith([elsewhere]).globalMembershipOf(r)).toEqual(known(null));
  });

  it("is null for a cluster in no global database, unknown when not read or not read for its place", () => {
    expect(factsWith([]).globalMembershipOf(r)).toEqual(known(null));
    expect(factsWith(undefined).globalMembershipOf(r)).toMatchObject({ known: false, reason: expect.stringContaining("not read") });
    expect(factsWith([], [{ region: "eu-west-1" }]).globalMembershipOf(r)).toMatchObject({ known: false, reason: expect.stringContaining("were not read") });
  });

  it("is unknown when the member's role is", () => {
    const u: GlobalCluster = { id: "g", members: [{ cluster: "orders-prod", isWriter: unknown("IsWriter missing") }] };
    expect(factsWith([u]).globalMembershipOf(r)).toMatchObject({ known: false, reason: expect.stringContaining("IsWriter missing") });
  });

  it("is null for kinds that cannot be global", () => {
    expect(factsWith(undefined).globalMembershipOf(resource({ kind: "instance", id: "x" }))).toEqual(known(null));
  });
});
