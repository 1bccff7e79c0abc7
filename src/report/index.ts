// The output formats, keyed by their `--format` name; each is a pure function of the evaluation.
import type { ReportInput } from "../engine/result.js";
import { csvChunks } from "./csv.js";
import { htmlChunks } from "./html.js";
import { jsonChunks } from "./json.js";
import { junitChunks } from "./junit.js";
import { markdownChunks } from "./markdown.js";
import { sarifChunks } from "./sarif.js";
import { textChunks } from "./text.js";
import type { Style } from "./style.js";

export interface RenderContext {
  readonly style: Style;
}

/** Yields the report in order; callers write the pieces as they come (reports of large fleets are big). */
export type Renderer = (ev: ReportInput, ctx: RenderContext) => Iterable<string>;

export const REPORTERS: Readonly<Record<string, Renderer>> = {
  text: (ev, ctx) => textChunks(ev, { style: ctx.style }),
  json: (ev) => jsonChunks(ev),
  sarif: (ev) => sarifChunks(ev),
  junit: (ev) => junitChunks(ev),
  markdown: (ev) => markdownChunks(ev),
  html: (ev) => htmlChunks(ev),
  csv: (ev) => csvChunks(ev),
};

export const FORMATS = Object.keys(REPORTERS);
