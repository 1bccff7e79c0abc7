// A stream the live scan's progress display can write to while the UI is open: it keeps the latest line for the loading screen, and closes when the UI quits (which stops the scan).
import { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";

export interface ProgressFeed {
  /** Give this to the scan as its progress stream. */
  readonly stream: NodeJS.WritableStream;
  /** The latest progress line, without the redraw escapes. */
  latest(): string | undefined;
  /** Calls `listener` with each new line; returns the unsubscribe function. */
  subscribe(listener: (line: string) => void): () => void;
  /** Nobody waits for the scan any more (the UI was quit while loading): closes the stream, which stops the live scan. */
  cancel(): void;
}

export function progressFeed(): ProgressFeed {
  let latest: string | undefined;
  const listeners = new Set<(line: string) => void>();
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, done) {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
      const lines = text
        .split(/[\r\n]/)
        .map((l) => stripVTControlCharacters(l).trim())
        .filter((l) => l !== "");
      const last = lines.at(-1);
      if (last !== undefined && last !== latest) {
        latest = last;
        for (const listener of listeners) listener(last);
      }
      done();
    },
  });
  return {
    stream,
    latest: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel() {
      listeners.clear();
      stream.destroy();
    },
  };
}
