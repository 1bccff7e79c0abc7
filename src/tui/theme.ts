// The UI's semantic palette: roles (fail, unknown, pass, waived, dim, accent…) mapped to terminal styles; NO_COLOR keeps it monochrome.
import type { TextProps } from "ink";
import type { ResultStatus } from "../rules/types.js";
import type { Severity } from "../spec/policy.js";

export type Role = "fail" | "unknown" | "pass" | "waived" | "dim" | "accent" | "heading" | "key" | "error" | Severity;

export type RoleStyle = Pick<TextProps, "color" | "bold" | "dimColor" | "underline">;

export type Theme = Readonly<Record<Role, RoleStyle>>;

export const COLOUR_THEME: Theme = {
  fail: { color: "red" },
  unknown: { color: "yellow" },
  pass: { color: "green" },
  waived: { color: "cyan" },
  dim: { dimColor: true },
  accent: { color: "blue", bold: true },
  heading: { bold: true },
  key: { color: "cyan", bold: true },
  error: { color: "red", bold: true },
  critical: { color: "red", bold: true },
  high: { color: "red" },
  medium: { color: "yellow" },
  low: { dimColor: true },
};

/** No colour at all (https://no-color.org); weight and faintness still separate the roles. */
export const MONO_THEME: Theme = {
  fail: { bold: true },
  unknown: {},
  pass: {},
  waived: {},
  dim: { dimColor: true },
  accent: { bold: true },
  heading: { bold: true },
  key: { bold: true },
  error: { bold: true },
  critical: { bold: true },
  high: { bold: true },
  medium: {},
  low: { dimColor: true },
};

/** The colour theme, or the monochrome one when NO_COLOR is set to anything but the empty string. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== "" ? MONO_THEME : COLOUR_THEME;
}

/** The role a result status is shown in; not applicable is dim, never the pass colour. */
export function statusRole(status: ResultStatus): Role {
  return status === "not_applicable" ? "dim" : status;
}
