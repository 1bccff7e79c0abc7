// Tests of backup.copy_tags_to_snapshot on clusters and instances.
import { describe, expect, it } from "vitest";
import { copyTagsToSnapshot } from "../../../src/rules/backup/copy_tags_to_snapshot.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("backup.copy_tags_to_snapshot", () => {
  it("passes when tags are copied", () => {
    expect(copyTagsToSnapshot.check(resource(), true, context())).toMatchObject({ status: "pass", expected: true, actual: true });
  });

  it("fails a cluster that does not copy tags and fixes aws_rds_cluster", () => {
    const v = copyTagsToSnapshot.check(resource({ copyTags: false }), true, context());
    expect(v).toMatchObject({ status: "fail", messageId: "off", data: { attribute: "copy_tags_to_snapshot" }, actual: false, diff: { attribute: "copy_tags_to_snapshot", from: "false", to: "true" } });
    expect(v.remedies).toEqual([{ kind: "set-attribute", attribute: "copy_tags_to_snapshot", from: false, to: true, resourceType: "aws_rds_cluster" }]);
  });

  it("fixes aws_db_instance for an instance", () => {
    const v = copyTagsToSnapshot.check(resource({ kind: "instance", engine: "postgres", copyTags: false }), true, context());
    expect(v.remedies).toEqual([expect.objectContaining({ resourceType: "aws_db_instance" })]);
  });

  it("is unknown when the value is unknown", () => {
    expect(copyTagsToSnapshot.check(resource({ copyTags: UNKNOWN }), true, context()).status).toBe("unknown");
  });

  it("passes trivially when the option is false", () => {
    expect(copyTagsToSnapshot.check(resource({ copyTags: false }), false, context()).status).toBe("pass");
  });
});
