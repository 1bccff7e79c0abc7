// The HTTP handler of every scan client: the SDK's own NodeHttpHandler, with a deadline on the whole answer (headers and body) and a cap on the body's size.
import type { IncomingMessage } from "node:http";
import { Transform } from "node:stream";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpHandlerOptions } from "@smithy/types";

/** What one HTTP attempt may take. */
export interface HttpLimits {
  /** Until the TCP connection is up (the SDK's `connectionTimeout`; the SDK retries it like any network error). */
  readonly connectTimeoutMs: number;
  /** From sending the request to the last byte of the answer; not retried (a server that stalls would stall again). */
  readonly responseTimeoutMs: number;
  /** Bytes of one answer's body; a longer body fails the call (an AWS page is well under 2 MiB). */
  readonly maxResponseBytes: number;
}

/**
 * The answer did not end within the deadline: stalled after its headers, trickled, or never came.
 * Its name is not one the SDK retries (TimeoutError would be: up to every attempt again).
 */
export class ResponseTimeoutError extends Error {
  override readonly name = "ResponseTimeout";
}

/** The scan was stopped (nobody waits for it any more). Not retried. */
export class ScanStoppedError extends Error {
  override readonly name = "ScanStopped";
  constructor() {
    super("the scan was stopped before this call ended");
  }
}

/** The body went past the cap. Not retried. */
export class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLarge";
}

type Handled = Awaited<ReturnType<NodeHttpHandler["handle"]>>;
type Request = Parameters<NodeHttpHandler["handle"]>[0];

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** `8 MiB`, `64 KiB`, `300 bytes`. */
export function byteSize(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)} KiB`;
  return `${n} bytes`;
}

/**
 * The SDK's NodeHttpHandler bounded in time and size. The SDK's `requestTimeout` ends when the
 * headers arrive and its `socketTimeout` only catches silence, so a server that trickles a byte a
 * second, or streams forever, would hold the scan (and grow its memory) without these bounds.
 */
export class BoundedHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private readonly inner: NodeHttpHandler;

  /** `stop` aborts every call in flight and fails every later one (the scan was stopped). */
  constructor(
    private readonly limits: HttpLimits,
    private readonly stop?: AbortSignal,
  ) {
    this.inner = new NodeHttpHandler({ connectionTimeout: limits.connectTimeoutMs });
  }

  async handle(request: Request, options: HttpHandlerOptions = {}): Promise<Handled> {
    const { responseTimeoutMs, maxResponseBytes } = this.limits;
    if (this.stop?.aborted) throw new ScanStoppedError();
    const abort = new AbortController();
    const outer = options.abortSignal as AbortSignal | undefined;
    const onOuterAbort = () => abort.abort();
    if (outer?.aborted) abort.abort();
    outer?.addEventListener?.("abort", onOuterAbort, { once: true });

    let body: Transform | undefined;
    let fail!: (error: Error) => void;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => undefined);
    const giveUp = (error: Error) => {
      if (body !== undefined) body.destroy(error);
      fail(error);
      abort.abort();
    };
    const timer = setTimeout(
      () => giveUp(new ResponseTimeoutError(`no complete answer within ${seconds(responseTimeoutMs)} (the server stalled, trickled or never answered; HASPEC_AWS_RESPONSE_TIMEOUT_MS waits longer)`)),
      responseTimeoutMs,
    );
    const onStop = () => giveUp(new ScanStoppedError());
    this.stop?.addEventListener("abort", onStop, { once: true });
    const done = () => {
      clearTimeout(timer);
      outer?.removeEventListener?.("abort", onOuterAbort);
      this.stop?.removeEventListener("abort", onStop);
    };

    let handled: Handled;
    try {
      const sent = this.inner.handle(request, { ...options, abortSignal: abort.signal });
      sent.catch(() => undefined);
      handled = await Promise.race([sent, failed]);
    } catch (error) {
      done();
      throw error;
    }
    const { response } = handled;
    const source = response.body as IncomingMessage;
    const declared = Number(response.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxResponseBytes) {
      done();
      source.destroy();
      throw new ResponseTooLargeError(`the answer declares ${declared} bytes, more than the ${byteSize(maxResponseBytes)} a call may read (HASPEC_AWS_MAX_RESPONSE_BYTES raises it)`);
    }
    let bytes = 0;
    body = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        bytes += chunk.length;
        if (bytes > maxResponseBytes) {
          next(new ResponseTooLargeError(`the answer went past the ${byteSize(maxResponseBytes)} a call may read (HASPEC_AWS_MAX_RESPONSE_BYTES raises it)`));
          source.destroy();
          return;
        }
        next(null, chunk);
      },
    });
    body.once("close", done);
    body.once("error", () => source.destroy());
    source.once("error", (error) => body!.destroy(error));
    source.pipe(body);
    response.body = body;
    return { response };
  }

  updateHttpClientConfig(key: never, value: never): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs() {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}
