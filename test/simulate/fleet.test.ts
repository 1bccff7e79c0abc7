// A fleet under fleet-wide and per-resource disruptions: defaults per resource, unaffected resources reported, instance:ID routed to its owner.
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { defaultDisruptions, formatDisruption, objectiveDisruptions, objectiveKindOf, parseDisruption, resolveAssumptions, simulateFleet } from "../../src/simulate/index.js";
import { resource, UNKNOWN } from "../support/build.js";
import { factsOf } from "./support.js";

const east = resource({ id: "east" });
const eastWriterInB = resource({
  id: "east-b",
  instances: [
    { id: "east-b-1", writer: true, az: "us-east-1b" },
    { id: "east-b-2", az: "us-east-1c" },
  ],
});
const eu = resource({
  id: "eu",
  region: "eu-west-1",
  instances: [
    { id: "eu-1", writer: true, az: "eu-west-1a", endpoint: "eu-1.abc.eu-west-1.rds.amazonaws.com" },
    { id: "eu-2", az: "eu-west-1b", endpoint: "eu-2.abc.eu-west-1.rds.amazonaws.com" },
  ],
  clusterEndpoint: "eu.cluster-abc.eu-west-1.rds.amazonaws.com",
  readerEndpoint: "eu.cluster-ro-abc.eu-west-1.rds.amazonaws.com",
});
const fleet = [east, eastWriterInB, eu];

