// failover.max_tier: some Aurora reader has a promotion tier at or below N (a high failover priority).
import { ISO_A_8_14, REL11_BP02 } from "../control-catalog.js";
import { NO_READER_MESSAGES, noReaderVerdict } from "../lib/failover-target.js";
import { judgeOverWriters } from "../lib/topology.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute } from "../remedy.js";
import { defineRule } from "../types.js";

export const maxTier = defineRule<number>()({
  id: "failover.max_tier",
  group: "failover",
  title: "Some reader has a promotion tier of N or lower",
  why:
    "Aurora promotes the reader in the lowest promotion tier (0 first, 15 last). A reader meant to take over " +
    "should be in a low tier; Serverless v2 readers in tiers 0 and 1 also scale with the writer, while readers in " +
    "tiers 2 to 15 scale on their own and may sit at low capacity when promoted. Defaults differ by layer: the " +
    "API and console put a new instance in tier 1, Terraform's aws_rds_cluster_instance.promotion_tier defaults " +
    "to 0. Only Aurora has promotion tiers.",
  appliesTo: ["aurora-cluster"],
  inspects: {
    api: ["DBCluster.DBClusterMembers[].PromotionTier", "DBCluster.DBClusterMembers[].IsClusterWriter"],
    terraform: ["aws_rds_cluster_instance.promotion_tier"],
  },
  fixHint: "Set promotion_tier on the aws_rds_cluster_instance of the reader meant to take over to the policy's value or lower (0–15).",
  controls: [REL11_BP02, ISO_A_8_14],
  optionSchema: { type: "integer", minimum: 0, maximum: 15 },
  example: 1,
  messages: {
    ...NO_READER_MESSAGES,
    withinTier: "{{readers}}: at or below the policy's maximum tier {{maximum}}",
    tierTooHigh:
      "the best promotion tier among readers is {{tier}}; the policy needs {{maximum}} or lower: " +
      "no reader has the failover priority the policy asks for; set promotion_tier = {{maximum}} on {{instance}}",
  },
  check(resource, maximum, ctx) {
    return judgeOverWriters(ctx.facts.of(resource), (t) => {
      if (t.readers.length === 0) return noReaderVerdict(resource, { expected: maximum });
      const knownTiers = t.readers.flatMap((r) => (r.promotionTier.known ? [r.promotionTier.value] : []));
      const best = knownTiers.length > 0 ? knownTiers.reduce((a, b) => Math.min(a, b)) : null;
      const details = {
        expected: maximum,
        actual: best,
        evidence: t.readers.map((r) => ({
          field: `DBClusterMembers[${r.id}].PromotionTier`,
          value: r.promotionTier.known ? r.promotionTier.value : null,
        })),
      };
      const within = t.readers.filter((r) => r.promotionTier.known && r.promotionTier.value <= maximum);
      if (within.length > 0) {
        // Each reader with its own tier: the best tier is not every qualifying reader's.
        const readers = within.map((r) => `${r.id} (tier ${r.promotionTier.known ? r.promotionTier.value : "?"})`).join(", ");
        return pass("withinTier", { readers, maximum }, details);
      }
      const unknownTier = t.readers.filter((r) => !r.promotionTier.known);
      if (unknownTier.length > 0) {
        return unknownVerdict(
          `the promotion tier of ${unknownTier
            .map((r) => `${r.id} is unknown (${r.promotionTier.known ? "" : r.promotionTier.reason})`)
            .join("; ")}`,
          details,
        );
      }
      // Lowering the tier of the reader Aurora already prefers changes the least.
      const target = t.failover.certain[0] ?? t.readers[0]!;
      const from = target.promotionTier.known ? target.promotionTier.value : null;
      return fail(
        "tierTooHigh",
        { tier: best, maximum, instance: target.id },
        {
          ...details,
          diff: { attribute: "promotion_tier", from: String(from), to: String(maximum) },
          remedies: [
            {
              kind: "change-topology",
              set: [setAttribute({ attribute: "promotion_tier", from, to: maximum, resourceType: "aws_rds_cluster_instance", instance: target.id, bound: "ceiling" })],
            },
          ],
        },
      );
    });
  },
});
