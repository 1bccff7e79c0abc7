// Measuring child processes for the benchmarks: wall time and peak RSS (via rss-probe.mjs), medians, tables.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PROBE = pathToFileURL(join(ROOT, "scripts/bench/rss-probe.mjs")).href;

/**
 * Waits before a section of the bench. On this 2-core VM a heavy section (the build, or the
 * 10,000-cluster fleet's ~500 MB checks) leaves the machine slow for several seconds: a plan check
 * started right after the fleet took 660 ms, 10 s later 593 ms and 30 s later 514 ms, while
 * read+JSON.parse of the same file stayed at 204–241 ms. So each section starts `seconds` after the
 * previous one (`--settle 0` measures back to back).
 */
export function settle(seconds) {
  if (!(seconds > 0)) return;
  process.stdout.write(`(waiting ${seconds} s for the machine to settle after the previous section)\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
}

let probeCounter = 0;
/** Runs `node --import probe ...args` once (in `cwd`, the repository by default); returns { ms, rssKb, code, stderr }. */
export function runOnce(args, cwd = ROOT) {
  const rssFile = join(tmpdir(), `haspec-bench-rss-${process.pid}-${probeCounter++}.txt`);
  rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["--import", PROBE, ...args], {
    cwd,
    env: { ...process.env, HASPEC_BENCH_RSS_FILE: rssFile, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 16 << 20,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let rssKb = null;
  try {
    rssKb = Number(readFileSync(rssFile, "utf8").trim());
  } catch {
    // The child died before its exit handler ran.
  }
  rmSync(rssFile, { force: true });
  const code = child.status ?? (child.signal ? `signal ${child.signal}` : "?");
  return { ms, rssKb, code, stderr: String(child.stderr ?? "").trim(), error: child.error };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs `args` `runs` times; returns medians, or { failed } when an exit code is not in `okCodes`. */
export function measure(label, args, runs, okCodes = [0], cwd = ROOT) {
  return measureInterleaved([{ label, args, okCodes, cwd }], runs)[0];
}

/**
 * Runs each spec ({ label, args, okCodes?, cwd? }) `runs` times, taking turns (a, b, a, b, …), so a
 * ratio between them compares runs made under the same load: the VM's speed drifts over minutes.
 * Returns one result per spec, as `measure` does.
 */
export function measureInterleaved(specs, runs) {
  const samples = specs.map(() => []);
  const failed = specs.map(() => undefined);
  for (let r = 0; r < runs; r++) {
    specs.forEach((spec, i) => {
      if (failed[i] !== undefined) return;
      const s = runOnce(spec.args, spec.cwd ?? ROOT);
      if (s.error || !(spec.okCodes ?? [0]).includes(s.code)) {
        const first = (s.error?.message ?? s.stderr).split("\n").find((l) => l.trim()) ?? "";
        failed[i] = `exit ${s.code}${first ? `: ${first.slice(0, 160)}` : ""}`;
      } else samples[i].push(s);
    });
  }
  return specs.map((spec, i) => {
    if (failed[i] !== undefined) return { label: spec.label, failed: failed[i] };
    const rss = samples[i].map((s) => s.rssKb).filter((x) => Number.isFinite(x));
    return {
      label: spec.label,
      ms: median(samples[i].map((s) => s.ms)),
      rssKb: rss.length ? median(rss) : null,
      codes: [...new Set(samples[i].map((s) => s.code))],
    };
  });
}

export const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
export const fmtMb = (kb) => (kb == null ? "n/a" : `${(kb / 1024).toFixed(0)} MB`);
export const fmtBytes = (b) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MB` : `${(b / 1024).toFixed(0)} kB`);
export const fmtRatio = (x) => (x == null || !Number.isFinite(x) ? "n/a" : `${x.toFixed(2)}×`);
export const verdict = (ok) => (ok == null ? "" : ok ? "ok" : "MISSED");

export function table(header, rows) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
