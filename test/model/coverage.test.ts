// Every model field is filled by each source or declared as one it cannot fill, with the reason (src/model/coverage.ts), checked against real reads of rich fixtures.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EC2_INSTANCE_COVERAGE,
  ENDPOINTS_COVERAGE,
  GROUP_COVERAGE,
  LOAD_BALANCER_COVERAGE,
  INSTANCE_COVERAGE,
  INVENTORY_COVERAGE,
  PARAMETER_GROUP_COVERAGE,
  RESOURCE_COVERAGE,
  RUN_RECORD,
  type Fill,
} from "../../src/model/coverage.js";
import type { Inventory } from "../../src/model/inventory.js";
import { known, unknown } from "../../src/model/value.js";
import { readLiveAws, scanLiveAws } from "../../src/sources/aws-live/index.js";
import { serializeBundle } from "../../src/sources/snapshot/index.js";
import { readInputs, SOURCE_KINDS, type SourceKind, type SourceOptions } from "../../src/sources/index.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws/server.js";
import { computeFromAwsJsonDir } from "../support/fake-aws/compute.js";
import { demoFleet, liveOptions, TEST_DEPS } from "../sources/aws-live/support.js";

const DECLARATIONS = "src/model/coverage.ts";
const EXTRA = "test/fixtures/model-coverage";

/** The richest inputs of each file source: the parity fleet (issue 4) and what it lacks (in Terraform form: a Multi-AZ DB cluster, reader and custom endpoints named by DNS records, an RDS Proxy, an Aurora Global Database). */
const FILE_INPUTS: Record<Exclude<SourceKind, "aws" | "snapshot">, readonly string[]> = {
  "aws-json": ["examples/demo-fleet", "test/fixtures/app-tier/aws-json"],
  plan: ["test/fixtures/parity/terraform/fleet.plan.json", `${EXTRA}/fleet.plan.json`],
  state: ["test/fixtures/parity/terraform/fleet.tfstate.json", `${EXTRA}/fleet.tfstate.json`],
  hcl: ["test/fixtures/parity/tf", `${EXTRA}/tf`, "test/fixtures/app-tier/tf"],
  cdktf: ["test/fixtures/parity/cdktf", `${EXTRA}/cdktf`],
};

const OPTIONS: SourceOptions = { cwd: process.cwd(), varFiles: [], vars: {}, live: liveOptions("http://127.0.0.1:9") };

/** The model's tables: where each is declared, its coverage, and the objects of that type in an inventory. */
interface Table {
  readonly name: string;
  readonly file: string;
  readonly coverage: Readonly<Record<string, Readonly<Record<SourceKind, Fill>>>>;
  readonly skip?: readonly string[];
  readonly declaration: string;
  readonly objects: (inventory: Inventory) => { readonly label: string; readonly value: object }[];
}

const TABLES: readonly Table[] = [
  {
    name: "Resource",
    file: "src/model/resource.ts",
    coverage: RESOURCE_COVERAGE,
    declaration: "RESOURCE_COVERAGE",
    objects: (inv) => inv.resources.map((r) => ({ label: r.id, value: r })),
  },
  {
    name: "Instance",
    file: "src/model/resource.ts",
    coverage: INSTANCE_COVERAGE,
    declaration: "INSTANCE_COVERAGE",
    objects: (inv) => inv.resources.flatMap((r) => (r.instances.known ? r.instances.value.map((i) => ({ label: `${r.id}/${i.id}`, value: i })) : [])),
  },
  {
    name: "Endpoints",
    file: "src/model/resource.ts",
    coverage: ENDPOINTS_COVERAGE,
    declaration: "ENDPOINTS_COVERAGE",
    objects: (inv) => inv.resources.map((r) => ({ label: r.id, value: r.endpoints })),
  },
  {
    name: "ParameterGroupRef",
    file: "src/model/resource.ts",
    coverage: PARAMETER_GROUP_COVERAGE,
    declaration: "PARAMETER_GROUP_COVERAGE",
    objects: (inv) => inv.resources.flatMap((r) => (r.clusterParameterGroup.known && r.clusterParameterGroup.value !== null ? [{ label: r.id, value: r.clusterParameterGroup.value }] : [])),
  },
  {
    name: "Inventory",
    file: "src/model/inventory.ts",
    coverage: INVENTORY_COVERAGE,
    declaration: "INVENTORY_COVERAGE",
    skip: RUN_RECORD,
    objects: (inv) => [{ label: "the inventory", value: inv }],
  },
  {
    name: "AutoScalingGroup",
    file: "src/model/compute.ts",
    coverage: GROUP_COVERAGE,
    declaration: "GROUP_COVERAGE",
    objects: (inv) => (inv.compute?.groups ?? []).map((g) => ({ label: g.id, value: g })),
  },
  {
    name: "LoadBalancer",
    file: "src/model/compute.ts",
    coverage: LOAD_BALANCER_COVERAGE,
    declaration: "LOAD_BALANCER_COVERAGE",
    objects: (inv) => (inv.compute?.loadBalancers ?? []).map((l) => ({ label: l.id, value: l })),
  },
  {
    name: "Ec2Instance",
    file: "src/model/compute.ts",
    coverage: EC2_INSTANCE_COVERAGE,
    declaration: "EC2_INSTANCE_COVERAGE",
    objects: (inv) => (inv.compute?.instances ?? []).map((i) => ({ label: i.id, value: i })),
  },
];

