// The one stateful component: holds the UI state, maps keys to it, runs the effects (quit, fix, export) and lays out the screen.
import { Box, useApp, useInput, useStdout, type Key } from "ink";
import { join } from "node:path";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { ruleOf, type Result } from "../engine/result.js";
import type { Resource } from "../model/resource.js";
import { footerLines, helpLines, statusLine } from "./chrome.js";
import { exportView, type WriteFile } from "./export-view.js";
import { intentFor, splitPresses, type Effect, type KeyContext } from "./keys.js";
import { BLANK, Lines, ThemeContext, type Line } from "./lines.js";
import { indexResults, resourceRow, resourceRows, tally, type ResultEntry } from "./model.js";
import { overviewLines, overviewListHeight, OVERVIEW_HEADER_LINES } from "./overview.js";
import { resourceDocument, resourceTitle } from "./resource-screen.js";
import { resultDocument, resultTitle, type SnippetState } from "./result-screen.js";
import { scenarioDocument, scenariosTitle, type ScenarioState } from "./scenario-screen.js";
import { INITIAL_STATE, reduce, type Status } from "./state.js";
import { COLOUR_THEME, type Theme } from "./theme.js";
import type { FixActions, TuiData } from "./types.js";
import { clamp, keepVisible } from "./viewport.js";

/** Where `f` and `F` write, under the working directory. */
const FIX_DIR = "haspec-fix";

export interface AppProps {
  readonly data: TuiData;
  /** The fix generator; without it the result screen shows the textual fix and `f` says so. */
  readonly fixes?: FixActions | undefined;
  /** Where `e` and `f` write. */
  readonly cwd: string;
  readonly theme?: Theme;
  /** A fixed size (tests); otherwise the terminal's, following resizes. */
  readonly width?: number;
  readonly height?: number;
  readonly writeFile?: WriteFile;
}

function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return size;
}

/** The previous scroll offset, moved as little as needed to show lines [start, end). */
function useScrollOffset(start: number, end: number, height: number, total: number): number {
  const offset = useRef(0);
  offset.current = keepVisible(offset.current, start, end, height, total);
  return offset.current;
}

/** CDKTF and HCL for a resource, asked of the fix generator once per resource and kept. */
function useSnippets(fixes: FixActions | undefined, address: string | undefined): SnippetState {
  const cache = useRef(new Map<string, SnippetState>());
  const [, redraw] = useState(0);
  useEffect(() => {
    if (fixes === undefined || address === undefined || cache.current.has(address)) return;
    const settle = (state: SnippetState) => {
      cache.current.set(address, state);
      redraw((n) => n + 1);
    };
    settle({ kind: "loading" });
    fixes.snippets(address).then(
      (snippets) => settle(snippets === undefined ? { kind: "none" } : { kind: "ready", snippets }),
      (error: unknown) => settle({ kind: "failed", message: error instanceof Error ? error.message : String(error) }),
    );
  }, [fixes, address]);
  if (fixes === undefined) return { kind: "unavailable" };
  return (address !== undefined ? cache.current.get(address) : undefined) ?? { kind: "loading" };
}

