// changes.no_capacity_reduction: valid and invalid plans, RuleTester style.
import { describe, expect, it } from "vitest";
import { noCapacityReduction as rule } from "../../../src/rules/changes/no_capacity_reduction.js";
import { planned, type ChangeInput } from "../../support/build-change.js";
import { context, UNKNOWN, type InstanceInput } from "../../support/build.js";

const i = (id: string, az: string | typeof UNKNOWN, writer = false): InstanceInput => ({ id, az, writer });
const three = { instances: [i("a", "us-east-1a", true), i("b", "us-east-1b"), i("c", "us-east-1c")] };

const valid: [string, ChangeInput][] = [
  ["a reader added", { before: three, after: { instances: [...three.instances, i("d", "us-east-1a")] }, members: [{ id: "d", actions: ["create"] }] }],
  ["a reader moved to another new AZ", { before: three, after: { instances: [i("a", "us-east-1a", true), i("b", "us-east-1b"), i("c", "us-east-1d")] }, members: [{ id: "c", actions: ["delete", "create"] }] }],
  ["a new reader whose AZ is unknown, but enough known AZs remain", { before: three, after: { instances: [...three.instances, i("d", UNKNOWN)] }, members: [{ id: "d", actions: ["create"] }] }],
];

const invalid: [string, ChangeInput, { expected: unknown; actual: unknown }][] = [
  ["a reader removed", { before: three, after: { instances: [i("a", "us-east-1a", true), i("b", "us-east-1b")] }, members: [{ id: "c", actions: ["delete"] }] }, { expected: ">= 2 readers", actual: 1 }],
  ["readers collapsed into one AZ", { before: three, after: { instances: [i("a", "us-east-1a", true), i("b", "us-east-1a"), i("c", "us-east-1a")] }, members: [{ id: "b", actions: ["delete", "create"] }, { id: "c", actions: ["delete", "create"] }] }, { expected: ">= 3 AZs", actual: 1 }],
  ["a Multi-AZ instance made single-AZ", { before: { kind: "instance", instances: [{ id: "db", writer: true, secondaryAz: "us-east-1b" }] }, after: { id: "db", kind: "instance", instances: [{ id: "db", writer: true, secondaryAz: null }] } }, { expected: ">= 1 readers", actual: 0 }],
];

describe("changes.no_capacity_reduction", () => {
  it.each(valid)("passes: %s", (_name, input) => {
    expect(rule.check(planned(input), true, context()).status).toBe("pass");
  });

  it.each(invalid)("fails: %s", (_name, input, want) => {
    expect(rule.check(planned(input), true, context())).toMatchObject({ status: "fail", ...want });
  });

  it("is unknown when a replaced reader's new AZ is known only after apply and could matter", () => {
    const v = rule.check(planned({ before: three, after: { instances: [i("a", "us-east-1a", true), i("b", "us-east-1b"), i("c", UNKNOWN)] }, members: [{ id: "c", actions: ["delete", "create"] }] }), true, context());
    expect(v.status).toBe("unknown");
  });

  it("judges the same whichever instance is the writer", () => {
    const unknownWriter = { instances: three.instances.map((x): InstanceInput => ({ ...x, writer: UNKNOWN })) };
    const after = { instances: unknownWriter.instances.slice(0, 2) };
    expect(rule.check(planned({ before: unknownWriter, after, members: [{ id: "c", actions: ["delete"] }] }), true, context()).status).toBe("fail");
  });
});
