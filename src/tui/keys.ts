// The key map: what each key press means on the current screen (a state change, or an effect such as quit or export).
import type { Key } from "ink";
import type { Action, UiState } from "./state.js";

/** What the container does outside the state: leave, write a fix, write the view. */
export type Effect = "quit" | "export" | "fix" | "fixAll";

export type Intent = { readonly action: Action } | { readonly effect: Effect };

export interface KeyContext {
  readonly state: UiState;
  /** Positions in the current screen's list (lines it can scroll to, on the result screen). */
  readonly count: number;
  /** Rows per page of the current screen. */
  readonly page: number;
  /** The overview row under the cursor. */
  readonly selectedAddress: string | undefined;
  /** The resource screen's result under the cursor (its index in the evaluation). */
  readonly selectedResult: number | undefined;
}

/** One row of the help screen and the footer: the keys, and what they do. */
export interface KeyHelp {
  readonly keys: string;
  readonly does: string;
}

export const HELP: readonly KeyHelp[] = [
  { keys: "↑ ↓  j k", does: "move (PgUp PgDn / space: a page; g G / Home End: first, last)" },
  { keys: "Enter → l", does: "open the resource, then the result" },
  { keys: "Esc ← h", does: "back; on the overview, clear the text filter" },
  { keys: "/", does: "filter by text (Enter keeps it, Esc restores the previous one)" },
  { keys: "s", does: "severity filter: all, critical, high and up, medium and up" },
  { keys: "u", does: "show or hide unknown results" },
  { keys: "w", does: "show or hide waived results" },
  { keys: "r", does: "recovery: what happens to the resource when its writer, its AZ or its region fails, and the chain behind each RTO and RPO" },
  { keys: "f", does: "write the fix for the selected resource to ./haspec-fix/" },
  { keys: "F", does: "write the fix for every resource to ./haspec-fix/" },
  { keys: "e", does: "export the current view to ./haspec-view.json and ./haspec-view.md" },
  { keys: "?", does: "this help (any key closes it)" },
  { keys: "q", does: "quit; the exit code is the same as without the UI" },
];

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

const CONTROL_KEYS: Readonly<Record<string, Partial<Key>>> = {
  "\r": { return: true },
  "\n": { return: true },
  "\u007f": { backspace: true },
  "\b": { backspace: true },
  "\t": { tab: true },
};

/**
 * One input event as the key presses it holds. Keys typed faster than the terminal is read
 * (or pasted) arrive together, e.g. `kk\r` or `catalog\r`: every character and Enter, Backspace
 * and Tab become presses of their own, so none is lost. Escape sequences are already one event each.
 */
export function splitPresses(input: string, key: Partial<Key>): [string, Partial<Key>][] {
  if (input.length <= 1 || input.includes("\u001b")) return [[input, key]];
  const presses: [string, Partial<Key>][] = [];
  // Runs of text, and control characters one by one; other control characters mean nothing here.
  for (const token of input.match(/[\u0000-\u001f\u007f-\u009f]|[^\u0000-\u001f\u007f-\u009f]+/g) ?? []) {
    const control = CONTROL_KEYS[token];
    if (control !== undefined) presses.push(["", control]);
    // Each character is its own press: `kk⏎` moves twice, then opens (typing a filter appends them one by one).
    else if (token.replace(CONTROL, "") !== "") for (const ch of token) presses.push([ch, {}]);
  }
  return presses;
}

const move = (by: number, ctx: KeyContext): Intent => ({ action: { type: "move", by, count: ctx.count } });

function whileEditing(input: string, key: Partial<Key>, ctx: KeyContext): Intent | undefined {
  if (key.return) return { action: { type: "commitFilter" } };
  if (key.escape) return { action: { type: "cancelFilter" } };
  if (key.backspace || key.delete) return { action: { type: "eraseFilter" } };
  if (key.upArrow) return move(-1, ctx);
  if (key.downArrow) return move(1, ctx);
  if (key.ctrl || key.meta || key.tab) return undefined;
  const text = input.replace(CONTROL, "");
  return text === "" ? undefined : { action: { type: "typeFilter", text } };
}

function open(ctx: KeyContext): Intent | undefined {
  if (ctx.state.screen === "overview" && ctx.selectedAddress !== undefined) return { action: { type: "openResource", address: ctx.selectedAddress } };
  if (ctx.state.screen === "resource" && ctx.selectedResult !== undefined) return { action: { type: "openResult", index: ctx.selectedResult } };
  return undefined;
}

/** `r`: the failure scenarios of the selected resource (overview) or of the one open. */
function scenarios(ctx: KeyContext): Intent | undefined {
  const address = ctx.state.screen === "overview" ? ctx.selectedAddress : ctx.state.resource;
  return address === undefined || ctx.state.screen === "scenarios" ? undefined : { action: { type: "openScenarios", address } };
}

function back(ctx: KeyContext): Intent | undefined {
  if (ctx.state.screen !== "overview") return { action: { type: "back" } };
  return ctx.state.filters.text !== "" ? { action: { type: "clearFilter" } } : undefined;
}

/** The intent of one key press, or undefined when the key means nothing here. */
export function intentFor(input: string, key: Partial<Key>, ctx: KeyContext): Intent | undefined {
  if (ctx.state.help) return { action: { type: "toggleHelp" } };
  if (ctx.state.editing) return whileEditing(input, key, ctx);
  if (key.upArrow || input === "k") return move(-1, ctx);
  if (key.downArrow || input === "j") return move(1, ctx);
  if (key.pageUp) return move(-ctx.page, ctx);
  if (key.pageDown || input === " ") return move(ctx.page, ctx);
  if (key.home || input === "g") return { action: { type: "jump", to: "start", count: ctx.count } };
  if (key.end || input === "G") return { action: { type: "jump", to: "end", count: ctx.count } };
  if (key.return || key.rightArrow || input === "l") return open(ctx);
  if (key.escape || key.leftArrow || key.backspace || key.delete || input === "h") return back(ctx);
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case "q":
      return { effect: "quit" };
    case "?":
      return { action: { type: "toggleHelp" } };
    case "/":
      return { action: { type: "editFilter" } };
    case "s":
      return { action: { type: "cycleSeverity" } };
    case "u":
      return { action: { type: "toggleUnknown" } };
    case "w":
      return { action: { type: "toggleWaived" } };
    case "r":
      return scenarios(ctx);
    case "f":
      return { effect: "fix" };
    case "F":
      return { effect: "fixAll" };
    case "e":
      return { effect: "export" };
    default:
      return undefined;
  }
}
