// The lines around every screen: the key hints footer, the filter prompt, the status line, the help and loading screens.
import type { Filters } from "./filters.js";
import { HELP } from "./keys.js";
import { BLANK, line, seg, type Line, type Segment } from "./lines.js";
import type { Screen, Status } from "./state.js";
import { LEGEND } from "./symbols.js";
import { printable } from "../report/outside-text.js";
import { cellLength, fitEnd, wrapText } from "./terminal-text.js";

interface Hint {
  readonly key: string;
  readonly does: string;
}

/** Keys of the two list screens; the resource screen adds `esc` after `⏎`. */
const LIST_HINTS: readonly Hint[] = [
  { key: "↑↓", does: "move" },
  { key: "⏎", does: "open" },
  { key: "/", does: "filter" },
  { key: "s", does: "severity" },
  { key: "u", does: "unknowns" },
  { key: "w", does: "waived" },
  { key: "r", does: "recovery" },
  { key: "f", does: "fix" },
  { key: "F", does: "fix all" },
  { key: "e", does: "export" },
  { key: "?", does: "help" },
  { key: "q", does: "quit" },
];

const HINTS: Readonly<Record<Screen, readonly Hint[]>> = {
  overview: LIST_HINTS,
  resource: [...LIST_HINTS.slice(0, 2), { key: "esc", does: "back" }, ...LIST_HINTS.slice(2)],
  result: [
    { key: "↑↓", does: "scroll" },
    { key: "esc", does: "back" },
    { key: "f", does: "fix" },
    { key: "F", does: "fix all" },
    { key: "e", does: "export" },
    { key: "?", does: "help" },
    { key: "q", does: "quit" },
  ],
  scenarios: [
    { key: "↑↓", does: "scroll" },
    { key: "esc", does: "back" },
    { key: "?", does: "help" },
    { key: "q", does: "quit" },
  ],
};

const hintSize = (h: Hint) => cellLength(h.key) + 1 + cellLength(h.does) + 2;

/** Greedy packing into lines of `width`; returns the lines and whether every hint found a place in two. */
function pack(hints: readonly Hint[], width: number): { lines: Line[]; complete: boolean } {
  const lines: Segment[][] = [[]];
  let used = 0;
  for (const h of hints) {
    // The last hint's two trailing spaces may fall off the edge.
    if (used + hintSize(h) > width + 2) {
      if (lines.length === 2) return { lines: lines.map((segments) => ({ segments })), complete: false };
      lines.push([]);
      used = 0;
    }
    lines.at(-1)!.push(seg(h.key, "key"), seg(` ${h.does}  `, "dim"));
    used += hintSize(h);
  }
  return { lines: lines.map((segments) => ({ segments })), complete: true };
}

/** Hints in at most two lines; when they do not all fit, `? help` and `q quit` go first so they stay. */
function packHints(hints: readonly Hint[], width: number): Line[] {
  const essential = hints.filter((h) => h.key === "?" || h.key === "q");
  const rest = hints.filter((h) => !essential.includes(h));
  const natural = pack([...rest, ...essential], width);
  return natural.complete ? natural.lines : pack([...essential, ...rest], width).lines;
}

/** The footer: the filter prompt while typing, the help's way out, or the screen's keys. */
export function footerLines(screen: Screen, filters: Filters, editing: boolean, help: boolean, width: number): Line[] {
  if (help) return [line(seg("any key", "key"), seg(" closes the help", "dim"))];
  if (editing) {
    return [line(seg("/", "key"), seg(printable(filters.text)), seg("▌", "accent"), seg("   ⏎ keep  esc cancel  ⌫ erase  ↑↓ move", "dim"))];
  }
  return packHints(HINTS[screen], width);
}

export function statusLine(status: Status | undefined): Line {
  if (status === undefined) return BLANK;
  return line(seg(status.text, status.tone === "error" ? "error" : "accent"));
}

export function helpLines(width: number): Line[] {
  const keyWidth = 12;
  const lines: Line[] = [line(seg("haspec", "accent"), seg(" keys", "heading"))];
  for (const h of HELP) {
    wrapText(h.does, width - keyWidth - 2).forEach((text, i) => lines.push(line(seg(`  ${fitEnd(i === 0 ? h.keys : "", keyWidth)}`, "key"), seg(text))));
  }
  lines.push(BLANK, line(seg("Symbols", "heading")));
  let current: Segment[] = [seg("  ")];
  let used = 2;
  for (const l of LEGEND) {
    const size = cellLength(l.symbol) + 1 + cellLength(l.means) + 3;
    if (used + size > width && used > 2) {
      lines.push({ segments: current });
      current = [seg("  ")];
      used = 2;
    }
    current.push(seg(l.symbol, l.role), seg(` ${l.means}   `));
    used += size;
  }
  lines.push({ segments: current });
  return lines;
}

export function loadingLines(progress: string | undefined): Line[] {
  return [line(seg("haspec", "accent"), seg(" reading the inputs and judging them…", "dim")), ...(progress ? [line(seg(progress, "dim"))] : [])];
}