/** The member names of `interface name` in a model file, as written (with those of the interface it extends in the same file). */
function interfaceFields(file: string, name: string): string[] {
  const text = readFileSync(file, "utf8");
  const m = new RegExp(`export interface ${name}(?: extends (\\w+))? \\{\\n([\\s\\S]*?)\\n\\}`).exec(text);
  if (m === null) throw new Error(`no interface ${name} in ${file}`);
  const own = [...m[2]!.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((f) => f[1]!);
  return m[1] === undefined ? own : [...interfaceFields(file, m[1]), ...own];
}

/**
 * What one field holds: "filled" (a plain value, or a known value with content), "empty" (known [] or {}:
 * a claim that there are none), "null" (known null: the field does not apply, e.g. a standalone
 * instance's cluster parameter group), "absent" (an optional field left out), or unknown with its reason.
 */
type Seen = "filled" | "empty" | "null" | "absent" | { readonly unknown: string };

function seen(v: unknown): Seen {
  if (v === undefined) return "absent";
  if (v === null || typeof v !== "object" || !("known" in v) || typeof v.known !== "boolean") return "filled";
  const { known, value, reason } = v as { known: boolean; value?: unknown; reason?: unknown };
  if (!known) return { unknown: typeof reason === "string" ? reason : "" };
  if (value === null) return "null";
  // An account-wide dataset (Scoped) is empty when it holds no items, whatever scopes it covers.
  if (typeof value === "object" && "items" in value && Array.isArray(value.items)) return value.items.length === 0 ? "empty" : "filled";
  const size = Array.isArray(value) ? value.length : value instanceof Map ? value.size : typeof value === "object" ? Object.keys(value as object).length : 1;
  return size === 0 ? "empty" : "filled";
}

const describeFill = (f: Fill) => (f === "reads" ? '"reads"' : `{ cannot: ${JSON.stringify(f.cannot)} }`);

const inventories = {} as Record<SourceKind, Inventory>;
let fake: FakeAws | undefined;

beforeAll(async () => {
  for (const [kind, inputs] of Object.entries(FILE_INPUTS)) inventories[kind as SourceKind] = await readInputs(inputs, kind as SourceKind, OPTIONS);
  // The live scan of the demo fleet through the fake AWS server, with a SQL reader that answers for orders-prod.
  // With the application tier of the AWS CLI JSON fixture in us-east-1.
  const fleet = demoFleet();
  fleet.accounts[fleet.defaultAccount]!.regions["us-east-1"]!.compute = computeFromAwsJsonDir("test/fixtures/app-tier/aws-json");
  fake = await startFakeAws(fleet);
  const options = liveOptions(fake.url, { env: { HASPEC_DB_USER: "auditor", HASPEC_DB_PASSWORD: "not-a-secret" } });
  const deps = { ...TEST_DEPS, readBinlog: async (t: { host: string }) => (t.host.startsWith("orders-prod.") ? known(24) : unknown(`connection to ${t.host} refused`)) };
  inventories.aws = await readLiveAws(options, deps);
  // A snapshot of the same scan, read back from its file by the snapshot reader.
  const bundle = await scanLiveAws(options, deps);
  const file = join(mkdtempSync(join(tmpdir(), "haspec-coverage-")), "snapshot.json");
  writeFileSync(file, serializeBundle(bundle));
  inventories.snapshot = await readInputs([file], "snapshot", OPTIONS);
});

afterAll(async () => {
  await fake?.close();
});

describe("model coverage: every source fills each field or says why it cannot", () => {
  it("declares every field of the model, and only those", () => {
    const problems: string[] = [];
    for (const t of TABLES) {
      const fields = interfaceFields(t.file, t.name).filter((f) => !t.skip?.includes(f));
      const declared = Object.keys(t.coverage);
      for (const f of fields.filter((f) => !declared.includes(f))) {
        problems.push(
          `${t.name}.${f} (${t.file}) has no entry in ${t.declaration} (${DECLARATIONS}): add \`${f}: ALL\` if every source fills it, ` +
            `or \`${f}: only([...the sources that fill it], "why the others cannot")\`, then fill it in each source that reads it`,
        );
      }
      for (const f of declared.filter((f) => !fields.includes(f))) problems.push(`${t.declaration}.${f} (${DECLARATIONS}) is not a field of ${t.name} (${t.file}): remove it`);
    }
    expect(problems).toEqual([]);
  });

  it("declares an answer for every source", () => {
    const problems: string[] = [];
    for (const t of TABLES) {
      for (const [field, bySource] of Object.entries(t.coverage)) {
        for (const s of SOURCE_KINDS) {
          const fill = bySource[s];
          if (fill === "reads") continue;
          if (fill === undefined || typeof fill.cannot !== "string" || fill.cannot.trim() === "") problems.push(`${t.declaration}.${field} (${DECLARATIONS}): say whether ${s} "reads" it, or { cannot: "why" }`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(SOURCE_KINDS)("%s: fills every field it declares, and none it says it cannot", (source) => {
    const inventory = inventories[source];
    expect(inventory.resources.length, `${source} read no resources`).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const t of TABLES) {
      const objects = t.objects(inventory);
      // A table no field of which the source reads (the application tier in plans, state and CDKTF, for now) has nothing to check.
      const readsSome = Object.values(t.coverage).some((bySource) => bySource[source] === "reads");
      if (objects.length === 0 && readsSome) problems.push(`${source}: its fixture gives no ${t.name} to check: add one to the inputs of ${source} in this test`);
      // Fields the source produced that the model's declaration does not list.
      const undeclared = new Set(objects.flatMap((o) => Object.keys(o.value)).filter((k) => !(k in t.coverage) && !t.skip?.includes(k)));
      for (const f of undeclared) problems.push(`${source} fills ${t.name}.${f}, which ${t.declaration} (${DECLARATIONS}) does not list: declare it for every source`);
      for (const [field, bySource] of Object.entries(t.coverage)) {
        const fill = bySource[source];
        const where = objects.map((o) => ({ label: o.label, seen: seen((o.value as Record<string, unknown>)[field]) }));
        for (const w of where) {
          if (typeof w.seen === "object" && w.seen.unknown.trim() === "") problems.push(`${source}: ${t.name}.${field} of ${w.label} is unknown without a reason`);
        }
        if (fill === "reads") {
          if (objects.length > 0 && !where.some((w) => w.seen === "filled")) {
            const why = where.find((w) => typeof w.seen === "object") ?? where[0];
            problems.push(
              `${source}: ${DECLARATIONS} says it reads ${t.name}.${field}, but no ${t.name} it read from its fixture holds a value ` +
                `(e.g. ${why?.label}: ${typeof why?.seen === "object" ? `unknown, ${why.seen.unknown}` : why?.seen}). ` +
                `Fill it in src/sources/ (and give the fixture a value), or declare ${source}: { cannot: "why" } in ${t.declaration}`,
            );
          }
        } else {
          // A source that cannot read a field leaves it unknown with the reason, or out (optional fields), or null where it does not apply.
          const filled = where.find((w) => w.seen === "filled" || w.seen === "empty");
          if (filled !== undefined) {
            problems.push(
              `${source}: ${t.name}.${field} of ${filled.label} is ${filled.seen === "empty" ? "known to be empty" : "known"}, but ${t.declaration}.${field} in ${DECLARATIONS} ` +
                `says ${describeFill(fill)}: declare ${source} as "reads", or make the source give unknown(reason) instead`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
