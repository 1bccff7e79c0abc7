// Hand-written 1.x plans (test/fixtures/plans): the end state, the unknown writer, modules, and every change pattern.
import { remedySubject } from "../../../src/rules/remedy.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTerraformPlan } from "../../../src/sources/terraform-plan/index.js";
import { PLANS, result, statuses } from "./support.js";

const CHANGES = {
  "changes.no_writer_resize_in_place": true,
  "changes.no_capacity_reduction": true,
  "changes.no_replacement": true,
  "changes.no_protection_downgrade": true,
};

const read = (name: string) => readTerraformPlan([`${PLANS}/${name}.json`]);

describe("a new Aurora cluster with three instances across AZs and tiers", () => {
  const address = "aws_rds_cluster.ledger";

  it("links the counted instances to their cluster through the configuration's reference", async () => {
    const inv = await read("new-aurora-cluster");
    const cluster = inv.resources.find((r) => r.address === address);
    expect(cluster?.instances.known && cluster.instances.value.map((i) => [i.id, i.availabilityZone, i.promotionTier])).toEqual([
      ["ledger-prod-0", { known: true, value: "us-east-1a" }, { known: true, value: 0 }],
      ["ledger-prod-1", { known: true, value: "us-east-1b" }, { known: true, value: 1 }],
      ["ledger-prod-2", { known: true, value: "us-east-1c" }, { known: true, value: 2 }],
    ]);
    expect(cluster?.instances.known && cluster.instances.value.every((i) => !i.isWriter.known)).toBe(true);
    expect(cluster?.account).toMatchObject({ known: false });
  });

  it("judges failover over every possible writer", async () => {
    const inv = await read("new-aurora-cluster");
    // Whichever instance writes, a reader of tier <= 1 remains: pass.
    expect(result(inv, { "failover.max_tier": 1 }, address, "failover.max_tier")?.status).toBe("pass");
    // With tier 0 required, it holds only if ledger-prod-0 does not become the writer: unknown.
    expect(result(inv, { "failover.max_tier": 0 }, address, "failover.max_tier")?.status).toBe("unknown");
    expect(result(inv, { "multi_az.min_azs": 3 }, address, "multi_az.min_azs")?.status).toBe("pass");
  });

  it("resolves the parameter group, the event subscription and the DNS record by reference", async () => {
    const inv = await read("new-aurora-cluster");
    const s = statuses(inv, { "binlog.formats": ["ROW"], "events.subscribed": ["failover"], "dns.max_ttl": 10 });
    expect(s.get(`${address} binlog.formats`)).toBe("pass");
    expect(s.get(`${address} events.subscribed`)).toBe("pass");
    expect(s.get(`${address} dns.max_ttl`)).toBe("pass");
    // The record's TTL (5 s) is attributed to the cluster although its endpoint is known only after apply.
    expect(result(inv, { "dns.max_ttl": 1 }, address, "dns.max_ttl")?.status).toBe("fail");
  });

  it("leaves what AWS decides at apply time unknown, never passing", async () => {
    const inv = await read("new-aurora-cluster");
    expect(result(inv, { "backup.window_clear_of_maintenance": true }, address, "backup.window_clear_of_maintenance")?.status).toBe("unknown");
    expect(result(inv, { "backup.max_pitr_lag_minutes": 15 }, address, "backup.max_pitr_lag_minutes")?.status).toBe("unknown");
  });

  it("passes every change rule: nothing exists yet", async () => {
    const s = statuses(await read("new-aurora-cluster"), CHANGES);
    for (const rule of Object.keys(CHANGES)) expect(s.get(`${address} ${rule}`)).toBe("pass");
  });
});

