// Aurora Global Databases from Terraform: plan, state, .tf and cdk.tf.json fixtures, and the builder's rules for which member is the primary.
import { describe, expect, it } from "vitest";
import type { GlobalCluster, Inventory } from "../../../src/model/inventory.js";
import { readInputs, type SourceKind, type SourceOptions } from "../../../src/sources/index.js";
import { buildTerraformInventory } from "../../../src/sources/terraform/build-inventory.js";
import { TfReference, TfUnknown, type TfResource } from "../../../src/sources/terraform/types.js";

const FIXTURES = "test/fixtures/model-coverage";
const OPTIONS = { cwd: process.cwd(), varFiles: [], vars: {}, env: {} } as unknown as SourceOptions;
const ref = (address: string, attribute: string) => new TfReference(address, attribute);

/** `[cluster, writer, region]` per member of each global database. */
function members(inv: Inventory): Record<string, [string, boolean | "unknown", string | undefined][]> {
  if (!inv.globalClusters.known) throw new Error(inv.globalClusters.reason);
  return Object.fromEntries(
    inv.globalClusters.value.items.map((g: GlobalCluster) => [g.id, g.members.map((m) => [m.cluster, m.isWriter.known ? m.isWriter.value : "unknown", m.region])]),
  );
}

function build(resources: TfResource[], regions?: Record<string, string>): Inventory {
  return buildTerraformInventory({
    kind: "hcl",
    resources,
    notes: [],
    sources: [{ kind: "hcl", location: "main.tf" }],
    ...(regions === undefined ? {} : { providerRegions: new Map(Object.entries(regions)) }),
  });
}

const cluster = (name: string, values: Record<string, unknown> = {}): TfResource => ({
  address: `aws_rds_cluster.${name}`,
  type: "aws_rds_cluster",
  values: { cluster_identifier: name, engine: "aurora-mysql", ...(values as object) },
});
const global = (values: Record<string, unknown> = {}): TfResource => ({
  address: "aws_rds_global_cluster.g",
  type: "aws_rds_global_cluster",
  values: { global_cluster_identifier: "g", engine: "aurora-mysql", ...(values as object) },
});

describe("the fixtures of every Terraform form", () => {
  it.each<[SourceKind, string, boolean | "unknown"]>([
    // state: global_cluster_members as AWS reports them
    ["state", `${FIXTURES}/fleet.tfstate.json`, true],
    // plan: the existing global database reports its primary; the cluster the plan adds joins as a secondary
    ["plan", `${FIXTURES}/fleet.plan.json`, true],
    // .tf: source_db_cluster_identifier names the primary; the secondary's region is its provider alias's
    ["hcl", `${FIXTURES}/tf`, true],
  ])("%s: reports-prod is the primary in us-east-1, reports-dr a secondary in eu-west-1", async (kind, input, writer) => {
    const inv = await readInputs([input], kind, OPTIONS);
    expect(members(inv)).toEqual({
      "reports-global": [
        ["reports-prod", writer, "us-east-1"],
        ["reports-dr", false, "eu-west-1"],
      ],
    });
    expect(inv.globalClusters.known && inv.globalClusters.value.scopes).toEqual([{}]);
  });

  it("cdk.tf.json: both clusters name the global database and nothing says which was created first: the primary is unknown, with the reason", async () => {
    const inv = await readInputs([`${FIXTURES}/cdktf`], "cdktf", OPTIONS);
    expect(members(inv)).toEqual({
      "reports-global": [
        ["reports-prod", "unknown", "us-east-1"],
        ["reports-dr", "unknown", "eu-west-1"],
      ],
    });
    const g = inv.globalClusters.known ? inv.globalClusters.value.items[0] : undefined;
    expect(g?.location?.file).toMatch(/cdk\.tf\.json#extra\/reports-global\/global_cluster$/);
    expect(g?.members[0]?.isWriter).toMatchObject({ reason: expect.stringContaining("set source_db_cluster_identifier, or check the state or the live account") });
  });

  it("the parity fleet has no global database: known, none", async () => {
    const inv = await readInputs(["test/fixtures/parity/terraform/fleet.tfstate.json"], "state", OPTIONS);
    expect(inv.globalClusters).toEqual({ known: true, value: { items: [], scopes: [{}] } });
  });
});

describe("which member is the primary", () => {
  it("the only member without replication_source_identifier, when every other one has it", () => {
    const inv = build([
      global(),
      cluster("a", { global_cluster_identifier: ref("aws_rds_global_cluster.g", "id") }),
      cluster("b", { global_cluster_identifier: ref("aws_rds_global_cluster.g", "id"), replication_source_identifier: ref("aws_rds_cluster.a", "arn") }),
    ], { "aws_rds_cluster.a": "us-east-1", "aws_rds_cluster.b": "us-west-2" });
    expect(members(inv)).toEqual({ g: [["a", true, "us-east-1"], ["b", false, "us-west-2"]] });
  });

  it("a primary outside the inputs, named by the ARN in source_db_cluster_identifier", () => {
    const arn = "arn:aws:rds:us-east-1:123456789012:cluster:legacy";
    const inv = build([global({ source_db_cluster_identifier: arn }), cluster("dr", { global_cluster_identifier: "g" })]);
    expect(members(inv)).toEqual({ g: [[arn, true, "us-east-1"], ["dr", false, undefined]] });
  });

  it("a global database not among the inputs: its members, the primary unknown", () => {
    const inv = build([cluster("dr", { global_cluster_identifier: "elsewhere", arn: "arn:aws:rds:eu-west-1:123456789012:cluster:dr" })]);
    expect(members(inv)).toEqual({ elsewhere: [["dr", "unknown", "eu-west-1"]] });
  });

  it("a global_cluster_identifier that cannot be told makes the whole dataset unknown", () => {
    const inv = build([global(), cluster("a", { global_cluster_identifier: new TfUnknown("var.global has no value") })]);
    expect(inv.globalClusters).toEqual({ known: false, reason: "aws_rds_cluster.a.global_cluster_identifier: var.global has no value" });
  });

  it("global_cluster_members with a writer wins over configuration; a member AWS does not report yet and no writer reported leaves it unknown", () => {
    const reported = global({ global_cluster_members: [{ db_cluster_arn: "arn:aws:rds:us-east-1:1:cluster:a", is_writer: false }] });
    const inv = build([reported, cluster("a", { arn: "arn:aws:rds:us-east-1:1:cluster:a", global_cluster_identifier: "g" }), cluster("b", { global_cluster_identifier: "g" })]);
    expect(members(inv)).toEqual({ g: [["a", false, "us-east-1"], ["b", "unknown", undefined]] });
  });
});
