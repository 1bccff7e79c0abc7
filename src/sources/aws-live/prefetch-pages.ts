// Marker pagination that asks for the next page as soon as the current page's marker is seen in its raw body, so reading one page overlaps with fetching the next.
import type { HttpResponse, MiddlewareStack } from "@smithy/types";
import { operationOf } from "./read-only.js";

/** How far into each end of a body the marker is looked for. */
const EDGE_BYTES = 4096;

/** A marker as AWS writes it: an opaque token, no markup, entities or spaces (anything else waits for the parsed page). */
const PLAIN_TOKEN = /^[^<&\s]+$/;

/**
 * The `<Marker>` of a Query-protocol body, when it is the first or the last child of the
 * `<Action>Result` element (RDS writes it first, moto's older templates last); undefined when it is not found there
 * or is not a plain token. A guess: the pager checks it against the parsed page.
 */
export function markerInBody(bytes: Uint8Array, resultElement: string): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buffer.toString("utf8", 0, Math.min(buffer.length, EDGE_BYTES));
  const open = `<${resultElement}>`;
  const at = head.indexOf(open);
  if (at >= 0) {
    const first = /^\s*<Marker>([^<]*)<\/Marker>/.exec(head.slice(at + open.length));
    if (first !== null) return PLAIN_TOKEN.test(first[1]!) ? first[1] : undefined;
  }
  const tail = buffer.toString("utf8", Math.max(0, buffer.length - EDGE_BYTES));
  const close = tail.lastIndexOf(`</${resultElement}>`);
  if (close < 0) return undefined;
  const before = tail.slice(0, close).trimEnd();
  if (!before.endsWith("</Marker>")) return undefined;
  const start = before.lastIndexOf("<Marker>");
  if (start < 0) return undefined;
  const token = before.slice(start + "<Marker>".length, before.length - "</Marker>".length);
  return PLAIN_TOKEN.test(token) ? token : undefined;
}

async function collectBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Adds to one command a middleware that sits between the HTTP handler and the deserializer: on a
 * 2xx response it reads the body, hands the marker it finds to `onMarker`, and lets the event loop
 * turn once (so the next page's request goes out) before the deserializer reads the body.
 */
export function announceMarker(stack: MiddlewareStack<any, any>, onMarker: (marker: string) => void): void {
  stack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const response = out.response as HttpResponse;
      if (response.statusCode >= 200 && response.statusCode < 300 && response.body !== undefined) {
        const bytes = await collectBody(response.body);
        response.body = bytes;
        const marker = markerInBody(bytes, `${operationOf(context.commandName)}Result`);
        if (marker !== undefined) {
          onMarker(marker);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      return out;
    },
    // Below the deserializer (priority "normal"): this sees the raw response.
    { step: "deserialize", priority: "low", name: "haspecAnnounceMarker" },
  );
}

/** Sends the request for the page after `marker` (undefined: the first); calls `onMarker` if the next marker is known before the page is read. */
export type PageSender<P> = (marker: string | undefined, onMarker: (marker: string) => void) => Promise<P>;

interface PendingPage<P> {
  /** The marker the page was asked for with (undefined: the first page). */
  readonly marker: string | undefined;
  readonly page: Promise<P>;
  /** The marker seen in the raw body, or undefined once the page settled without one. */
  readonly early: Promise<string | undefined>;
}

function request<P>(send: PageSender<P>, marker: string | undefined): PendingPage<P> {
  let announce: (marker: string | undefined) => void = () => {};
  const early = new Promise<string | undefined>((resolve) => (announce = resolve));
  const page = send(marker, (m) => announce(m));
  // This handler also keeps the failure of a page asked for ahead and then dropped from being an unhandled rejection.
  page.then(
    () => announce(undefined),
    () => announce(undefined),
  );
  return { marker, page, early };
}

/**
 * Every page of a Marker-paginated operation, in order, the same pages the SDK's paginator would
 * read. The request for page n+1 is sent as soon as page n's marker is seen in its body, while page
 * n is still being read. A guessed marker that differs from the parsed one (never seen with AWS,
 * moto or the test server) costs one discarded request; the right page is then asked for.
 */
export async function* prefetchingPages<P extends { Marker?: string | undefined }>(send: PageSender<P>): AsyncGenerator<P> {
  let current: PendingPage<P> = request(send, undefined);
  for (;;) {
    const guess = await current.early;
    let following = guess === undefined ? undefined : request(send, guess);
    const page = await current.page;
    const marker = page.Marker;
    if (marker && marker === current.marker) {
      // An endpoint that echoes the marker back would be read forever; the read fails instead (its data is unknown).
      throw new Error(`the page after Marker ${JSON.stringify(marker)} came back with the same Marker: the endpoint's pagination makes no progress`);
    }
    if (marker !== guess) following = undefined; // dropped unread
    // The SDK's paginators stop at an absent or empty marker.
    if (following === undefined && marker) following = request(send, marker);
    yield page;
    if (following === undefined) return;
    current = following;
  }
}
