// Every page of a paginated AWS call: the SDK's paginators for Marker-style tokens, the start of the next page for Route 53 record sets; pagination that makes no progress or does not end fails the read.
import type { PaginationConfiguration } from "@smithy/types";
import { plain } from "./util.js";

/** Pages one call may read by default: 1000 pages of 100 clusters (or 300 records) is far beyond any account's quotas. */
export const MAX_PAGES = 1_000;

/** The error for a call whose pages keep coming. */
export function tooManyPages(maxPages: number): Error {
  return new Error(`the endpoint named a next page after ${maxPages} pages: its pagination does not end, so the read stops there`);
}

/** One of the SDK's paginators (`paginateDescribeDBClusters`, `paginateListHostedZones`…). */
export type Paginate<I, P> = (config: PaginationConfiguration, input: I) => AsyncIterable<P>;

/**
 * The items of every page an SDK paginator reads, in the AWS CLI's JSON form (plain()). The
 * paginator asks for each page with the previous page's `tokenOut` as `tokenIn`; a page that hands
 * back the token it was asked with would have it ask for that page forever, so the read fails
 * instead (what it would have read is then unknown).
 */
export async function itemsOfPages<I extends object, P extends object>(
  paginate: Paginate<I, P>,
  config: PaginationConfiguration,
  input: NoInfer<I>,
  tokens: { readonly in: keyof I & string; readonly out: keyof P & string },
  pick: (page: P) => readonly unknown[] | undefined,
  maxPages: number = MAX_PAGES,
): Promise<unknown[]> {
  let asked: unknown;
  let pages = 0;
  const withCommand: PaginationConfiguration["withCommand"] = (command) => {
    asked = (command.input as Record<string, unknown>)[tokens.in];
    return config.withCommand?.(command) ?? command;
  };
  const out: unknown[] = [];
  for await (const page of paginate({ ...config, withCommand }, input)) {
    const next = page[tokens.out];
    if (next && ++pages >= maxPages) throw tooManyPages(maxPages);
    if (next && next === asked) {
      throw new Error(`the page after ${tokens.in} ${JSON.stringify(asked)} came back with the same ${tokens.out}: the endpoint's pagination makes no progress`);
    }
    for (const item of pick(page) ?? []) out.push(plain(item));
  }
  return out;
}

/** Where a ListResourceRecordSets page says the next page starts. */
export interface RecordStart {
  readonly StartRecordName?: string;
  readonly StartRecordType?: string;
  readonly StartRecordIdentifier?: string;
}

/**
 * The start of the page after `page` (asked for from `start`). A truncated page that names no next
 * record, or names the one it started from, would have the pager read the same page forever: the
 * zone's read fails instead (its records are then unknown).
 */
export function nextRecordStart(
  page: { readonly NextRecordName?: string; readonly NextRecordType?: string; readonly NextRecordIdentifier?: string },
  start: RecordStart,
): RecordStart {
  const next: RecordStart = {
    ...(page.NextRecordName === undefined ? {} : { StartRecordName: page.NextRecordName }),
    ...(page.NextRecordType === undefined ? {} : { StartRecordType: page.NextRecordType }),
    ...(page.NextRecordIdentifier === undefined ? {} : { StartRecordIdentifier: page.NextRecordIdentifier }),
  };
  const same = next.StartRecordName === start.StartRecordName && next.StartRecordType === start.StartRecordType && next.StartRecordIdentifier === start.StartRecordIdentifier;
  if (next.StartRecordName === undefined || same) {
    throw new Error(
      `ListResourceRecordSets said more records follow (IsTruncated) but ${next.StartRecordName === undefined ? "named no next record" : `named the record it started from (${next.StartRecordName} ${next.StartRecordType ?? ""})`}: the endpoint's pagination makes no progress`,
    );
  }
  return next;
}
