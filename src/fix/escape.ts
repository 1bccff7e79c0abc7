// Escaping of outside values for the code a fix emits: Terraform strings, TypeScript literals and comments.

/** Terraform would read `${` and `%{` in any string as a template: double them to keep the text literal. */
function literalTemplate(text: string): string {
  // Replacement functions: in a replacement string `$$` would itself mean one `$`.
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** A quoted HCL string holding exactly `text`. */
export function hclString(text: string): string {
  let out = "";
  for (const ch of literalTemplate(text)) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** A TypeScript string literal whose value, once CDKTF writes it to Terraform JSON, means exactly `text`. */
export function tsTerraformString(text: string): string {
  return tsString(literalTemplate(text));
}

/** A TypeScript string literal holding exactly `text` (JSON escaping is valid TypeScript; U+2028/9 escaped too). */
export function tsString(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Text safe inside a one-line comment (`#` or `//`): no line breaks or control characters. */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}
