// Values from outside (identifiers, tags, record names, file names, messages that quote them) made safe to print in any text output.

/**
 * What a terminal, a CI log, a Markdown viewer or a spreadsheet would act on instead of showing:
 * C0/C1 controls and DEL (ESC sequences, OSC 52, BEL, NUL, CR, LF), format characters (bidi
 * overrides and isolates, zero-width marks, BOM, tag characters), line/paragraph separators, lone
 * surrogates, and the Hangul fillers that render as nothing.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e" };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.codePointAt(0)!;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * The text with every control or invisible formatting character shown as an escape (`\n`, `\e`,
 * `\x07`, `\u202e`), so nothing is acted on and nothing is silently lost. The one function every
 * human-readable output passes outside values through: the text, Markdown, CSV, JUnit and HTML
 * reports, SARIF messages, the fix's README, summary and code comments, the UI, the CLI's error
 * messages. Idempotent: its output is printable ASCII wherever it changed something.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

const ONE_UNSAFE = new RegExp(`^${UNSAFE.source}$`, "u");

/** Whether one character is one that printable shows as an escape (for escapers of other syntaxes: HCL, TypeScript). */
export function isUnprintable(char: string): boolean {
  return ONE_UNSAFE.test(char);
}

/** Beyond ASCII, what a JSON string may hold raw but a terminal would act on. C0 controls are escaped by JSON.stringify itself. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;

/**
 * JSON text (as JSON.stringify writes it) with the invisible and control characters inside its
 * strings written as `\uXXXX` escapes: the same document to a parser, value for value, but
 * nothing raw reaches a terminal that prints it. Structural whitespace is untouched.
 */
export function jsonEscapeInvisible(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => {
    let out = "";
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`;
    return out;
  });
}
