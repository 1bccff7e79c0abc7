// The text a fix emits: escaping of outside values, terraform-fmt layout, CDKTF deep imports, declaration order.
import { describe, expect, it } from "vitest";
import { declarationOrder, Draft, localName, ref, setAttribute } from "../../src/fix/blocks.js";
import { commentText, hclString, tsTerraformString } from "../../src/fix/escape.js";
import { clusterParameterGroupFamily, rdsIdentifier } from "../../src/fix/names.js";
import { renderCdktf } from "../../src/fix/render-cdktf.js";
import { renderHcl } from "../../src/fix/render-hcl.js";

describe("escaping", () => {
  it("HCL strings keep quotes, backslashes, line breaks and template markers literal", () => {
    expect(hclString('a"b\\c\nd${x}%{y}')).toBe('"a\\"b\\\\c\\nd$${x}%%{y}"');
    expect(hclString("\u2028\u0007")).toBe('"\\u2028\\u0007"');
  });

  it("TypeScript literals are JSON with Terraform's template markers doubled", () => {
    expect(tsTerraformString('x"${aws_db.y.id}*/\n')).toBe('"x\\"$${aws_db.y.id}*/\\n"');
    expect(JSON.parse(tsTerraformString("\u2028"))).toBe("\u2028");
  });

  it("comments show line breaks, controls and bidi overrides as escapes, so a value can neither end the comment nor reorder code", () => {
    expect(commentText("one\ntwo\r\nthree\u2028four")).toBe("one\\ntwo\\r\\nthree\\u2028four");
    expect(commentText("a\u001b[2K\u202eb\u0085")).toBe("a\\e[2K\\u202eb\\x85");
  });

  it("strings escape bidi overrides, C1 controls and invisible characters, and keep their value", () => {
    const value = "x\u202ey\u2066\u0085\u200b\u{e0041}\u009b";
    expect(hclString(value)).toBe('"x\\u202ey\\u2066\\u0085\\u200b\\U000e0041\\u009b"');
    const ts = tsTerraformString(value);
    expect(ts).not.toMatch(/[\u0080-\u009f\u200b\u202e\u2066\u{e0041}]/u);
    expect(new Function(`return ${ts}`)()).toBe(value);
  });
});

describe("names", () => {
  it("Terraform local names and RDS identifiers from anything", () => {
    expect(localName('Orders-Prod"; rm -rf /')).toBe("orders_prod_rm_rf");
    expect(localName("1st")).toBe("_1st");
    expect(rdsIdentifier("9--Bad__Name--", () => false)).toBe("bad-name");
    expect(rdsIdentifier("orders-a-reader", (x) => x === "orders-a-reader")).toBe("orders-a-reader-2");
  });

  it("parameter group families from engine versions", () => {
    expect(clusterParameterGroupFamily("aurora-mysql", "8.0.mysql_aurora.3.05.2")).toBe("aurora-mysql8.0");
    expect(clusterParameterGroupFamily("aurora-mysql", "5.7.mysql_aurora.2.11.2")).toBe("aurora-mysql5.7");
    expect(clusterParameterGroupFamily("aurora-postgresql", "15.4")).toBe("aurora-postgresql15");
    expect(clusterParameterGroupFamily("postgres", "9.6.22")).toBe("postgres9.6");
    expect(clusterParameterGroupFamily("aurora-mysql", undefined)).toBeUndefined();
  });
});

function twoRegionDraft() {
  const draft = new Draft();
  const cluster = draft.add({ type: "aws_rds_cluster", name: "orders", values: { cluster_identifier: "orders", engine: "aurora-mysql", tags: { "team name": "db" } }, origin: { kind: "import", id: "orders" }, region: "us-east-1", owner: "a" });
  setAttribute(cluster, "backup_retention_period", 7, { rule: "backup.min_retention_days", text: "1 -> 7" });
  const member = draft.add({ type: "aws_rds_cluster_instance", name: "orders_b", values: { identifier: "orders-b", cluster_identifier: ref(cluster, "id"), instance_class: "db.r6g.large" }, origin: { kind: "new" }, region: "us-east-1", owner: "a" });
  const group = draft.add({ type: "aws_rds_cluster_parameter_group", name: "eu", values: { name: "eu", family: "aurora-mysql8.0", parameter: [{ name: "binlog_format", value: "ROW" }] }, nestedBlocks: new Set(["parameter"]), origin: { kind: "new" }, region: "eu-west-1", owner: "b" });
  setAttribute(group, "parameter", group.values["parameter"]!, { rule: "binlog.formats", text: "ROW", downtime: "reboot" });
  return { draft, cluster, member, group };
}

describe("renderHcl", () => {
  it("aligns attributes like terraform fmt, aliases the second region and adopts live resources with import blocks", () => {
    const { draft } = twoRegionDraft();
    const text = renderHcl(draft.blocks, ["header"]);
    expect(text).toContain('import {\n  to = aws_rds_cluster.orders\n  id = "orders"\n}');
    expect(text).toContain('provider "aws" {\n  alias  = "eu_west_1"\n  region = "eu-west-1"\n}');
    expect(text).toContain('  cluster_identifier = "orders"\n  engine             = "aurora-mysql"\n');
    expect(text).toContain('  tags = {\n    "team name" = "db"\n  }');
    expect(text).toContain("  # backup.min_retention_days: 1 -> 7\n  backup_retention_period = 7\n");
    expect(text).toContain("  cluster_identifier = aws_rds_cluster.orders.id\n");
    expect(text).toContain('  provider = aws.eu_west_1\n');
    expect(text).toContain('  # DOWNTIME: reboot\n  parameter {\n    name  = "binlog_format"\n    value = "ROW"\n  }');
  });
});

describe("renderCdktf", () => {
  it("deep-imports only the classes it uses, keeps tag keys as data and passes the provider for other regions", () => {
    const { draft } = twoRegionDraft();
    const text = renderCdktf(draft.blocks, ["header"]);
    expect(text).toContain('import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster/index.js";');
    expect(text).not.toMatch(/from "@cdktf\/provider-aws"/);
    expect(text).not.toContain("DbInstance");
    expect(text).toContain('"team name": "db"');
    expect(text).toContain("clusterIdentifier: rdsCluster_orders.id,");
    expect(text).toContain('rdsCluster_orders.importFrom("orders");');
    expect(text).toContain("provider: aws_eu_west_1,");
    expect(text).toContain("parameter: [{\n");
  });
});

describe("declarationOrder", () => {
  it("puts every block after the blocks it refers to, otherwise keeping the order", () => {
    const draft = new Draft();
    const user = draft.add({ type: "aws_rds_cluster", name: "c", values: { db_cluster_parameter_group_name: ref({ type: "aws_rds_cluster_parameter_group", name: "g" }, "name") }, origin: { kind: "new" }, region: undefined, owner: "x" });
    const other = draft.add({ type: "aws_sns_topic", name: "t", values: {}, origin: { kind: "new" }, region: undefined, owner: "x" });
    const group = draft.add({ type: "aws_rds_cluster_parameter_group", name: "g", values: {}, origin: { kind: "new" }, region: undefined, owner: "x" });
    expect(declarationOrder(draft.blocks)).toEqual([group, user, other]);
  });
});
