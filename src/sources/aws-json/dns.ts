// Route 53 records from list-resource-record-sets (zone named by the file name when it is given).
import type { DnsRecord } from "../../model/inventory.js";
import type { SourceLocation } from "../../model/resource.js";
import { isRecord, plainString } from "./fields.js";

/** One ResourceRecordSets entry; undefined when it has no Name or Type. Alias records have no TTL. */
export function readDnsRecord(raw: unknown, zone: string | undefined, location: SourceLocation): { key: string; item: DnsRecord } | undefined {
  if (!isRecord(raw)) return undefined;
  const name = plainString(raw, "Name");
  const type = plainString(raw, "Type");
  if (name === undefined || type === undefined) return undefined;
  const ttl = raw["TTL"];
  const records = raw["ResourceRecords"];
  const values: string[] = [];
  if (Array.isArray(records)) {
    for (const r of records) {
      const value = isRecord(r) ? r["Value"] : undefined;
      if (typeof value === "string") values.push(value);
    }
  }
  const item: DnsRecord = {
    name,
    type,
    ...(typeof ttl === "number" && Number.isFinite(ttl) ? { ttl } : {}),
    values,
    ...(zone === undefined ? {} : { zone }),
    location,
  };
  const setId = plainString(raw, "SetIdentifier");
  // The content is part of the key: a name can hold different records in zones the data does not
  // tell apart (a private and a public zone saved without the zone in the file name). Only a record
  // read twice (overlapping pages, the same file copied) collapses.
  const content = `${item.ttl ?? ""}\u0000${values.join("\u0001")}`;
  return { key: `${zone ?? ""}\u0000${name}\u0000${type}\u0000${setId ?? ""}\u0000${content}`, item };
}

/** `/hostedzone/Z123` → `Z123`: Route 53 returns zone ids with the prefix; record-set file names and the bundle use them without. */
export function stripZonePrefix(id: string): string {
  return id.replace(/^\/?hostedzone\//i, "");
}
