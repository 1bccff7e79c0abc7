// runTui on a fake terminal (alternate screen, raw mode, loading errors) and the loading screen with a live scan's progress.
import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "ink-testing-library";
import { createElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { progressDisplay } from "../../src/sources/aws-live/progress.js";
import { UserError } from "../../src/errors.js";
import { runTui } from "../../src/tui/index.js";
import { Loader } from "../../src/tui/loader.js";
import { progressFeed } from "../../src/tui/progress-feed.js";
import type { TuiData } from "../../src/tui/types.js";
import { mixedData, screen } from "./fixtures.js";

/** A terminal's output side: 80×24, records what is written. */
class FakeTerminalOut extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 80;
  readonly rows = 24;
  written = "";
  write = (chunk: string) => {
    this.written += chunk;
    return true;
  };
}

/** A terminal's input side in raw mode, as ink reads it. */
class FakeTerminalIn extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  rawMode = false;
  press(data: string) {
    this.pending = data;
    this.emit("readable");
    this.emit("data", data);
  }
  read = () => {
    const data = this.pending;
    this.pending = null;
    return data;
  };
  setRawMode = (on: boolean) => {
    this.rawMode = on;
    return this;
  };
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const ENTER_ALT = "\u001b[?1049h";
const LEAVE_ALT = "\u001b[?1049l";

function terminal() {
  const stdout = new FakeTerminalOut();
  const stdin = new FakeTerminalIn();
  const stderr = new FakeTerminalOut();
  return { stdout, stdin, stderr, streams: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: stderr as unknown as NodeJS.WriteStream } };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 10_000; // generous: other test files synthesize CDKTF projects on the same cores
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("runTui", () => {
  it("draws on the alternate screen in raw mode, and gives the terminal back when q is pressed", async () => {
    const t = terminal();
    const running = runTui({ data: mixedData(), ...t.streams, env: {}, cwd: mkdtempSync(join(tmpdir(), "haspec-run-tui-")), patchConsole: false });
    await until(() => t.stdin.rawMode && t.stdin.listenerCount("readable") > 0);
    expect(t.stdout.written.startsWith(ENTER_ALT)).toBe(true);
    t.stdin.press("q");
    await running;
    expect(t.stdout.written.endsWith(LEAVE_ALT)).toBe(true);
    expect(t.stdin.rawMode).toBe(false);
  });

  for (const [key, name] of [["q", "q"], ["\u0003", "Ctrl-C"]] as const) {
    it(`${name} while the inputs are still being read quits the loading screen, gives the terminal back and stops the live scan`, async () => {
      const t = terminal();
      const feed = progressFeed();
      const never = new Promise<TuiData>(() => undefined);
      const running = runTui({ data: never, progress: feed, ...t.streams, env: {}, cwd: tmpdir(), patchConsole: false });
      await until(() => t.stdin.rawMode && t.stdin.listenerCount("readable") > 0);
      t.stdin.press(key);
      await running;
      expect(t.stdout.written.endsWith(LEAVE_ALT)).toBe(true);
      expect(t.stdin.rawMode).toBe(false);
      expect((feed.stream as NodeJS.WritableStream & { destroyed?: boolean }).destroyed).toBe(true); // the scan's progress stream closes: the scan stops
    });
  }

  it("ends with the loading error (a bad policy, say) after giving the terminal back", async () => {
    const t = terminal();
    const failure = new UserError("policies/x.yaml:3:1: unknown key");
    await expect(runTui({ data: Promise.reject(failure), ...t.streams, env: {}, cwd: tmpdir(), patchConsole: false })).rejects.toBe(failure);
    expect(t.stdout.written.endsWith(LEAVE_ALT)).toBe(true);
  });
});

describe("loading", () => {
  const mounted: ReturnType<typeof render>[] = [];
  afterEach(() => {
    for (const m of mounted.splice(0)) m.unmount();
  });

  it("shows the live scan's progress line while the inputs are read, then the overview", async () => {
    const feed = progressFeed();
    let finish!: (data: TuiData) => void;
    const data = new Promise<TuiData>((resolve) => (finish = resolve));
    const app = render(createElement(Loader, { data, progress: feed, cwd: tmpdir(), width: 80, height: 24 }));
    mounted.push(app);
    expect(screen(app.lastFrame())[0]).toBe("haspec reading the inputs and judging them…");
    const calls = new Map([["rds", 2]]);
    const display = progressDisplay(feed.stream, () => calls, () => 0);
    display.onEvent({ kind: "places", total: 3 });
    display.onEvent({ kind: "place-done" });
    display.onEvent({ kind: "place-done" });
    display.onEvent({ kind: "place-done" });
    await until(() => screen(app.lastFrame()).includes("haspec: 3/3 regions and accounts scanned, 2 calls"));
    display.finish();
    expect(feed.latest()).toBe("haspec: 3/3 regions and accounts scanned, 2 calls");
    finish(mixedData());
    await until(() => (app.lastFrame() ?? "").includes("RESOURCE"));
  });

  it("the progress feed keeps the latest line without the redraw escapes", () => {
    const feed = progressFeed();
    const seen: string[] = [];
    feed.subscribe((l) => seen.push(l));
    feed.stream.write("\r\u001b[2Khaspec: 0/2 regions and accounts scanned, 0 calls");
    feed.stream.write("\r\u001b[2Khaspec: 1/2 regions and accounts scanned, 5 calls\n");
    feed.stream.write("\n");
    expect(seen).toEqual(["haspec: 0/2 regions and accounts scanned, 0 calls", "haspec: 1/2 regions and accounts scanned, 5 calls"]);
    expect(feed.latest()).toBe("haspec: 1/2 regions and accounts scanned, 5 calls");
  });
});
