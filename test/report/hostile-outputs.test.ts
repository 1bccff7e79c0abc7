// Issue 18 items 3–4: identifiers, tags, record names, policy names and file names carrying ESC sequences, OSC 52, BEL, NUL, CR, LF
// and bidi overrides reach no output raw; machine outputs stay valid and exact; CSV rows cannot be split or turned into formulas.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PassThrough } from "node:stream";
import AjvModule from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { REPORTERS } from "../../src/report/index.js";
import { CSV_COLUMNS } from "../../src/report/csv.js";
import { expectNothingRaw, HOSTILE_NAME, HOSTILE_NAME_SHOWN, hostileInputs, type HostileInputs } from "../support/hostile.js";

const NOW = "2026-11-22T10:00:00Z";
/** The line the hostile `.tf` forged in a CI log, and the verdict it tried to fake. */
const FORGED = /^(\s*haspec: all checks passed|Policy: 0 to fix)/m;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function collector(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString("utf8") });
}

/** The CLI's `main` in this process, as a CI job runs it (no terminal) unless `env` says otherwise. */
async function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const stdout = collector();
  const stderr = collector();
  const io: Io = { stdout, stderr, env: { PATH: process.env.PATH, CI: "true", ...env }, cwd: process.cwd(), now: () => new Date(NOW) };
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

let inputs: HostileInputs;
beforeAll(() => {
  inputs = hostileInputs();
});
afterAll(() => rmSync(dirname(inputs.root), { recursive: true, force: true }));

const check = (input: string, format: string, env?: NodeJS.ProcessEnv) => run(["check", "-p", inputs.policy, input, "--now", NOW, "--format", format], env);
const INPUTS = [
  ["AWS CLI JSON", () => inputs.awsJson],
  [".tf directory", () => inputs.tf],
] as const;

