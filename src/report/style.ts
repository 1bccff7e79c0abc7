// Terminal colours for the text report: a semantic palette, switched off by NO_COLOR or a non-TTY.

export interface Style {
  fail(s: string): string;
  unknown(s: string): string;
  waived(s: string): string;
  pass(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const COLOR: Style = {
  fail: wrap(31, 39),
  unknown: wrap(33, 39),
  waived: wrap(36, 39),
  pass: wrap(32, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const id = (s: string) => s;
export const PLAIN: Style = { fail: id, unknown: id, waived: id, pass: id, dim: id, bold: id };

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function chooseStyle(isTTY: boolean, env: NodeJS.ProcessEnv): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return PLAIN;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return COLOR;
  return isTTY ? COLOR : PLAIN;
}
