// Escaping of outside values for the code a fix emits: Terraform strings, TypeScript literals and comments.
import { isUnprintable, printable } from "../report/outside-text.js";

/** Terraform would read `${` and `%{` in any string as a template: double them to keep the text literal. */
function literalTemplate(text: string): string {
  // Replacement functions: in a replacement string `$$` would itself mean one `$`.
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** Lone surrogates have no UTF-8 form and no HCL escape: they stay as they are (written as U+FFFD). */
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/**
 * A quoted HCL string holding exactly `text`. Controls and invisible characters (bidi overrides,
 * zero-width marks) are written as `\uNNNN` / `\UNNNNNNNN` escapes: the same value to
 * Terraform, nothing that reorders or hides code in an editor or a diff.
 */
export function hclString(text: string): string {
  let out = "";
  for (const ch of literalTemplate(text)) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (isUnprintable(ch) && !isSurrogate(code)) out += code > 0xffff ? `\\U${code.toString(16).padStart(8, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** A TypeScript string literal whose value, once CDKTF writes it to Terraform JSON, means exactly `text`. */
export function tsTerraformString(text: string): string {
  return tsString(literalTemplate(text));
}

/**
 * A TypeScript string literal holding exactly `text`: JSON escaping (valid TypeScript), and the
 * controls and invisible characters JSON leaves raw (C1, bidi overrides, U+2028/9) as escapes too.
 */
export function tsString(text: string): string {
  let out = "";
  for (const ch of JSON.stringify(text)) {
    const code = ch.codePointAt(0)!;
    out += isUnprintable(ch) ? (code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`) : ch;
  }
  return out;
}

/**
 * Text safe inside a one-line comment (`#` or `//`): line breaks, controls and bidi overrides shown
 * as escapes by printable, so a comment can neither end early nor reorder the code beside it.
 */
export function commentText(text: string): string {
  return printable(text).trim();
}