describe("modules with count and for_each", () => {
  it("reads child modules and keys instances to their module's cluster", async () => {
    const inv = await read("modules-count-for-each");
    expect(inv.resources.map((r) => [r.address, r.id, r.instances.known ? r.instances.value.length : -1])).toEqual([
      ['module.aurora["payments"].aws_rds_cluster.this[0]', "payments-prod", 2],
      ['module.aurora["search"].aws_rds_cluster.this[0]', "search-prod", 3],
    ]);
    const s = statuses(inv, { "multi_az.min_azs": 2, ...CHANGES });
    expect(s.get('module.aurora["payments"].aws_rds_cluster.this[0] multi_az.min_azs')).toBe("pass");
    // search: two instances in us-east-1a and a new one whose AZ AWS picks.
    expect(s.get('module.aurora["search"].aws_rds_cluster.this[0] multi_az.min_azs')).toBe("unknown");
    expect(s.get('module.aurora["search"].aws_rds_cluster.this[0] changes.no_capacity_reduction')).toBe("pass");
  });
});

describe("change patterns", () => {
  const address = "aws_rds_cluster.orders";
  const cases: [string, Record<string, string>][] = [
    ["writer-resize-apply-immediately", { "changes.no_writer_resize_in_place": "fail", "changes.no_capacity_reduction": "pass", "changes.no_replacement": "pass", "changes.no_protection_downgrade": "pass" }],
    ["reader-removal", { "changes.no_writer_resize_in_place": "pass", "changes.no_capacity_reduction": "fail", "changes.no_replacement": "pass", "changes.no_protection_downgrade": "pass" }],
    ["cluster-replacement", { "changes.no_writer_resize_in_place": "pass", "changes.no_capacity_reduction": "pass", "changes.no_replacement": "fail", "changes.no_protection_downgrade": "pass" }],
    ["protection-downgrade", { "changes.no_writer_resize_in_place": "pass", "changes.no_capacity_reduction": "pass", "changes.no_replacement": "pass", "changes.no_protection_downgrade": "fail" }],
  ];

  it.each(cases)("%s", async (name, expected) => {
    const s = statuses(await read(name), CHANGES);
    for (const [rule, status] of Object.entries(expected)) expect([rule, s.get(`${address} ${rule}`)]).toEqual([rule, status]);
  });

  it("names apply_immediately in the writer resize", async () => {
    const r = result(await read("writer-resize-apply-immediately"), CHANGES, address, "changes.no_writer_resize_in_place");
    expect(r).toMatchObject({ expected: "db.r6g.xlarge", actual: "db.r6g.2xlarge" });
    expect(r?.remedies?.map(remedySubject)).toEqual(["instance_class", "apply_immediately", "scale-up"]);
  });

  it("names replace_paths in the replacement", async () => {
    const r = result(await read("cluster-replacement"), CHANGES, address, "changes.no_replacement");
    expect(r?.remedies?.map(remedySubject)).toEqual(["master_username"]);
  });

  it("reports both protection downgrades", async () => {
    const r = result(await read("protection-downgrade"), CHANGES, address, "changes.no_protection_downgrade");
    expect(r?.remedies).toEqual([
      { kind: "set-attribute", attribute: "backup_retention_period", from: 1, to: 7, resourceType: "aws_rds_cluster", bound: "floor" },
      { kind: "set-attribute", attribute: "deletion_protection", from: false, to: true, resourceType: "aws_rds_cluster" },
    ]);
  });

  it("judges the removed reader's cluster on what remains", async () => {
    const inv = await read("reader-removal");
    const cluster = inv.resources[0];
    expect(cluster?.instances.known && cluster.instances.value.map((i) => i.id)).toEqual(["orders-prod-a", "orders-prod-b"]);
    expect(cluster?.change?.instances.map((c) => [c.instanceId, c.actions])).toEqual([["orders-prod-c", ["delete"]]]);
  });
});

