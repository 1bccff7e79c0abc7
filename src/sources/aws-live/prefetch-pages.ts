// Marker pagination that asks for the next page as soon as the current page's marker is seen in its raw body, so reading pages overlaps with fetching the next ones; bodies are read one per event-loop turn so arrivals are not kept waiting.
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

/** Bodies waiting for their turn to be read, first come first served. */
const waitingToRead: (() => void)[] = [];

function letOneRead(): void {
  waitingToRead.shift()?.();
  if (waitingToRead.length > 0) setImmediate(letOneRead);
}

/**
 * Resolves on a later turn of the event loop, for one waiting body per turn: the deserializer
 * then reads that body before the turn ends. Were all the pages that arrived together read in one
 * turn, the responses arriving meanwhile (and so the next request of every other chain) would
 * wait for all of them.
 */
export function readingTurn(): Promise<void> {
  return new Promise((resolve) => {
    waitingToRead.push(resolve);
    if (waitingToRead.length === 1) setImmediate(letOneRead);
  });
}

/**
 * Adds to one command a middleware that sits between the HTTP handler and the deserializer: on a
 * 2xx response it reads the body, hands the marker it finds to `onMarker`, and waits for its
 * reading turn (so the next page's request goes out first) before the deserializer reads the body.
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
        if (marker !== undefined) onMarker(marker);
        await readingTurn();
      }
      return out;
    },
    // Below the deserializer (priority "normal"): this sees the raw response.
    { step: "deserialize", priority: "low", name: "haspecAnnounceMarker" },
  );
}

/** Sends the request for the page after `marker` (undefined: the first); calls `onMarker` if the next marker is known before the page is read. */
export type PageSender<P> = (marker: string | undefined, onMarker: (marker: string) => void) => Promise<P>;

/** How many pages past the one being read may be asked for: the pages in between wait, parsed, in memory. */
export const MAX_PAGES_AHEAD = 8;

interface PendingPage<P> {
  /** The marker the page was asked for with (undefined: the first page). */
  readonly marker: string | undefined;
  readonly page: Promise<P>;
  /** The marker seen in the raw body, or undefined once the page settled without one. */
  readonly early: Promise<string | undefined>;
  /** The page asked for with the early marker, once it is. */
  next?: PendingPage<P>;
  /** Set when the guess that led here turned out wrong, or the reader stopped: nothing more is asked for from here. */
  dropped: boolean;
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
  return { marker, page, early, dropped: false };
}

/** Marks `from` and every page asked for after it as dropped. */
function drop<P>(from: PendingPage<P> | undefined): void {
  for (let p = from; p !== undefined; p = p.next) p.dropped = true;
}

/**
 * Every page of a Marker-paginated operation, in order, the same pages the SDK's paginator would
 * read. The request for page n+1 is sent as soon as page n's marker is seen in its body, however
 * far the reader is behind (up to MAX_PAGES_AHEAD pages): while the reader waits for the pages to
 * be parsed, the chain of requests keeps going at the pace of the network. A guessed marker that
 * differs from the parsed one (never seen with AWS, moto or the test server) costs the requests
 * made from it, which are dropped; the right page is then asked for.
 */
export async function* prefetchingPages<P extends { Marker?: string | undefined }>(send: PageSender<P>): AsyncGenerator<P> {
  let reading = 0; // index of the page being read
  let parked: (() => void) | undefined; // the request that waits for the reader to catch up
  const follow = (p: PendingPage<P>, index: number): void => {
    void p.early.then((guess) => {
      // A marker echoed back is not followed: reading the page then fails (below).
      if (guess === undefined || guess === p.marker || p.dropped) return;
      const ask = () => {
        parked = undefined;
        if (p.dropped) return;
        p.next = request(send, guess);
        follow(p.next, index + 1);
      };
      if (index + 1 - reading <= MAX_PAGES_AHEAD) ask();
      else parked = ask;
    });
  };

  let current = request(send, undefined);
  follow(current, 0);
  try {
    for (;;) {
      const page = await current.page;
      const marker = page.Marker;
      if (marker && marker === current.marker) {
        // An endpoint that echoes the marker back would be read forever; the read fails instead (its data is unknown).
        throw new Error(`the page after Marker ${JSON.stringify(marker)} came back with the same Marker: the endpoint's pagination makes no progress`);
      }
      await current.early; // settled with the page; `follow` has now asked for the next page if a marker was seen early
      let following = current.next;
      if (following !== undefined && following.marker !== marker) {
        drop(following); // asked for with a wrong guess: dropped unread
        following = undefined;
      }
      // The SDK's paginators stop at an absent or empty marker.
      if (following === undefined && marker) {
        following = current.next = request(send, marker);
        follow(following, reading + 1);
      }
      yield page;
      if (following === undefined) return;
      current = following;
      reading++;
      parked?.();
    }
  } finally {
    drop(current.next); // the reader stopped early: ask for nothing more
  }
}
