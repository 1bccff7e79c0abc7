// Text made safe and sized for a terminal cell grid: control characters escaped (printable), long text cut with an ellipsis or wrapped.
import { printable } from "../report/outside-text.js";

/** Length in terminal cells, counting each code point as one cell. */
export function cellLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The text cut to `width` cells, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if (cellLength(text) <= width) return text;
  return `${Array.from(text).slice(0, width - 1).join("")}…`;
}

/** Cut or padded with spaces on the right to exactly `width` cells. */
export function fitEnd(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + " ".repeat(Math.max(0, width - cellLength(cut)));
}

/** Cut or padded with spaces on the left to exactly `width` cells (numbers in columns). */
export function fitStart(text: string, width: number): string {
  const cut = truncate(text, width);
  return " ".repeat(Math.max(0, width - cellLength(cut))) + cut;
}

/**
 * Prose as lines of at most `width` cells: breaks at spaces, cuts words longer than a line, keeps
 * the text's own line breaks. Each line is made printable.
 */
export function wrapText(text: string, width: number): string[] {
  const size = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = "";
    for (const word of printable(paragraph).split(" ")) {
      let rest = word;
      while (cellLength(rest) > size) {
        if (line !== "") {
          lines.push(line);
          line = "";
        }
        const chars = Array.from(rest);
        lines.push(chars.slice(0, size).join(""));
        rest = chars.slice(size).join("");
      }
      if (line === "") line = rest;
      else if (cellLength(line) + 1 + cellLength(rest) <= size) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** A value as one line of compact JSON, so `"15"` and `15` differ; `(none)` when absent. */
export function valueText(value: unknown): string {
  if (value === undefined) return "(none)";
  return printable(JSON.stringify(value) ?? String(value));
}
