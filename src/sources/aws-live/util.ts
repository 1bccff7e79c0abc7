// Small helpers of the live scan: a bounded task pool, SDK output to plain JSON, and one-line error descriptions.

/** Runs `work` on every item with at most `limit` at a time; resolves with the results in input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * An SDK output item as the AWS CLI prints it: timestamps as ISO strings, no `$metadata`, no
 * undefined members. Keys keep the SDK's (API model) order. Converts in place (the SDK's outputs
 * are the scan's own) and returns the item.
 */
export function plain(x: unknown): unknown {
  if (x === null || typeof x !== "object") return x;
  if (x instanceof Date) return Number.isNaN(x.getTime()) ? null : x.toISOString();
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      if (v !== null && typeof v === "object") x[i] = plain(v);
    }
    return x;
  }
  const o = x as Record<string, unknown>;
  // for-in rather than Object.keys: no array of keys per object (deleting the current key is safe).
  for (const k in o) {
    const v = o[k];
    if (v === undefined || k === "$metadata") delete o[k];
    else if (v instanceof Date) o[k] = plain(v);
    else if (v !== null && typeof v === "object") plain(v);
  }
  return o;
}

/** `AccessDenied: User … is not authorized…` on one line, at most 300 characters. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const e = error as Error & { code?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.Code ?? (e.name !== "Error" ? e.name : undefined) ?? e.code ?? "Error";
  const status = e.$metadata?.httpStatusCode;
  // The SDK appends a hint about the raw response to errors it raises while reading an answer: not for the report.
  const message = e.message.replace(/Deserialization error: to see the raw response[\s\S]*$/, "").replace(/\s+/g, " ").trim();
  const text = `${name}${status === undefined ? "" : ` (HTTP ${status})`}${message === "" || message === name ? "" : `: ${message}`}`;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
