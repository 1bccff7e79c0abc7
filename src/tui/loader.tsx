// The UI's first screen while the inputs are read and judged (with the live scan's progress), then the App; q or Ctrl-C quits it and stops the scan; a failure ends the UI with it.
import { useApp, useInput, useStdout } from "ink";
import { useEffect, useRef, useState } from "react";
import { App, type AppProps } from "./app.js";
import { loadingLines } from "./chrome.js";
import { Lines, ThemeContext } from "./lines.js";
import type { ProgressFeed } from "./progress-feed.js";
import { COLOUR_THEME } from "./theme.js";
import type { TuiData } from "./types.js";

export interface LoaderProps extends Omit<AppProps, "data"> {
  readonly data: Promise<TuiData>;
  readonly progress?: ProgressFeed | undefined;
}

export function Loader(props: LoaderProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [data, setData] = useState<TuiData>();
  const loaded = useRef(false);
  const [progress, setProgress] = useState(() => props.progress?.latest());
  useEffect(() => props.progress?.subscribe(setProgress), [props.progress]);
  useEffect(() => {
    let mounted = true;
    props.data.then(
      (value) => {
        loaded.current = true;
        if (mounted) setData(value);
      },
      (error: unknown) => exit(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      mounted = false;
    };
  }, [props.data]);
  // Quitting before the inputs are read (q, or Ctrl-C, which ink handles) leaves nobody to wait for the scan: stop it.
  useEffect(
    () => () => {
      if (!loaded.current) props.progress?.cancel();
    },
    [props.progress],
  );
  // Keys while loading; the App takes them over once the data is there (and it alone reads them then).
  useInput(
    (input) => {
      if (input === "q") exit();
    },
    { isActive: data === undefined },
  );
  if (data !== undefined) return <App {...props} data={data} />;
  return (
    <ThemeContext.Provider value={props.theme ?? COLOUR_THEME}>
      <Lines lines={loadingLines(progress)} width={props.width ?? (stdout.columns || 80)} />
    </ThemeContext.Provider>
  );
}
