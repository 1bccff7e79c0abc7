// Parses .tf / .tfvars text with @cdktf/hcl2json (a Go/wasm module, loaded once, on first use) and maps syntax errors to file:line:column.
import { setFlagsFromString } from "node:v8";
import type { Problem } from "../../errors.js";

type Hcl2Json = { parse(filename: string, contents: string): Promise<Record<string, unknown>> };

let loading: Promise<Hcl2Json> | undefined;
/** Milliseconds the first load took (import + wasm start), for the benchmark and diagnostics. */
export let hcl2jsonLoadMs: number | undefined;

/** Loads hcl2json once; the wasm module starts compiling on import, so it is imported only when .tf input is read. */
export function loadHcl2Json(): Promise<Hcl2Json> {
  loading ??= (async () => {
    const started = performance.now();
    // hcl2json's Go runtime is one large wasm module: V8's optimizing tier recompiles it in the
    // background during the first batch of parses, which tripled a 500-file read (1.1 s vs 0.4 s).
    // The baseline compiler alone is fast enough for a one-shot CLI run. Only wasm is affected.
    try {
      setFlagsFromString("--liftoff-only");
    } catch {
      // An embedder that refuses the flag just gets the default tiering.
    }
    const mod = (await import("@cdktf/hcl2json")) as unknown as Hcl2Json & { default?: Hcl2Json };
    const api: Hcl2Json = typeof mod.parse === "function" ? mod : mod.default!;
    // The first call waits for the wasm instance; do it here so the load time is measured once.
    await api.parse("warmup.tf", "");
    hcl2jsonLoadMs = performance.now() - started;
    return api;
  })();
  return loading;
}

/** A file's syntax errors, as the parser reports them. */
export class HclSyntaxError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join("; "));
    this.name = "HclSyntaxError";
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Splits hcl2json's error text (`parse config: [f.tf:2,7-3,1: Summary; Detail. f.tf:4,1-2: …]`)
 * into problems. `name` is the file name the parser was given.
 */
export function syntaxProblems(message: string, name: string, displayFile: string): Problem[] {
  const body = message.replace(/^parse config:\s*\[/, "").replace(/\]\s*$/, "");
  const re = new RegExp(`${escapeRegExp(name)}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, "g");
  const marks = [...body.matchAll(re)];
  if (marks.length === 0) return [{ file: displayFile, message: body.trim() || "HCL syntax error" }];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  marks.forEach((m, i) => {
    const text = body.slice(m.index! + m[0].length, marks[i + 1]?.index ?? body.length).trim();
    const [summary, ...rest] = text.split("; ");
    const detail = rest.join("; ").trim();
    const key = `${m[1]}:${m[2]}:${summary}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({
      file: displayFile,
      line: Number(m[1]),
      column: Number(m[2]),
      message: `${summary ?? "syntax error"}${detail ? `: ${detail}` : ""}`,
      hint: "fix the HCL syntax (terraform validate shows the same error)",
    });
  });
  return problems;
}

/** Parses one file's text; throws HclSyntaxError with every problem the parser found. */
export async function parseHcl(text: string, displayFile: string): Promise<Record<string, unknown>> {
  const api = await loadHcl2Json();
  // The parser names files in its messages; a plain name keeps them easy to split.
  const name = "input.tf";
  try {
    return await api.parse(name, text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new HclSyntaxError(syntaxProblems(message, name, displayFile));
  }
}
