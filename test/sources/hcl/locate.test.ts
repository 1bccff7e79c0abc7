// Block headers are found by line in .tf text whatever strings and comments come before them.
import { describe, expect, it } from "vitest";
import { locateBlocks, locateJsonResource } from "../../../src/sources/hcl/locate.js";

describe("locateBlocks", () => {
  it("does not take a /* inside a string, or a heredoc marker inside a comment, for the start of one", () => {
    const text = [
      'resource "aws_iam_policy" "exports" {',
      '  policy = jsonencode({ Resource = "arn:aws:s3:::rds-exports/*" })',
      "}",
      "# connect with: psql <<EOF",
      'resource "aws_rds_cluster" "main" {',
      '  cluster_identifier = "orders-prod" // not a /* comment',
      "}",
      "/* a real",
      'resource "aws_rds_cluster" "commented" {',
      "*/",
      'resource "aws_db_instance" "db" {',
      "  user_data = <<-EOT",
      'resource "aws_rds_cluster" "in_heredoc" {',
      "  EOT",
      "}",
    ].join("\n");
    const found = locateBlocks(text);
    expect(found.get("resource\0aws_rds_cluster\0main")).toBe(5);
    expect(found.get("resource\0aws_db_instance\0db")).toBe(11);
    expect(found.has("resource\0aws_rds_cluster\0commented")).toBe(false);
    expect(found.has("resource\0aws_rds_cluster\0in_heredoc")).toBe(false);
  });
});

describe("locateJsonResource", () => {
  it("finds a resource one level into its type, not a nested key of an earlier resource with its name", () => {
    const text = JSON.stringify(
      {
        resource: {
          aws_rds_cluster: {
            staging: { cluster_identifier: "staging", "//": { metadata: { path: "s/staging" } }, timeouts: { prod: { create: "2h" } } },
            prod: { cluster_identifier: "prod" },
          },
          aws_rds_cluster_instance: { prod: { identifier: "prod-0" } },
        },
      },
      null,
      2,
    );
    const line = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(locateJsonResource(text, "aws_rds_cluster", "prod")).toBe(line('"cluster_identifier": "prod"') - 1);
    expect(locateJsonResource(text, "aws_rds_cluster_instance", "prod")).toBe(line('"identifier": "prod-0"') - 1);
    expect(locateJsonResource(text, "aws_rds_cluster", "missing")).toBeUndefined();
  });
});
