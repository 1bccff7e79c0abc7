// The output formats, keyed by their `--format` name; each is a pure function of the evaluation.
import type { Evaluation } from "../engine/result.js";
import { renderJson } from "./json.js";
import { renderText } from "./text.js";
import type { Style } from "./style.js";

export interface RenderContext {
  readonly style: Style;
}

export type Renderer = (ev: Evaluation, ctx: RenderContext) => string;

export const REPORTERS: Readonly<Record<string, Renderer>> = {
  text: (ev, ctx) => renderText(ev, { style: ctx.style }),
  json: (ev) => renderJson(ev),
};

export const FORMATS = Object.keys(REPORTERS);
