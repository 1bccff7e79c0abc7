// The UI's state (screen, cursors, filters, help, status line) and the pure reducer that changes it.
import { NO_FILTERS, nextSeverity, type Filters } from "./filters.js";
import { clamp } from "./viewport.js";

export type Screen = "overview" | "resource" | "result" | "scenarios";

export interface Status {
  readonly text: string;
  readonly tone: "info" | "error";
}

export interface UiState {
  readonly screen: Screen;
  /** Row of the overview's list. */
  readonly overviewCursor: number;
  /** The resource shown on the resource, result and scenarios screens (its address). */
  readonly resource: string | undefined;
  /** Row of the resource screen's result list. */
  readonly resultCursor: number;
  /** The result shown on the result screen (its index in the evaluation). */
  readonly result: number | undefined;
  /** First line shown of the result and scenarios screens. */
  readonly scroll: number;
  readonly filters: Filters;
  /** While the filter text is being typed: the text before, for Esc to restore. */
  readonly editing: { readonly before: string } | undefined;
  readonly help: boolean;
  readonly status: Status | undefined;
}

export const INITIAL_STATE: UiState = {
  screen: "overview",
  overviewCursor: 0,
  resource: undefined,
  resultCursor: 0,
  result: undefined,
  scroll: 0,
  filters: NO_FILTERS,
  editing: undefined,
  help: false,
  status: undefined,
};

export type Action =
  /** Moves the current screen's cursor (or scroll) by `by` within `count` positions. */
  | { readonly type: "move"; readonly by: number; readonly count: number }
  | { readonly type: "jump"; readonly to: "start" | "end"; readonly count: number }
  | { readonly type: "openResource"; readonly address: string }
  | { readonly type: "openResult"; readonly index: number }
  | { readonly type: "openScenarios"; readonly address: string }
  | { readonly type: "back" }
  | { readonly type: "editFilter" }
  | { readonly type: "typeFilter"; readonly text: string }
  | { readonly type: "eraseFilter" }
  | { readonly type: "commitFilter" }
  | { readonly type: "cancelFilter" }
  | { readonly type: "clearFilter" }
  | { readonly type: "cycleSeverity" }
  | { readonly type: "toggleUnknown" }
  | { readonly type: "toggleWaived" }
  | { readonly type: "toggleHelp" }
  | { readonly type: "status"; readonly status: Status | undefined };

/** A changed filter shows a different list: its cursors start over at the top. */
function withFilters(state: UiState, filters: Filters): UiState {
  return { ...state, filters, overviewCursor: 0, resultCursor: 0 };
}

function moved(position: number, by: number, count: number): number {
  return clamp(clamp(position, 0, count - 1) + by, 0, Math.max(0, count - 1));
}

export function reduce(state: UiState, action: Action): UiState {
  switch (action.type) {
    case "move":
    case "jump": {
      const target = (position: number) =>
        action.type === "move" ? moved(position, action.by, action.count) : action.to === "start" ? 0 : Math.max(0, action.count - 1);
      if (state.screen === "overview") return { ...state, overviewCursor: target(state.overviewCursor) };
      if (state.screen === "resource") return { ...state, resultCursor: target(state.resultCursor) };
      return { ...state, scroll: target(state.scroll) };
    }
    case "openResource":
      return { ...state, screen: "resource", resource: action.address, resultCursor: 0 };
    case "openResult":
      return { ...state, screen: "result", result: action.index, scroll: 0 };
    case "openScenarios":
      return { ...state, screen: "scenarios", resource: action.address, resultCursor: state.resource === action.address ? state.resultCursor : 0, scroll: 0 };
    case "back":
      if (state.screen === "result" || state.screen === "scenarios") return { ...state, screen: "resource" };
      if (state.screen === "resource") return { ...state, screen: "overview" };
      return state;
    case "editFilter":
      return { ...state, editing: { before: state.filters.text } };
    case "typeFilter":
      return withFilters(state, { ...state.filters, text: state.filters.text + action.text });
    case "eraseFilter":
      return withFilters(state, { ...state.filters, text: Array.from(state.filters.text).slice(0, -1).join("") });
    case "commitFilter":
      return { ...state, editing: undefined };
    case "cancelFilter":
      return withFilters({ ...state, editing: undefined }, { ...state.filters, text: state.editing?.before ?? state.filters.text });
    case "clearFilter":
      return withFilters(state, { ...state.filters, text: "" });
    case "cycleSeverity":
      return withFilters(state, { ...state.filters, minSeverity: nextSeverity(state.filters.minSeverity) });
    case "toggleUnknown":
      return withFilters(state, { ...state.filters, showUnknown: !state.filters.showUnknown });
    case "toggleWaived":
      return withFilters(state, { ...state.filters, showWaived: !state.filters.showWaived });
    case "toggleHelp":
      return { ...state, help: !state.help };
    case "status":
      return { ...state, status: action.status };
  }
}
