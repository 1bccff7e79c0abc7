// The key map and the UI state reducer, as pure functions; list windowing.
import { describe, expect, it } from "vitest";
import { intentFor, splitPresses, type KeyContext } from "../../src/tui/keys.js";
import { INITIAL_STATE, reduce, type Action, type UiState } from "../../src/tui/state.js";
import { keepVisible } from "../../src/tui/viewport.js";

const ctx = (state: UiState, more: Partial<KeyContext> = {}): KeyContext => ({
  state,
  count: 10,
  page: 5,
  selectedAddress: "arn:a",
  selectedResult: 7,
  ...more,
});
const apply = (state: UiState, ...actions: Action[]) => actions.reduce(reduce, state);
const actionOf = (input: string, key: object, c: KeyContext) => {
  const intent = intentFor(input, key, c);
  return intent && "action" in intent ? intent.action : intent;
};

describe("keys", () => {
  it("move with arrows and j/k, page, and jump to the ends", () => {
    const c = ctx(INITIAL_STATE);
    expect(actionOf("j", {}, c)).toEqual({ type: "move", by: 1, count: 10 });
    expect(actionOf("", { downArrow: true }, c)).toEqual({ type: "move", by: 1, count: 10 });
    expect(actionOf("k", {}, c)).toEqual({ type: "move", by: -1, count: 10 });
    expect(actionOf("", { pageDown: true }, c)).toEqual({ type: "move", by: 5, count: 10 });
    expect(actionOf("G", { shift: true }, c)).toEqual({ type: "jump", to: "end", count: 10 });
    expect(actionOf("g", {}, c)).toEqual({ type: "jump", to: "start", count: 10 });
  });

  it("Enter opens the selected resource, then the selected result; Esc goes back or clears the text filter", () => {
    expect(actionOf("", { return: true }, ctx(INITIAL_STATE))).toEqual({ type: "openResource", address: "arn:a" });
    const onResource = apply(INITIAL_STATE, { type: "openResource", address: "arn:a" });
    expect(actionOf("", { return: true }, ctx(onResource))).toEqual({ type: "openResult", index: 7 });
    expect(actionOf("", { escape: true }, ctx(onResource))).toEqual({ type: "back" });
    expect(actionOf("", { escape: true }, ctx(INITIAL_STATE))).toBeUndefined();
    const filtered = apply(INITIAL_STATE, { type: "editFilter" }, { type: "typeFilter", text: "x" }, { type: "commitFilter" });
    expect(actionOf("", { escape: true }, ctx(filtered))).toEqual({ type: "clearFilter" });
    expect(actionOf("", { return: true }, ctx(INITIAL_STATE, { selectedAddress: undefined }))).toBeUndefined();
  });

  it("letters: filters, help, and the effects quit / fix / fix all / export", () => {
    const c = ctx(INITIAL_STATE);
    expect(actionOf("s", {}, c)).toEqual({ type: "cycleSeverity" });
    expect(actionOf("u", {}, c)).toEqual({ type: "toggleUnknown" });
    expect(actionOf("w", {}, c)).toEqual({ type: "toggleWaived" });
    expect(actionOf("?", {}, c)).toEqual({ type: "toggleHelp" });
    expect(actionOf("/", {}, c)).toEqual({ type: "editFilter" });
    expect(intentFor("q", {}, c)).toEqual({ effect: "quit" });
    expect(intentFor("f", {}, c)).toEqual({ effect: "fix" });
    expect(intentFor("F", { shift: true }, c)).toEqual({ effect: "fixAll" });
    expect(intentFor("e", {}, c)).toEqual({ effect: "export" });
    expect(intentFor("x", {}, c)).toBeUndefined();
    expect(intentFor("q", { ctrl: true }, c)).toBeUndefined();
  });

  it("while typing a filter, letters are text (q does not quit), Enter keeps it, Esc restores the previous", () => {
    const editing = apply(INITIAL_STATE, { type: "editFilter" });
    expect(actionOf("q", {}, ctx(editing))).toEqual({ type: "typeFilter", text: "q" });
    expect(actionOf("a\u001b[2Jb", {}, ctx(editing))).toEqual({ type: "typeFilter", text: "a[2Jb" });
    expect(actionOf("", { backspace: true }, ctx(editing))).toEqual({ type: "eraseFilter" });
    expect(actionOf("", { return: true }, ctx(editing))).toEqual({ type: "commitFilter" });
    expect(actionOf("", { escape: true }, ctx(editing))).toEqual({ type: "cancelFilter" });
  });

  it("splits keys that arrive together, so no press typed fast is lost: kk⏎ moves twice and opens", () => {
    expect(splitPresses("cat\r", {})).toEqual([
      ["c", {}],
      ["a", {}],
      ["t", {}],
      ["", { return: true }],
    ]);
    expect(splitPresses("kk\r", {})).toEqual([
      ["k", {}],
      ["k", {}],
      ["", { return: true }],
    ]);
    expect(splitPresses("ab\u007fc\t\u0001", {})).toEqual([
      ["a", {}],
      ["b", {}],
      ["", { backspace: true }],
      ["c", {}],
      ["", { tab: true }],
    ]);
    expect(splitPresses("\u001b[B", { downArrow: true })).toEqual([["\u001b[B", { downArrow: true }]]);
    expect(splitPresses("j", {})).toEqual([["j", {}]]);
  });

  it("any key closes the help", () => {
    const help = apply(INITIAL_STATE, { type: "toggleHelp" });
    expect(actionOf("q", {}, ctx(help))).toEqual({ type: "toggleHelp" });
  });
});

