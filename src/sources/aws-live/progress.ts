// Progress of a live scan on stderr (places done, calls made), redrawn in place; only ever given a TTY by the CLI.

export interface ProgressDisplay {
  readonly onEvent: (event: { readonly kind: "places"; readonly total: number } | { readonly kind: "place-done" }) => void;
  /** A call was sent. */
  tick(): void;
  /** Ends the line. */
  finish(): void;
}

/** Redraws at most every 100 ms: `haspec: 3/7 regions and accounts scanned, 42 calls` (Route 53 counts once per account). */
export function progressDisplay(out: NodeJS.WritableStream, calls: () => ReadonlyMap<string, number>, now: () => number = Date.now): ProgressDisplay {
  let total = 0;
  let done = 0;
  let last = 0;
  let drawn = false;
  const draw = (force = false) => {
    const t = now();
    if (!force && t - last < 100) return;
    last = t;
    let n = 0;
    for (const c of calls().values()) n += c;
    out.write(`\r\u001b[2Khaspec: ${done}/${total} regions and accounts scanned, ${n} call${n === 1 ? "" : "s"}`);
    drawn = true;
  };
  return {
    onEvent(event) {
      if (event.kind === "places") total = event.total;
      else done++;
      draw(event.kind === "place-done" && done === total);
    },
    tick: () => draw(),
    finish() {
      if (drawn) out.write("\n");
      drawn = false;
    },
  };
}
