// Remedies as data: the downtime an attribute change means, and the one line reports and the UI show for each kind.
import { describe, expect, it } from "vitest";
import { describeRemedy, manual, remedySubject, setAttribute } from "../../src/rules/remedy.js";

describe("remedies", () => {
  it("fill in the downtime AWS documents for an attribute change, and none otherwise", () => {
    expect(setAttribute({ attribute: "instance_class", from: "db.r6g.large", to: "db.r6g.xlarge", resourceType: "aws_rds_cluster_instance", instance: "r" }, { writer: false, id: "r" }).downtime).toBe(
      "restarts the reader r while its class changes",
    );
    expect(setAttribute({ attribute: "backup_retention_period", from: 0, to: 7, resourceType: "aws_rds_cluster" }).downtime).toMatch(/outage/);
    expect(setAttribute({ attribute: "backup_retention_period", from: 1, to: 7, resourceType: "aws_rds_cluster" })).not.toHaveProperty("downtime");
  });

  it("describe each kind in one line, naming where the change lands", () => {
    expect(describeRemedy(setAttribute({ attribute: "promotion_tier", from: 15, to: 1, resourceType: "aws_rds_cluster_instance", instance: "r2" }))).toBe(
      "promotion_tier = 15 -> 1 on r2 (aws_rds_cluster_instance)",
    );
    expect(describeRemedy({ kind: "change-topology", outsideWriterAz: 1 })).toBe("add aws_rds_cluster_instance readers until there are at least: 1 reader outside the writer's AZ");
    expect(describeRemedy({ kind: "change-dns-record", record: { name: "db.example.com." , type: "CNAME" }, attribute: "ttl", from: 300, to: 5 })).toBe(
      "ttl = 300 -> 5 on db.example.com. (aws_route53_record)",
    );
    expect(describeRemedy(manual("keep an instance in us-east-1b", "availability_zone"))).toBe("availability_zone: keep an instance in us-east-1b");
    expect(remedySubject(manual("keep an instance in us-east-1b", "availability_zone"))).toBe("availability_zone");
  });
});
