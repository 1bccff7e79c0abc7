// Screens as data: a line is styled segments; <Lines> renders each as exactly one terminal row, cut to the width.
import { Box, Text } from "ink";
import { createContext, useContext } from "react";
import { printable } from "../report/outside-text.js";
import { cellLength, truncate } from "./terminal-text.js";
import { COLOUR_THEME, type Role, type Theme } from "./theme.js";

export interface Segment {
  readonly text: string;
  readonly role?: Role;
}

export interface Line {
  readonly segments: readonly Segment[];
  /** The row under the cursor: shown in reverse video. */
  readonly selected?: boolean;
}

/** A line of segments; strings are unstyled segments. */
export function line(...parts: readonly (Segment | string)[]): Line {
  return { segments: parts.map((p) => (typeof p === "string" ? { text: p } : p)) };
}

export function seg(text: string, role?: Role): Segment {
  return role === undefined ? { text } : { text, role };
}

export const BLANK: Line = line("");

/** The segments cut to `width` cells in all, the last one cut ending in `…`; every text made printable. */
function fitLine(segments: readonly Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let room = width;
  const total = segments.reduce((n, s) => n + cellLength(printable(s.text)), 0);
  const cutting = total > width;
  for (const s of segments) {
    const text = printable(s.text);
    const length = cellLength(text);
    if (!cutting || length < room) {
      out.push({ ...s, text });
      room -= length;
      continue;
    }
    out.push({ ...s, text: truncate(`${text} `, room) });
    break;
  }
  return out;
}

export const ThemeContext = createContext<Theme>(COLOUR_THEME);

/** Lines as terminal rows: never wrapped (ink cuts any overflow too), never taller than the list. */
export function Lines({ lines, width }: { readonly lines: readonly Line[]; readonly width: number }) {
  const theme = useContext(ThemeContext);
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" inverse={l.selected === true}>
          {l.segments.length === 0 || l.segments.every((s) => s.text === "") ? " " : null}
          {fitLine(l.segments, width).map((s, j) => (
            <Text key={j} {...(s.role === undefined ? {} : theme[s.role])}>
              {s.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
