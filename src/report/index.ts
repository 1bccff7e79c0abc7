// The output formats, keyed by their `--format` name; each is a pure function of the evaluation, loaded on demand.
import type { ReportInput } from "../engine/result.js";
import { jsonEscapeInvisible } from "./outside-text.js";
import type { Style } from "./style.js";

export interface RenderContext {
  readonly style: Style;
}

/** Yields the report in order; callers write the pieces as they come (reports of large fleets are big). */
export type Renderer = (ev: ReportInput, ctx: RenderContext) => Iterable<string>;

/**
 * The JSON outputs keep every value exact but carry no raw control or bidi character: escaped as
 * `\uXXXX`, the same document to a parser, nothing for a terminal that prints it to act on.
 */
function* jsonWithoutInvisibles(chunks: Iterable<string>): Generator<string> {
  for (const chunk of chunks) yield jsonEscapeInvisible(chunk);
}

/**
 * Each format's renderer, imported only when that format is asked for: the XML, CSV and HTML
 * libraries stay off the start-up path of a plain text or JSON check.
 */
export const REPORTERS: Readonly<Record<string, () => Promise<Renderer>>> = {
  text: async () => {
    const { textChunks } = await import("./text.js");
    return (ev, ctx) => textChunks(ev, { style: ctx.style });
  },
  json: async () => {
    const { jsonChunks } = await import("./json.js");
    return (ev) => jsonWithoutInvisibles(jsonChunks(ev));
  },
  sarif: async () => {
    const { sarifChunks } = await import("./sarif.js");
    return (ev) => jsonWithoutInvisibles(sarifChunks(ev));
  },
  junit: async () => (await import("./junit.js")).junitChunks,
  markdown: async () => (await import("./markdown.js")).markdownChunks,
  html: async () => (await import("./html.js")).htmlChunks,
  csv: async () => (await import("./csv.js")).csvChunks,
};

