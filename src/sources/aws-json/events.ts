// RDS event subscriptions from describe-event-subscriptions.
import type { EventSubscription } from "../../model/inventory.js";
import { parseArn } from "./arn.js";
import { isRecord, plainString } from "./fields.js";

function stringList(x: unknown): string[] | undefined {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) && x.every((s) => typeof s === "string") ? (x as string[]) : undefined;
}

/** One EventSubscriptionsList entry; undefined (noted by the caller) when its name or switches are unreadable. */
export function readEventSubscription(raw: unknown): { key: string; item: EventSubscription } | undefined {
  if (!isRecord(raw)) return undefined;
  const name = plainString(raw, "CustSubscriptionId");
  const enabled = raw["Enabled"];
  const sourceIds = stringList(raw["SourceIdsList"]);
  const categories = stringList(raw["EventCategoriesList"]);
  const sourceType = raw["SourceType"];
  if (name === undefined || typeof enabled !== "boolean" || sourceIds === undefined || categories === undefined) return undefined;
  if (sourceType !== undefined && sourceType !== null && typeof sourceType !== "string") return undefined;
  const arn = plainString(raw, "EventSubscriptionArn");
  const parts = arn === undefined ? undefined : parseArn(arn);
  const account = parts?.account || plainString(raw, "CustomerAwsId");
  const region = parts?.region || undefined;
  const status = plainString(raw, "Status");
  const item: EventSubscription = {
    name,
    enabled,
    ...(status === undefined ? {} : { status }),
    sourceType: typeof sourceType === "string" && sourceType !== "" ? sourceType : null,
    sourceIds,
    categories: categories.map((c) => c.toLowerCase()),
    ...(region === undefined ? {} : { region }),
    ...(account === undefined ? {} : { account }),
    ...(arn === undefined ? {} : { address: arn }),
  };
  return { key: arn ?? `${account ?? ""}:${region ?? ""}:${name}`, item };
}