describe.each(INPUTS)("hostile %s", (_kind, input) => {
  it("text: every outside value escaped, no forged line, the real verdict last", async () => {
    const r = await check(input(), "text");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expectNothingRaw(r.stdout, "text report");
    expect(r.stdout).not.toMatch(FORGED);
    expect(r.stdout).toContain("orders\\e[2K\\r\\e[1A\\e[32mhaspec: all checks passed\\e[0m\\nPolicy: 0 to fix");
    expect(r.stdout).toContain(HOSTILE_NAME_SHOWN);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^Policy: [1-9]\d* to fix/);
  });

  it("text in colour: only haspec's own colour codes are escapes", async () => {
    const r = await check(input(), "text", { FORCE_COLOR: "1" });
    expect(r.stdout).toMatch(/\u001b\[31m/);
    expectNothingRaw(r.stdout.replace(/\u001b\[\d+m/g, ""), "coloured text report");
  });

  it("markdown: nothing raw, markup escaped, every table row as wide as its header", async () => {
    const r = await check(input(), "markdown");
    expectNothingRaw(r.stdout, "markdown report");
    expect(r.stdout).not.toMatch(/<(?!br>)[a-z]/i);
    const lines = r.stdout.split("\n");
    let width: number | undefined;
    for (const line of lines) {
      if (!line.startsWith("|")) {
        width = undefined;
        continue;
      }
      const cells = line.split(/(?<!\\)\|/).length;
      width ??= cells;
      expect(cells, line).toBe(width);
    }
  });

  it("JSON: parses, keeps every value exact, and holds no raw control or bidi character", async () => {
    const r = await check(input(), "json");
    expectNothingRaw(r.stdout, "JSON report");
    const report = JSON.parse(r.stdout);
    const ids: string[] = report.results.map((x: { resource: { id: string } }) => x.resource.id);
    expect(ids.some((id) => id.includes("\u001b[2K\r\u001b[1A\u001b[32mhaspec: all checks passed\u001b[0m\nPolicy:"))).toBe(true);
  });

  it("SARIF: valid against the 2.1.0 schema, messages escaped, nothing raw", async () => {
    const r = await check(input(), "sarif");
    expectNothingRaw(r.stdout, "SARIF log");
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    for (const result of log.runs[0].results) expectNothingRaw(result.message.text, "SARIF message", "none");
  });

  it("JUnit: well-formed XML 1.0 for a strict parser, control characters shown, nothing raw", async () => {
    const r = await check(input(), "junit");
    expectNothingRaw(r.stdout, "JUnit XML");
    expect(r.stdout).not.toMatch(/&#x?0*(?:[0-8bcef]|1[0-9a-f]|7f|8[0-9a-f]|9[0-9a-f]);/i);
    const parsed = spawnSync("python3", ["-c", "import sys, xml.etree.ElementTree as E; t = E.fromstring(sys.stdin.buffer.read()); print(len(t.findall('.//testcase')))"], { input: r.stdout, encoding: "utf8" });
    expect(parsed.stderr).toBe("");
    expect(Number(parsed.stdout)).toBeGreaterThan(0);
    expect(r.stdout).toContain("\\e[2K");
  });

  it("HTML: nothing raw", async () => {
    const r = await check(input(), "html");
    expectNothingRaw(r.stdout, "HTML report");
  });

  it("CSV: one row per result for Python's csv and a strict parser, no cell a formula, nothing raw", async () => {
    const [csv, json] = await Promise.all([check(input(), "csv"), check(input(), "json")]);
    const results = JSON.parse(json.stdout).results.length;
    expectNothingRaw(csv.stdout, "CSV report");
    const strict: string[][] = parseCsv(csv.stdout, { relax_quotes: false, relax_column_count: false });
    const python = spawnSync("python3", ["-c", "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))"], { input: csv.stdout, encoding: "utf8" });
    expect(python.stderr).toBe("");
    const rows: string[][] = JSON.parse(python.stdout);
    for (const parsed of [strict, rows]) {
      expect(parsed).toHaveLength(results + 1);
      expect(parsed[0]).toEqual([...CSV_COLUMNS]);
      for (const row of parsed) {
        expect(row).toHaveLength(CSV_COLUMNS.length);
        for (const cell of row) expect(cell, JSON.stringify(row)).not.toMatch(FORMULA_START);
      }
    }
  });
});

describe.each(INPUTS)("hostile %s under haspec simulate", (_kind, input) => {
  const simulate = (format: string) => run(["simulate", "-p", inputs.policy, input(), "--now", NOW, "--format", format]);

  it("text, Markdown, HTML: nothing raw, no forged line, the real summary last", async () => {
    for (const format of ["text", "markdown", "html"]) {
      const r = await simulate(format);
      expect(r.stderr, format).toBe("");
      expectNothingRaw(r.stdout, `simulate ${format}`);
      expect(r.stdout, format).not.toMatch(FORGED);
      if (format === "text") expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^Simulation: \d+ scenarios: /);
      if (format === "markdown") {
        // Only haspec's own markup: the details around each chain and the line breaks in cells.
        expect(r.stdout).not.toMatch(/<(?!br>|details>|\/details>|summary>|\/summary>)[a-z/]/i);
        let width: number | undefined;
        for (const line of r.stdout.split("\n")) {
          if (!line.startsWith("|")) {
            width = undefined;
            continue;
          }
          const cells = line.split(/(?<!\\)\|/).length;
          width ??= cells;
          expect(cells, line).toBe(width);
        }
      }
    }
  });

  it("JSON: parses, keeps every value exact, nothing raw", async () => {
    const r = await simulate("json");
    expectNothingRaw(r.stdout, "simulate JSON");
    const ids: string[] = JSON.parse(r.stdout).scenarios.map((x: { resource: { id: string } }) => x.resource.id);
    expect(ids.some((id) => id.includes("\u001b[2K\r\u001b[1A\u001b[32mhaspec: all checks passed\u001b[0m\nPolicy:"))).toBe(true);
  });
});

/** A cell a spreadsheet would run: a formula character after any leading whitespace or separators. */
const FORMULA_START = /^[\s,;]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/u;

describe("report merge of a hostile shard", () => {
  it("shows a severity or status it was not written with, in every text output, and keeps JUnit well-formed", async () => {
    const report = JSON.parse((await check(inputs.awsJson, "json")).stdout);
    for (const r of report.results) r.severity = `high\u001b[2K\u0000\u202e`;
    const shard = `${inputs.root}/shard.json`;
    writeFileSync(shard, JSON.stringify(report));
    // Every format there is, so a format added later is held to the same rule.
    for (const format of Object.keys(REPORTERS)) {
      const r = await run(["report", "merge", shard, "--format", format]);
      expect(r.stderr, format).toBe("");
      expectNothingRaw(r.stdout, `merged ${format}`);
    }
    const junit = await run(["report", "merge", shard, "--format", "junit"]);
    const parsed = spawnSync("python3", ["-c", "import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.buffer.read())"], { input: junit.stdout, encoding: "utf8" });
    expect(parsed.stderr).toBe("");
  });
});

describe("CLI error messages quoting hostile file names", () => {
  it("an input that cannot be read is named with its escapes shown", async () => {
    const r = await run(["check", "-p", inputs.policy, `${inputs.root}/missing${HOSTILE_NAME}.json`, "--now", NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: /);
    expectNothingRaw(r.stderr, "error message");
    expect(r.stderr).toContain("\\u202evil");
  });

  it("a policy that cannot be read is named with its escapes shown", async () => {
    const r = await run(["check", "-p", `${inputs.root}/no-policy${HOSTILE_NAME}.yaml`, inputs.awsJson, "--now", NOW]);
    expect(r.code).toBe(2);
    expectNothingRaw(r.stderr, "error message");
  });

  it("a report that cannot be written is named with its escapes shown", async () => {
    const r = await run(["check", "-p", inputs.policy, inputs.awsJson, "--now", NOW, "--format", `json=${inputs.root}/no-dir/r${HOSTILE_NAME}.json`]);
    expect(r.code).toBe(2);
    expectNothingRaw(r.stderr, "error message");
  });
});

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(new URL("../fixtures/schemas/sarif-schema-2.1.0.json", import.meta.url), "utf8")));
