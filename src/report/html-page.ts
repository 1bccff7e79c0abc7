// What every HTML page of haspec shares: the content security policy, the style sheet, and the escaping of values from outside.
import escapeHtml from "escape-html";
import { printable } from "./outside-text.js";

// The CSP forbids every fetch and every script even if an escaping bug let markup through.
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const CSS = `
:root{--fail:#b3261e;--pass:#1e7b34;--unknown:#8a5a00;--waived:#5b4bb7;--na:#5f6368;--line:#d0d7de}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:24px;color:#1f2328;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:24px 0 6px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{margin:0;white-space:pre-wrap;word-break:break-word}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px;white-space:nowrap;color:#fff}
.s-pass{background:var(--pass)}.s-fail{background:var(--fail)}.s-unknown{background:var(--unknown)}
.s-waived{background:var(--waived)}.s-not_applicable{background:var(--na)}
.expired{color:var(--fail);font-weight:700}
.muted{color:#57606a}
dl.scope{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
dl.scope dt{font-weight:600}dl.scope dd{margin:0}
.totals{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0}
.total{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:110px}
.total b{display:block;font-size:22px}
section.resource{border:1px solid var(--line);border-radius:6px;padding:4px 14px 8px;margin:14px 0}
@media print{section.resource{break-inside:avoid}}
`;

/** Escapes a value from outside for text and for double-quoted attribute values; controls and bidi overrides shown by printable. */
export function esc(value: unknown): string {
  return escapeHtml(printable(typeof value === "string" ? value : String(value)));
}

