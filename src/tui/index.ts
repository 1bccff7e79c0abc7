// Opens the interactive UI on the terminal (alternate screen, raw keys) and resolves when the user quits. Loaded only on demand.
import { render } from "ink";
import { createElement } from "react";
import { Loader } from "./loader.js";
import type { ProgressFeed } from "./progress-feed.js";
import { themeFor } from "./theme.js";
import type { FixActions, TuiData } from "./types.js";

export type { FixActions, FixSnippets, TuiData } from "./types.js";

export interface RunTuiOptions {
  /** What to show; while it is pending the UI shows a loading line (and the progress). A rejection ends the UI with that error. */
  readonly data: Promise<TuiData> | TuiData;
  /** A live scan's progress, shown while loading. */
  readonly progress?: ProgressFeed | undefined;
  readonly fixes?: FixActions | undefined;
  readonly stdout: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Where `e` and `f` write. */
  readonly cwd: string;
  /** Route console output above the UI instead of through it (default true; off where console is not Node's own). */
  readonly patchConsole?: boolean;
}

// The alternate screen keeps the UI out of the scrollback: quitting gives the terminal back as it was.
const ENTER_ALTERNATE_SCREEN = "\u001b[?1049h";
const LEAVE_ALTERNATE_SCREEN = "\u001b[?1049l";

/** Runs the UI until the user quits; rejects with the loading error, if any, after giving the terminal back. */
export async function runTui(options: RunTuiOptions): Promise<void> {
  const { stdout } = options;
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    stdout.write(LEAVE_ALTERNATE_SCREEN);
  };
  stdout.write(ENTER_ALTERNATE_SCREEN);
  process.once("exit", leave);
  try {
    const instance = render(
      createElement(Loader, {
        data: Promise.resolve(options.data),
        progress: options.progress,
        fixes: options.fixes,
        cwd: options.cwd,
        theme: themeFor(options.env),
      }),
      { stdout, stdin: options.stdin, stderr: options.stderr, exitOnCtrlC: true, patchConsole: options.patchConsole ?? true },
    );
    await instance.waitUntilExit();
  } finally {
    leave();
    process.off("exit", leave);
  }
}
