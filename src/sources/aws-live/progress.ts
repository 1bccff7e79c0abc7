// Progress of a live scan on stderr (places done, calls made, the call it is waiting for), redrawn in place; only ever given a TTY by the CLI.

/** One call in flight, as the progress line names it. */
export interface CallInFlight {
  /** `rds`, `sts`, `route53`, `ec2`, `secretsmanager`. */
  readonly service: string;
  readonly operation: string;
  /** Empty for a global service. */
  readonly region: string;
}

export interface ProgressDisplay {
  readonly onEvent: (event: { readonly kind: "places"; readonly total: number } | { readonly kind: "place-done" }) => void;
  /** A call was sent. */
  tick(): void;
  /** A call started (retries included until it ends); call the returned function when it has ended. */
  started(call: CallInFlight): () => void;
  /** Ends the line. */
  finish(): void;
}

/** A call shows on the line once it has waited this long. */
export const WAIT_SHOWN_AFTER_MS = 2_000;

/**
 * Redraws at most every 100 ms, and every second while a call is slow:
 * `haspec: 3/7 regions and accounts scanned, 42 calls; waiting for rds DescribeDBClusters us-east-1 (12 s)`
 * (Route 53 counts once per account).
 */
export function progressDisplay(
  out: NodeJS.WritableStream,
  calls: () => ReadonlyMap<string, number>,
  now: () => number = Date.now,
  clock: { setInterval: typeof setInterval; clearInterval: typeof clearInterval } = globalThis,
): ProgressDisplay {
  let total = 0;
  let done = 0;
  let last = 0;
  let drawn = false;
  const inFlight = new Map<number, CallInFlight & { readonly since: number }>();
  let nextId = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const waiting = (): string => {
    const t = now();
    const slow = [...inFlight.values()].filter((c) => t - c.since >= WAIT_SHOWN_AFTER_MS).sort((a, b) => a.since - b.since);
    const oldest = slow[0];
    if (oldest === undefined) return "";
    const where = oldest.region === "" ? "" : ` ${oldest.region}`;
    const more = slow.length > 1 ? ` and ${slow.length - 1} more` : "";
    return `; waiting for ${oldest.service} ${oldest.operation}${where} (${Math.floor((t - oldest.since) / 1000)} s)${more}`;
  };
  const draw = (force = false) => {
    // A closed stream (the UI was quit) takes no more lines.
    if ((out as { destroyed?: boolean }).destroyed === true) return;
    const t = now();
    if (!force && t - last < 100) return;
    last = t;
    let n = 0;
    for (const c of calls().values()) n += c;
    out.write(`\r\u001b[2Khaspec: ${done}/${total} regions and accounts scanned, ${n} call${n === 1 ? "" : "s"}${waiting()}`);
    drawn = true;
  };
  const stopTimer = () => {
    if (timer !== undefined) clock.clearInterval(timer);
    timer = undefined;
  };
  return {
    onEvent(event) {
      if (event.kind === "places") total = event.total;
      else done++;
      draw(event.kind === "place-done" && done === total);
    },
    tick: () => draw(),
    started(call) {
      const id = nextId++;
      inFlight.set(id, { ...call, since: now() });
      if (timer === undefined) {
        // Redraws the waiting time while calls are out; never keeps the process alive.
        timer = clock.setInterval(() => draw(), 1_000);
        (timer as { unref?: () => void }).unref?.();
      }
      return () => {
        inFlight.delete(id);
        if (inFlight.size === 0) stopTimer();
      };
    },
    finish() {
      stopTimer();
      if (drawn && (out as { destroyed?: boolean }).destroyed !== true) out.write("\n");
      drawn = false;
    },
  };
}