/** A resource's failure scenarios, asked of the session once per resource and kept. */
function useScenarios(scenariosOf: TuiData["scenarios"], address: string | undefined): ScenarioState {
  const cache = useRef(new Map<string, ScenarioState>());
  const [, redraw] = useState(0);
  useEffect(() => {
    if (scenariosOf === undefined || address === undefined || cache.current.has(address)) return;
    const settle = (state: ScenarioState) => {
      cache.current.set(address, state);
      redraw((n) => n + 1);
    };
    settle({ kind: "loading" });
    scenariosOf(address).then(
      (scenarios) => settle({ kind: "ready", scenarios }),
      (error: unknown) => settle({ kind: "failed", message: errorText(error) }),
    );
  }, [scenariosOf, address]);
  if (scenariosOf === undefined) return { kind: "unavailable" };
  return (address !== undefined ? cache.current.get(address) : undefined) ?? { kind: "loading" };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function App(props: AppProps) {
  const { data, fixes, cwd } = props;
  const { exit } = useApp();
  const terminal = useTerminalSize();
  const width = props.width ?? terminal.columns;
  const height = props.height ?? terminal.rows;
  const [state, dispatch] = useReducer(reduce, INITIAL_STATE);
  const index = useMemo(() => indexResults(data.evaluation.results), [data]);
  const resources = useMemo(() => new Map<string, Resource>(data.resources.map((r) => [r.address, r])), [data]);
  const rows = useMemo(() => resourceRows(index, state.filters), [index, state.filters]);
  const group = state.resource === undefined ? undefined : index.byAddress.get(state.resource);
  const detail = useMemo(() => (group === undefined ? undefined : resourceRow(group, state.filters)), [group, state.filters]);
  const shownResult: Result | undefined = state.result === undefined ? undefined : data.evaluation.results[state.result];
  const snippets = useSnippets(fixes, state.screen === "result" && shownResult?.status === "fail" ? shownResult.resource.address : undefined);
  const scenarios = useScenarios(data.scenarios, state.screen === "scenarios" ? state.resource : undefined);

  const footer = footerLines(state.screen, state.filters, state.editing !== undefined, state.help, width);
  // One row stays free: a frame as tall as the terminal would scroll it and force a full redraw.
  const bodyHeight = Math.max(OVERVIEW_HEADER_LINES + 1, height - footer.length - 2);

  // The overview list.
  const overviewCursor = clamp(state.overviewCursor, 0, Math.max(0, rows.length - 1));
  const listHeight = overviewListHeight(bodyHeight);
  const overviewOffset = useScrollOffset(overviewCursor, overviewCursor + 1, listHeight, rows.length);

  // The resource screen: a document scrolled to keep the selected result's block in view.
  const resultCursor = detail === undefined ? 0 : clamp(state.resultCursor, 0, Math.max(0, detail.results.length - 1));
  const resourceDoc = useMemo(
    () =>
      detail === undefined || group === undefined
        ? undefined
        : resourceDocument({ row: detail, all: tally(group.entries), resource: resources.get(detail.ref.address), cursor: resultCursor, filters: state.filters, width }),
    [detail, group, resources, resultCursor, state.filters, width],
  );
  const block = resourceDoc?.blocks[resultCursor];
  const docHeight = bodyHeight - 1;
  const resourceOffset = useScrollOffset(
    block === undefined || (resultCursor === 0 && block.end <= docHeight) ? 0 : block.start,
    block?.end ?? 0,
    docHeight,
    resourceDoc?.lines.length ?? 0,
  );

  // The result screen: a document scrolled by the keys.
  const resultDoc = useMemo(
    () =>
      state.screen === "scenarios"
        ? scenarioDocument(scenarios)
        : shownResult === undefined
          ? undefined
          : resultDocument({ result: shownResult, evaluation: data.evaluation, rule: ruleOf(data.evaluation, shownResult.rule), snippets, width }),
    [state.screen, scenarios, shownResult, data.evaluation, snippets, width],
  );
  const maxScroll = Math.max(0, (resultDoc?.length ?? 0) - docHeight);
  const scroll = clamp(state.scroll, 0, maxScroll);

  const ctx: KeyContext = {
    state,
    count: state.screen === "overview" ? rows.length : state.screen === "resource" ? (detail?.results.length ?? 0) : maxScroll + 1,
    page: state.screen === "overview" ? listHeight : Math.max(1, docHeight - 1),
    selectedAddress: rows[overviewCursor]?.ref.address,
    selectedResult: detail?.results[resultCursor]?.index,
  };

  const say = (text: string, tone: Status["tone"] = "info") => dispatch({ type: "status", status: { text, tone } });

  /** The resource `f` fixes: the overview's selected row, or the one open. */
  const currentAddress = state.screen === "overview" ? ctx.selectedAddress : state.resource;

  /** The results `e` exports: what the current screen shows, filters applied. */
  function viewEntries(): readonly ResultEntry[] {
    if (state.screen === "result" && state.result !== undefined && shownResult !== undefined) return [{ index: state.result, result: shownResult }];
    if (state.screen === "resource" && detail !== undefined) return detail.matching;
    return rows.flatMap((r) => r.matching);
  }

  function run(effect: Effect): void {
    switch (effect) {
      case "quit":
        exit();
        return;
      case "export": {
        const entries = viewEntries();
        const resourceCount = new Set(entries.map((e) => e.result.resource.address)).size;
        exportView(data.evaluation, entries, cwd, props.writeFile).then(
          (files) => say(`exported ${plural(entries.length, "result")} of ${plural(resourceCount, "resource")} to ${files.map((f) => `./${f}`).join(" and ")}`),
          (error: unknown) => say(`export failed: ${errorText(error)}`, "error"),
        );
        return;
      }
      case "fix":
      case "fixAll": {
        if (fixes === undefined) {
          say("no fix generator in this session: each result screen lists its changes", "error");
          return;
        }
        const targets = effect === "fixAll" ? "all" : currentAddress === undefined ? undefined : [currentAddress];
        if (targets === undefined) {
          say("no resource selected", "error");
          return;
        }
        const dir = join(cwd, FIX_DIR);
        say(`writing the fix to ./${FIX_DIR}/ …`);
        fixes.write(targets, dir).then(
          (message) => say(message.includes(FIX_DIR) ? message : `${message} (in ./${FIX_DIR}/)`),
          (error: unknown) => say(`fix not written: ${errorText(error)}`, "error"),
        );
        return;
      }
    }
  }

  /** The key context once earlier presses of the same event moved the cursors (rows are those on screen). */
  function contextAfter(current: typeof state): KeyContext {
    if (current === state) return ctx;
    const sameDetail = current.screen === state.screen && current.resource === state.resource && current.filters === state.filters;
    return {
      ...ctx,
      state: current,
      selectedAddress: current.filters === state.filters ? rows[clamp(current.overviewCursor, 0, Math.max(0, rows.length - 1))]?.ref.address : undefined,
      selectedResult: sameDetail && detail !== undefined ? detail.results[clamp(current.resultCursor, 0, Math.max(0, detail.results.length - 1))]?.index : undefined,
    };
  }

  function onKey(input: string, key: Key): void {
    // Keys typed faster than a frame arrive together ("jj", "/cat\r"): each counts, in order, each
    // seeing the state the ones before it made.
    let current = state;
    for (const [text, flags] of splitPresses(input, key)) {
      const presses = current.editing === undefined && text.length > 1 ? Array.from(text) : [text];
      for (const press of presses) {
        const intent = intentFor(press, flags, contextAfter(current));
        if (intent === undefined) continue;
        if ("effect" in intent) {
          run(intent.effect);
        } else {
          current = reduce(current, intent.action);
          dispatch(intent.action);
        }
      }
    }
  }
  // ink re-subscribes a new handler only after the frame is drawn; a key pressed in between must
  // still see what is on screen, so the subscription calls the latest render's handler.
  const latestOnKey = useRef(onKey);
  latestOnKey.current = onKey;
  useInput((input, key) => latestOnKey.current(input, key));

  let body: Line[];
  if (state.help) {
    body = helpLines(width);
  } else if (state.screen === "overview" || detail === undefined) {
    body = overviewLines({ evaluation: data.evaluation, rows, total: index.groups.length, cursor: overviewCursor, offset: overviewOffset, filters: state.filters, width, height: bodyHeight });
  } else if (state.screen === "scenarios" && resultDoc !== undefined) {
    body = [scenariosTitle(detail.ref), ...resultDoc.slice(scroll, scroll + docHeight)];
  } else if (state.screen === "resource" || resultDoc === undefined || shownResult === undefined) {
    body = [resourceTitle(detail.ref), ...(resourceDoc?.lines ?? []).slice(resourceOffset, resourceOffset + docHeight)];
  } else {
    const to = Math.min(resultDoc.length, scroll + docHeight);
    body = [resultTitle(shownResult, scroll, to, resultDoc.length), ...resultDoc.slice(scroll, to)];
  }
  body = body.slice(0, bodyHeight);
  while (body.length < bodyHeight) body.push(BLANK);

  return (
    <ThemeContext.Provider value={props.theme ?? COLOUR_THEME}>
      <Box flexDirection="column" width={width}>
        <Lines lines={body} width={width} />
        <Lines lines={footer} width={width} />
        <Lines lines={[statusLine(state.status)]} width={width} />
      </Box>
    </ThemeContext.Provider>
  );
}