describe("plans Terraform writes in less common shapes", () => {
  /** A fixture changed by `edit`, written to a temporary file and read. */
  async function readEdited(name: string, edit: (plan: Record<string, any>) => void) {
    const plan = JSON.parse(readFileSync(`${PLANS}/${name}.json`, "utf8")) as Record<string, any>;
    edit(plan);
    const file = join(mkdtempSync(join(tmpdir(), "haspec-plan-")), `${name}.json`);
    writeFileSync(file, JSON.stringify(plan));
    return readTerraformPlan([file]);
  }
  const address = "aws_rds_cluster.orders";
  const removed = (plan: Record<string, any>) => plan["resource_changes"].find((rc: any) => rc.address === "aws_rds_cluster_instance.orders_c");

  it("reads `forget` (a removed block with destroy = false): the reader keeps running, so no capacity is lost", async () => {
    const inv = await readEdited("reader-removal", (plan) => {
      const rc = removed(plan);
      rc.change.actions = ["forget"];
    });
    const cluster = inv.resources.find((r) => r.address === address);
    expect(cluster?.instances.known && cluster.instances.value.map((i) => i.id)).toEqual(["orders-prod-a", "orders-prod-b", "orders-prod-c"]);
    expect(statuses(inv, CHANGES).get(`${address} changes.no_capacity_reduction`)).toBe("pass");
    expect(inv.notes).toContain("the plan stops managing aws_rds_cluster_instance.orders_c (removed with destroy = false): it keeps running as it is now and is judged from its current values");
    // Forgotten and created anew: read, not refused.
    const replaced = await readEdited("reader-removal", (plan) => {
      removed(plan).change.actions = ["create", "forget"];
    });
    expect(replaced.notes.some((n) => n.includes("forget") && n.includes("creates a new one"))).toBe(true);
  });

  describe("deposed objects (old copies a create_before_destroy replacement left running)", () => {
    /** Adds a deposed copy of the instance at `address` (its old object, `identifier`), which the plan destroys. */
    const pushDeposedCopy = (plan: Record<string, any>, address: string, key: string, identifier: string) => {
      const changes: any[] = plan["resource_changes"];
      const old = structuredClone(changes.find((rc) => rc.address === address));
      old.deposed = key;
      old.change = { ...old.change, actions: ["delete"], before: { ...old.change.before, identifier }, after: null, after_unknown: {} };
      changes.push(old);
    };
    /** reader-removal with orders_a replaced create-before-destroy: the new object joined as a reader, the old one (deposed) still writes. */
    const deposedWriter = (plan: Record<string, any>) => {
      pushDeposedCopy(plan, "aws_rds_cluster_instance.orders_a", "0a1b2c3d", "orders-prod-a-old");
      const current = plan["resource_changes"].find((rc: any) => rc.address === "aws_rds_cluster_instance.orders_a" && rc.deposed === undefined);
      current.change.before.writer = false;
      current.change.after.writer = false;
      for (const r of plan["planned_values"].root_module.resources) if (r.address === current.address) r.values.writer = false;
    };
    /** A deposed reader of orders_b, destroyed by the plan. */
    const deposedReader = (plan: Record<string, any>) => pushDeposedCopy(plan, "aws_rds_cluster_instance.orders_b", "4e5f6a7b", "orders-prod-b-old");
    /** The plan keeps orders_c (only the deposed objects go). */
    const keepC = (plan: Record<string, any>) => {
      const rc = removed(plan);
      rc.change.actions = ["no-op"];
      rc.change.after = rc.change.before;
      plan["planned_values"].root_module.resources.push({ address: rc.address, mode: "managed", type: rc.type, name: rc.name, values: rc.change.before });
    };

    it("fail changes.no_replacement when the writer today is the deposed object the plan destroys, and are noted", async () => {
      const inv = await readEdited("reader-removal", (plan) => {
        keepC(plan);
        deposedWriter(plan);
      });
      expect(inv.notes).toContain(
        "the plan destroys a deposed object of aws_rds_cluster_instance.orders_a (0a1b2c3d), the old instance orders-prod-a-old a create_before_destroy replacement left running, and it is still its cluster's writer: applying fails the cluster over",
      );
      const cluster = inv.resources.find((r) => r.address === address);
      // The end state holds only the current objects; the deposed one is a member today.
      expect(cluster?.instances.known && cluster.instances.value.map((i) => i.id)).toEqual(["orders-prod-a", "orders-prod-b", "orders-prod-c"]);
      const before = cluster?.change?.before;
      expect(before?.instances.known && before.instances.value.map((i) => i.id).sort()).toEqual(["orders-prod-a", "orders-prod-a-old", "orders-prod-b", "orders-prod-c"]);
      expect(cluster?.change?.instances.map((c) => [c.instanceId, c.actions, c.deposed])).toEqual([["orders-prod-a-old", ["delete"], "0a1b2c3d"]]);
      const replacement = result(inv, CHANGES, address, "changes.no_replacement");
      expect(replacement?.status).toBe("fail");
      expect(replacement?.message).toMatch(/^the writer orders-prod-a-old is a deposed object \(aws_rds_cluster_instance\.orders_a \(deposed 0a1b2c3d\)\)/);
      // Three readers today (the new orders_a among them), two once the old writer is gone.
      const capacity = result(inv, CHANGES, address, "changes.no_capacity_reduction");
      expect(capacity?.status).toBe("fail");
      expect(capacity?.message).toContain("orders-prod-a-old (a deposed object an earlier replacement left running)");
    });

    it("pass changes.no_replacement when a deposed reader goes; the capacity rule counts the running reader it removes", async () => {
      const inv = await readEdited("reader-removal", (plan) => {
        keepC(plan);
        deposedReader(plan);
      });
      expect(inv.notes).toContain("the plan destroys a deposed object of aws_rds_cluster_instance.orders_b (4e5f6a7b), an old one a create_before_destroy replacement left running");
      const s = statuses(inv, CHANGES);
      expect(s.get(`${address} changes.no_replacement`)).toBe("pass");
      expect(s.get(`${address} changes.no_writer_resize_in_place`)).toBe("pass");
      expect(result(inv, CHANGES, address, "changes.no_capacity_reduction")?.message).toMatch(/^orders-prod goes from 3 to 2 readers \(the plan removes orders-prod-b-old \(a deposed object/);
    });

    it("judge a deposed standalone instance the plan destroys as a destroyed database", async () => {
      const inv = await readEdited("reader-removal", (plan) => {
        plan["resource_changes"].push({
          address: "aws_db_instance.legacy",
          mode: "managed",
          type: "aws_db_instance",
          name: "legacy",
          deposed: "99aa88bb",
          change: { actions: ["delete"], before: { identifier: "legacy-old", engine: "postgres", instance_class: "db.m6g.large", multi_az: true, availability_zone: "us-east-1a" }, after: null, after_unknown: {} },
        });
      });
      const gone = inv.resources.find((r) => r.address === "aws_db_instance.legacy (deposed 99aa88bb)");
      expect(gone?.change?.actions).toEqual(["delete"]);
      expect(statuses(inv, CHANGES).get("aws_db_instance.legacy (deposed 99aa88bb) changes.no_capacity_reduction")).toBe("fail");
    });
  });

  it("judges a cluster the plan destroys outright: the capacity rule fails, end-state rules do not apply", async () => {
    const inv = await readEdited("reader-removal", (plan) => {
      for (const rc of plan["resource_changes"]) {
        rc.change.actions = ["delete"];
        rc.change.after = null;
        rc.change.after_unknown = {};
      }
      plan["planned_values"] = { root_module: {} };
    });
    expect(inv.resources.map((r) => [r.address, r.change?.actions])).toEqual([[address, ["delete"]]]);
    expect(inv.resources[0]?.location).toEqual({ source: "plan", file: expect.stringContaining("reader-removal.json") });
    const s = statuses(inv, { ...CHANGES, "multi_az.min_azs": 2 });
    expect(s.get(`${address} changes.no_capacity_reduction`)).toBe("fail");
    expect(s.get(`${address} changes.no_replacement`)).toBe("pass");
    expect(s.get(`${address} multi_az.min_azs`)).toBe("not_applicable");
    expect(result(inv, CHANGES, address, "changes.no_capacity_reduction")?.message).toMatch(/^the plan destroys aws_rds_cluster\.orders \(orders-prod\) and 3 instances/);
  });

  it("judges a Multi-AZ DB cluster's db_cluster_instance_class change as a writer resize", async () => {
    const plan = (after: string | null) => {
      const values = (cls: string | null, immediately: boolean | null) => ({
        cluster_identifier: "ledger-prod",
        engine: "postgres",
        engine_version: "15.4",
        db_cluster_instance_class: cls,
        apply_immediately: immediately,
        backup_retention_period: 7,
        deletion_protection: true,
      });
      const afterValues = values(after, true);
      const rc = {
        address: "aws_rds_cluster.ledger",
        mode: "managed",
        type: "aws_rds_cluster",
        name: "ledger",
        change: { actions: ["update"], before: values("db.m6gd.large", null), after: afterValues, after_unknown: after === null ? { db_cluster_instance_class: true } : {} },
      };
      return {
        format_version: "1.2",
        terraform_version: "1.9.5",
        planned_values: { root_module: { resources: [{ address: rc.address, mode: "managed", type: rc.type, name: rc.name, values: afterValues }] } },
        resource_changes: [rc],
      };
    };
    const judge = async (after: string | null) => {
      const file = join(mkdtempSync(join(tmpdir(), "haspec-plan-")), "maz.json");
      writeFileSync(file, JSON.stringify(plan(after)));
      return result(await readTerraformPlan([file]), CHANGES, "aws_rds_cluster.ledger", "changes.no_writer_resize_in_place");
    };
    const resized = await judge("db.m6gd.2xlarge");
    expect(resized?.status).toBe("fail");
    expect(resized?.message).toMatch(/db_cluster_instance_class of the Multi-AZ DB cluster ledger-prod changes in place from db\.m6gd\.large to db\.m6gd\.2xlarge with apply_immediately = true/);
    expect((await judge("db.m6gd.large"))?.status).toBe("pass");
    expect((await judge(null))?.status).toBe("unknown");
  });

  it("fails an engine upgrade applied immediately (every instance, the writer included, restarts at apply); in the maintenance window it passes", async () => {
    const upgrade = (immediately: boolean) => (plan: Record<string, any>) => {
      const cluster = plan["resource_changes"].find((rc: any) => rc.address === address);
      const planned = plan["planned_values"]["root_module"]["resources"].find((r: any) => r.address === address);
      removed(plan).change.actions = ["no-op"];
      removed(plan).change.after = removed(plan).change.before;
      plan["planned_values"]["root_module"]["resources"].push({ ...planned, address: "aws_rds_cluster_instance.orders_c", type: "aws_rds_cluster_instance", name: "orders_c", values: removed(plan).change.before });
      cluster.change.actions = ["update"];
      for (const values of [cluster.change.after, planned.values]) {
        Object.assign(values, { engine_version: "8.0.mysql_aurora.3.07.1", engine_version_actual: "8.0.mysql_aurora.3.07.1", apply_immediately: immediately });
      }
    };
    const now = result(await readEdited("reader-removal", upgrade(true)), CHANGES, address, "changes.no_writer_resize_in_place");
    expect(now?.status).toBe("fail");
    expect(now?.message).toMatch(/^engine_version of orders-prod changes in place from 8\.0\.mysql_aurora\.3\.05\.2 to 8\.0\.mysql_aurora\.3\.07\.1 with apply_immediately = true/);
    const later = result(await readEdited("reader-removal", upgrade(false)), CHANGES, address, "changes.no_writer_resize_in_place");
    expect(later?.status).toBe("pass");
  });

  it("takes the end state from the changes' after values when planned_values is missing", async () => {
    const whole = statuses(await read("writer-resize-apply-immediately"), { ...CHANGES, "multi_az.min_azs": 2, "failover.max_tier": 1 });
    const inv = await readEdited("writer-resize-apply-immediately", (plan) => {
      delete plan["planned_values"];
    });
    expect(statuses(inv, { ...CHANGES, "multi_az.min_azs": 2, "failover.max_tier": 1 })).toEqual(whole);
    expect(inv.notes.some((n) => n.includes("has no planned_values"))).toBe(true);
  });

  it("passes nothing from a plan that errored or deferred changes", async () => {
    for (const flags of [{ errored: true }, { complete: false }]) {
      const inv = await readEdited("new-aurora-cluster", (plan) => Object.assign(plan, flags));
      const s = statuses(inv, { ...CHANGES, "multi_az.min_azs": 3 });
      expect([...s.values()].filter((status) => status === "pass")).toEqual([]);
      expect(s.get("aws_rds_cluster.ledger multi_az.min_azs")).toBe("unknown");
      expect(inv.notes.some((n) => n.includes(flags.errored ? "errored: true" : "complete: false"))).toBe(true);
    }
  });
});
