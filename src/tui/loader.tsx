// The UI's first screen while the inputs are read and judged (with the live scan's progress), then the App; a failure ends the UI with it.
import { useApp, useStdout } from "ink";
import { useEffect, useState } from "react";
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
  const [progress, setProgress] = useState(() => props.progress?.latest());
  useEffect(() => props.progress?.subscribe(setProgress), [props.progress]);
  useEffect(() => {
    let mounted = true;
    props.data.then(
      (loaded) => {
        if (mounted) setData(loaded);
      },
      (error: unknown) => exit(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      mounted = false;
    };
  }, [props.data]);
  if (data !== undefined) return <App {...props} data={data} />;
  return (
    <ThemeContext.Provider value={props.theme ?? COLOUR_THEME}>
      <Lines lines={loadingLines(progress)} width={props.width ?? (stdout.columns || 80)} />
    </ThemeContext.Provider>
  );
}