describe("simulateFleet", () => {
  it("applies az:NAME to the whole fleet: resources elsewhere are unaffected, a lost reader touches no writer", () => {
    const facts = factsOf({ resources: fleet });
    const { scenarios, summary } = simulateFleet(fleet, facts, resolveAssumptions(), [parseDisruption("az:us-east-1b")]);
    expect(scenarios.map((s) => [s.resource.id, s.disruption, s.affected, s.outcome])).toEqual([
      ["east", "az:us-east-1b", true, "none"],
      ["east-b", "az:us-east-1b", true, "failover"],
      ["eu", "az:us-east-1b", false, "none"],
    ]);
    expect(scenarios[2]!.storage).toEqual({ copiesLeft: 6, writable: true, readable: true });
    expect(scenarios[0]!.readersLeft).toBe(0);
    expect(summary).toEqual({ scenarios: 3, affected: 2, manual: 0, objectivesFailed: 0 });
  });

  it("without disruptions: writer, the writer's AZ and its region for each resource", () => {
    const facts = factsOf({ resources: fleet, globalClusters: [] });
    expect(defaultDisruptions(eu, facts)).toEqual([{ kind: "writer" }, { kind: "az", name: "eu-west-1a" }, { kind: "region", name: "eu-west-1" }]);
    const { scenarios, summary } = simulateFleet(fleet, facts, resolveAssumptions());
    expect(scenarios.map((s) => `${s.resource.id} ${s.disruption} ${s.outcome}`)).toEqual([
      "east writer failover",
      "east az:us-east-1a failover",
      "east region:us-east-1 manual",
      "east-b writer failover",
      "east-b az:us-east-1b failover",
      "east-b region:us-east-1 manual",
      "eu writer failover",
      "eu az:eu-west-1a failover",
      "eu region:eu-west-1 manual",
    ]);
    expect(summary).toMatchObject({ scenarios: 9, affected: 9, manual: 3 });
  });

  it("reports what the data cannot name (the writer's AZ unknown) as an unknown scenario", () => {
    const r = resource({ id: "fuzzy", instances: [{ id: "f1", writer: true, az: UNKNOWN }] });
    const facts = factsOf({ resources: [r] });
    expect(defaultDisruptions(r, facts).map((d) => d.kind)).toEqual(["writer", "region"]);
    const { scenarios } = simulateFleet([r], facts, resolveAssumptions());
    const az = scenarios.find((s) => s.disruption === "az:?");
    expect(az).toMatchObject({ outcome: "unknown", rto: { bound: "unknown", reason: expect.stringContaining("AvailabilityZone was not in the test input") } });
  });

  it("routes instance:ID to the resource that has it, and refuses an ID no resource has", () => {
    const facts = factsOf({ resources: fleet });
    const { scenarios } = simulateFleet(fleet, facts, resolveAssumptions(), [parseDisruption("instance:eu-1")]);
    expect(scenarios.map((s) => [s.resource.id, s.outcome, s.writer.after])).toEqual([["eu", "failover", ["eu-2"]]]);
    expect(() => simulateFleet(fleet, facts, resolveAssumptions(), [parseDisruption("instance:nope")])).toThrow(UserError);
    expect(() => simulateFleet(fleet, facts, resolveAssumptions(), [parseDisruption("instance:nope")])).toThrow(/nothing in the inputs has an instance named nope/);
  });

  it("writer applies to every resource, region:NAME to the whole fleet", () => {
    const facts = factsOf({ resources: fleet, globalClusters: [] });
    const { scenarios } = simulateFleet(fleet, facts, resolveAssumptions(), [parseDisruption("writer"), parseDisruption("region:eu-west-1")]);
    expect(scenarios.map((s) => `${s.disruption} ${s.resource.id} ${s.affected}`)).toEqual([
      "writer east true",
      "writer east-b true",
      "writer eu true",
      "region:eu-west-1 east false",
      "region:eu-west-1 east-b false",
      "region:eu-west-1 eu true",
    ]);
  });

  it("a secondary cluster of a global database has no writer: a lost region or AZ takes only its readers", () => {
    const dr = resource({
      id: "orders-dr",
      region: "us-west-2",
      instances: [
        { id: "dr-1", writer: false, az: "us-west-2a", endpoint: "dr-1.x.us-west-2.rds.amazonaws.com" },
        { id: "dr-2", writer: false, az: "us-west-2b", endpoint: "dr-2.x.us-west-2.rds.amazonaws.com" },
      ],
      clusterEndpoint: "orders-dr.cluster-x.us-west-2.rds.amazonaws.com",
      readerEndpoint: "orders-dr.cluster-ro-x.us-west-2.rds.amazonaws.com",
    });
    const globalClusters = [
      {
        id: "g",
        members: [
          { cluster: "arn:aws:rds:us-east-1:123456789012:cluster:orders-prod", isWriter: { known: true as const, value: true } },
          { cluster: "arn:aws:rds:us-west-2:123456789012:cluster:orders-dr", isWriter: { known: true as const, value: false } },
        ],
      },
    ];
    const facts = factsOf({ resources: [dr], globalClusters });
    const { scenarios } = simulateFleet([dr], facts, resolveAssumptions(), [parseDisruption("region:us-west-2"), parseDisruption("az:us-west-2a"), parseDisruption("writer")]);
    expect(scenarios.map((s) => [s.disruption, s.affected, s.outcome, s.readersLeft])).toEqual([
      ["region:us-west-2", true, "none", 0],
      ["az:us-west-2a", true, "none", 1],
      ["writer", false, "none", 2],
    ]);
    expect(scenarios[0]!.notes?.[0]).toContain("secondary cluster of Aurora Global Database g");
    // No writer, so no writer's AZ, and nothing unknown about it.
    expect(simulateFleet([dr], facts, resolveAssumptions()).scenarios.map((s) => s.disruption)).toEqual(["writer", "region:us-west-2"]);
  });
});

describe("objectiveDisruptions and objectiveKindOf", () => {
  it("name the writer, every AZ the resource runs in and its region; what the data cannot name is skipped with why", () => {
    const r = resource({ instances: [{ id: "w", writer: true, az: "us-east-1a" }, { id: "r1", az: "us-east-1c" }, { id: "r2", az: UNKNOWN }] });
    const plan = objectiveDisruptions(r, factsOf({ resources: [r] }));
    expect(plan.disruptions.map(formatDisruption)).toEqual(["writer", "az:us-east-1a", "az:us-east-1c", "region:us-east-1"]);
    expect(plan.skipped).toEqual([{ disruption: "az:?", reason: expect.stringContaining("r2: AvailabilityZone was not in the test input") }]);
  });

  it("judge instance:ID as writer only when ID wrote", () => {
    expect(objectiveKindOf({ disruption: "instance:W", writer: { before: "w", after: [] } })).toBe("writer");
    expect(objectiveKindOf({ disruption: "instance:r", writer: { before: "w", after: [] } })).toBeNull();
    expect(objectiveKindOf({ disruption: "az:us-east-1a", writer: { before: "w", after: [] } })).toBe("az");
    expect(objectiveKindOf({ disruption: "az:?", writer: { before: null, after: [] } })).toBeNull();
  });
});
