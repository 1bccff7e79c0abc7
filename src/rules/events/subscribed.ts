// events.subscribed: enabled RDS event subscriptions cover the listed categories for the resource.
import { RDS19, RDS20, REL11_BP06 } from "../control-catalog.js";
import { listWords } from "../lib/instances.js";
import { placeLabel, samePlace, scopeCovers, type Match } from "../../facts/place.js";
import { covers, NEVER_DELIVERS, sourceTypeOf } from "../../facts/subscriptions.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import type { SubscribeEvents } from "../remedy.js";
import { defineRule } from "../types.js";

export const subscribed = defineRule<string[]>()({
  id: "events.subscribed",
  group: "events",
  title: "Enabled RDS event subscriptions cover the listed event categories",
  why:
    "Without a subscription nobody is told that the database failed over, failed or is under maintenance; " +
    "failovers go unnoticed until users complain, and their timing is never measured. For Aurora, failover events " +
    "are cluster events: subscribe with source type db-cluster (Aurora's db-instance events have no failover category). " +
    "A subscription whose status is no-permission, topic-not-exist or deleting delivers nothing and does not count.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["EventSubscriptionsList[].{Enabled,Status,SourceType,SourceIdsList,EventCategoriesList}"],
    terraform: ["aws_db_event_subscription.{enabled,source_type,source_ids,event_categories,sns_topic}"],
  },
  fixHint:
    "Add an aws_db_event_subscription with source_type = db-cluster (db-instance for a standalone instance), " +
    "source_ids = [the identifier], event_categories = the missing categories and sns_topic = an SNS topic ARN.",
  // FSBP RDS.19/RDS.20 require the "maintenance" and "failure" (and, for instances, "configuration
  // change") categories; they do not check "failover", which this rule may require.
  controls: [RDS19, RDS20, REL11_BP06],
  optionSchema: {
    type: "array",
    items: { type: "string", minLength: 1 },
    minItems: 1,
    uniqueItems: true,
  },
  example: ["failover"],
  messages: {
    notSubscribed:
      "no enabled {{sourceType}} event subscription covers {{missing}} for {{resource}}{{silentNote}}: " +
      'nobody is told when it happens; add an aws_db_event_subscription with source_type = "{{sourceType}}" and ' +
      "event_categories = [{{categories}}]",
    subscribed: "enabled {{sourceType}} event subscriptions cover {{required}} for {{resource}}",
  },
  check(resource, categories, ctx) {
    const subs = ctx.inventory.eventSubscriptions;
    if (!subs.known) return unknownVerdict(`the event subscriptions are unknown: ${subs.reason}`);
    const required = [...new Set(categories.map((c) => c.toLowerCase()))];
    const sourceType = sourceTypeOf(resource);
    const naming = ctx.facts.subscriptionsNaming(resource);
    const candidates = naming.known ? naming.value : [];

    const covered: string[] = [];
    const missing: string[] = [];
    const undecided: string[] = [];
    for (const category of required) {
      let best: Match = "no";
      for (const sub of candidates) {
        if (!covers(sub, resource, category)) continue;
        const place = samePlace(sub, resource);
        if (place === "yes") {
          best = "yes";
          break;
        }
        if (place === "maybe") best = "maybe";
      }
      if (best === "yes") covered.push(category);
      else if (best === "maybe") undecided.push(category);
      else missing.push(category);
    }

    // Subscriptions that would cover a missing category but cannot deliver: worth naming in the message.
    const silent = candidates.filter(
      (s) =>
        s.status !== undefined &&
        NEVER_DELIVERS.has(s.status.toLowerCase()) &&
        samePlace(s, resource) !== "no" &&
        missing.some((c) => covers({ ...s, status: "active" }, resource, c)),
    );
    // Evidence: the subscriptions of its place that name this resource (or every source). A fleet with one
    // subscription per cluster would otherwise list every other cluster's subscription on each resource.
    const evidence = [
      ...candidates
        .filter((s) => samePlace(s, resource) !== "no")
        .map((s) => ({
          field: `EventSubscriptionsList[${s.name}]`,
          // Whether the ids name this resource, not the ids themselves: one subscription may list thousands.
          value: {
            enabled: s.enabled,
            status: s.status ?? null,
            sourceType: s.sourceType,
            sourceIds: s.sourceIds.length === 0 ? "all" : "includes this resource",
            categories: s.categories,
          },
        })),
    ];
    const details = { expected: required, actual: covered, evidence };

    if (missing.length > 0 || undecided.length > 0) {
      const scope = scopeCovers(subs.value, resource);
      if (scope !== "yes") {
        return unknownVerdict(
          `the event subscriptions of ${placeLabel(resource)} were not read, so whether ${listWords([...missing, ...undecided])} ` +
            "is covered cannot be told",
          details,
        );
      }
    }
    if (missing.length > 0) {
      const silentNote =
        silent.length > 0
          ? ` (${listWords(silent.map((s) => `${s.name} is ${s.status}`))}: such subscriptions deliver nothing)`
          : "";
      const remedy: SubscribeEvents = {
        kind: "subscribe-events",
        sourceType,
        categories: missing,
        note: `a new aws_db_event_subscription for ${resource.id}, to an SNS topic that reaches the on-call team`,
        followUp: "subscribe the on-call team (email, chat or pager) to the SNS topic",
      };
      return fail(
        "notSubscribed",
        {
          sourceType,
          missing: listWords(missing),
          resource: resource.id,
          silentNote,
          categories: missing.map((c) => `"${c}"`).join(", "),
        },
        {
          ...details,
          diff: { attribute: "event_categories (subscribed)", from: `[${covered.join(", ")}]`, to: `[${required.join(", ")}]` },
          remedies: [remedy],
        },
      );
    }
    if (undecided.length > 0) {
      return unknownVerdict(
        `the subscriptions that would cover ${listWords(undecided)} name an account or region, and ${resource.id}'s is not in the data`,
        details,
      );
    }
    return pass("subscribed", { sourceType, required: listWords(required), resource: resource.id }, details);
  },
});
