// Re-checks a fix before it is written: the blocks go through the Terraform model builder and the same policies.
import { evaluate } from "../engine/evaluate.js";
import type { Result } from "../engine/result.js";
import type { Resource } from "../model/resource.js";
import type { Policy } from "../spec/policy.js";
import { buildTerraformInventory, type TfResource } from "../sources/terraform/index.js";
import type { TfValue } from "../model/terraform-value.js";
import { addressOf, type Block } from "./blocks.js";
import type { RuleLookup } from "./fixers.js";
import type { DeclaredResource } from "./from-model.js";

/** The re-check's verdict on one rule the fix addressed. */
export interface Recheck {
  readonly rule: string;
  readonly status: Result["status"];
  /** Passes after the fix (or passes once the current writer is known: Terraform configuration cannot say which instance writes). */
  readonly fixed: boolean;
  /** Set when it passes only with the current writer. */
  readonly writerNote?: string;
  /** Set for change rules, which only a new plan can judge again. */
  readonly planNote?: string;
  /** Set for rules only live data can judge (PITR lag needs the capture time): the fix is made, the verdict waits for a live check. */
  readonly liveNote?: string;
  readonly message: string;
}

function tfResources(blocks: readonly Block[], writers: ReadonlyMap<Block, boolean> | undefined): TfResource[] {
  return blocks.map((b) => {
    const values: Record<string, TfValue> = { ...b.values };
    const writer = writers?.get(b);
    if (writer !== undefined) values["writer"] = writer;
    return { address: addressOf(b), type: b.type, values, location: { source: "fix" } };
  });
}

function judge(blocks: readonly Block[], writers: ReadonlyMap<Block, boolean> | undefined, policies: readonly Policy[], now: Date): Map<string, Result[]> {
  const providerRegions = new Map(blocks.filter((b) => b.region !== undefined).map((b) => [addressOf(b), b.region!]));
  const inventory = buildTerraformInventory({ kind: "cdktf", resources: tfResources(blocks, writers), notes: [], sources: [], providerRegions });
  // By address (the block's): identifiers repeat across regions and accounts, addresses do not.
  const byAddress = new Map<string, Result[]>();
  for (const r of evaluate(policies, inventory, { now }).results) {
    const list = byAddress.get(r.resource.address) ?? [];
    list.push(r);
    byAddress.set(r.resource.address, list);
  }
  return byAddress;
}

function worst(results: readonly Result[] | undefined, rule: string): Result | undefined {
  const mine = (results ?? []).filter((r) => r.rule === rule);
  return mine.find((r) => r.status === "fail") ?? mine.find((r) => r.status === "unknown") ?? mine[0];
}

/** For each fixed resource (by address): every rule the fix addressed, judged on the blocks. */
export function recheck(
  blocks: readonly Block[],
  fixes: readonly { resource: Resource; declared: DeclaredResource; attempted: ReadonlySet<string> }[],
  options: { readonly policies: readonly Policy[]; readonly now: Date; readonly rules: RuleLookup },
): Map<string, Recheck[]> {
  const plain = judge(blocks, undefined, options.policies, options.now);
  const writers = new Map<Block, boolean>();
  for (const f of fixes) {
    if (f.declared.writerId === undefined || f.resource.kind !== "aurora-cluster") continue;
    for (const [id, block] of f.declared.members) writers.set(block, id === f.declared.writerId);
  }
  let withWriter: Map<string, Result[]> | undefined;
  const out = new Map<string, Recheck[]>();
  for (const f of fixes) {
    const list: Recheck[] = [];
    for (const rule of [...f.attempted].sort()) {
      const key = addressOf(f.declared.main);
      const got = worst(plain.get(key), rule);
      if (got === undefined) {
        list.push({ rule, status: "unknown", fixed: false, message: `the re-check did not judge ${f.resource.id} on ${rule} (its target no longer matches: tags, account or region?)` });
        continue;
      }
      // Rules judged on data a configuration cannot carry: a plan (change rules) or a capture time (PITR lag).
      const judgedFrom = options.rules(rule)?.judgedFrom;
      if (judgedFrom === "plan" && got.status === "not_applicable") {
        list.push({ rule, status: got.status, fixed: true, planNote: "the change is reverted in the code; only a new plan can judge a change rule again: run terraform plan on the fixed configuration and check that plan", message: got.message });
        continue;
      }
      if (judgedFrom === "live" && got.status === "unknown") {
        list.push({ rule, status: got.status, fixed: true, liveNote: `judged on live data only (${got.reason ?? got.message}): check the account again after applying`, message: got.message });
        continue;
      }
      if (got.status === "pass" || got.status === "not_applicable") {
        list.push({ rule, status: got.status, fixed: true, message: got.message });
        continue;
      }
      if (got.status === "unknown" && writers.size > 0) {
        withWriter ??= judge(blocks, writers, options.policies, options.now);
        const again = worst(withWriter.get(key), rule);
        if (again?.status === "pass") {
          list.push({
            rule,
            status: "pass",
            fixed: true,
            writerNote: `passes with ${f.declared.writerId} writing; Terraform configuration cannot record which instance writes, so a re-check of the code alone says: ${got.reason ?? got.message}`,
            message: again.message,
          });
          continue;
        }
      }
      list.push({ rule, status: got.status, fixed: false, message: got.status === "unknown" ? `unknown: ${got.reason ?? got.message}` : got.message });
    }
    out.set(f.resource.address, list);
  }
  return out;
}