describe("state", () => {
  it("moves within the list, from a clamped position", () => {
    expect(apply(INITIAL_STATE, { type: "move", by: -1, count: 10 }).overviewCursor).toBe(0);
    expect(apply(INITIAL_STATE, { type: "move", by: 25, count: 10 }).overviewCursor).toBe(9);
    // The list shrank under the cursor (a filter): moving up starts from the last row, not from 30.
    expect(apply({ ...INITIAL_STATE, overviewCursor: 30 }, { type: "move", by: -1, count: 5 }).overviewCursor).toBe(3);
    expect(apply(INITIAL_STATE, { type: "move", by: 1, count: 0 }).overviewCursor).toBe(0);
  });

  it("each screen keeps its own cursor: back returns to the row it left", () => {
    const s = apply(
      INITIAL_STATE,
      { type: "move", by: 3, count: 10 },
      { type: "openResource", address: "arn:a" },
      { type: "move", by: 2, count: 4 },
      { type: "openResult", index: 12 },
      { type: "move", by: 6, count: 20 },
    );
    expect(s).toMatchObject({ screen: "result", overviewCursor: 3, resultCursor: 2, result: 12, scroll: 6 });
    const back = apply(s, { type: "back" });
    expect(back).toMatchObject({ screen: "resource", resultCursor: 2 });
    expect(apply(back, { type: "back" })).toMatchObject({ screen: "overview", overviewCursor: 3 });
  });

  it("filter typing, cancel and clear; a changed filter puts the cursors back at the top", () => {
    const typed = apply({ ...INITIAL_STATE, overviewCursor: 4 }, { type: "editFilter" }, { type: "typeFilter", text: "cr" }, { type: "typeFilter", text: "mx" }, { type: "eraseFilter" });
    expect(typed.filters.text).toBe("crm");
    expect(typed.overviewCursor).toBe(0);
    expect(apply(typed, { type: "commitFilter" })).toMatchObject({ editing: undefined, filters: { text: "crm" } });
    const again = apply(typed, { type: "commitFilter" }, { type: "editFilter" }, { type: "typeFilter", text: "zzz" }, { type: "cancelFilter" });
    expect(again.filters.text).toBe("crm");
    expect(apply(again, { type: "clearFilter" }).filters.text).toBe("");
    const toggled = apply(INITIAL_STATE, { type: "cycleSeverity" }, { type: "toggleUnknown" }, { type: "toggleWaived" });
    expect(toggled.filters).toEqual({ text: "", minSeverity: "critical", showUnknown: false, showWaived: false });
  });
});

describe("windowing", () => {
  it("moves the window as little as possible to keep the selection visible", () => {
    expect(keepVisible(0, 3, 4, 10, 100)).toBe(0);
    expect(keepVisible(0, 12, 13, 10, 100)).toBe(3);
    expect(keepVisible(3, 5, 6, 10, 100)).toBe(3);
    expect(keepVisible(3, 1, 2, 10, 100)).toBe(1);
    expect(keepVisible(0, 99, 100, 10, 100)).toBe(90);
    expect(keepVisible(50, 0, 1, 10, 5)).toBe(0);
    // A block taller than the window shows its start.
    expect(keepVisible(0, 20, 40, 10, 100)).toBe(20);
  });
});
