// `--help` shows the values the registries define (sources, reporters, frameworks), laid out in columns.
import { describe, expect, it } from "vitest";
import { REPORTERS } from "../../src/report/index.js";
import { FRAMEWORKS } from "../../src/rules/controls.js";
import { SOURCE_KINDS } from "../../src/sources/index.js";
import { runCli } from "../support/run-cli.js";

/** The text of one option's help, up to the next option (yargs wraps long lines). */
function optionHelp(help: string, flag: string): string {
  const start = help.search(new RegExp(`\\n\\s+(-\\w, )?--${flag} `));
  expect(start, `--${flag} in the options`).toBeGreaterThanOrEqual(0);
  const next = help.slice(start + 1).search(/\n\s+(-\w, )?--[a-z-]+ /);
  return help.slice(start, next < 0 ? undefined : start + 1 + next).replace(/\s+/g, " ");
}

describe("--help", () => {
  const check = runCli(["check", "--help"]);

  it("check lists every source kind, reporter and framework", () => {
    expect(check.code).toBe(0);
    expect(optionHelp(check.stdout, "source")).toContain(`[choices: ${SOURCE_KINDS.map((k) => `"${k}"`).join(", ")}]`);
    const format = optionHelp(check.stdout, "format");
    for (const name of Object.keys(REPORTERS)) expect(format).toMatch(new RegExp(`\\b${name}\\b`));
    expect(optionHelp(check.stdout, "framework")).toContain(`[choices: ${FRAMEWORKS.map((f) => `"${f.id}"`).join(", ")}]`);
  });

  it("report merge lists every reporter; fix lists the code it can write", () => {
    const merge = runCli(["report", "--help"]);
    for (const name of Object.keys(REPORTERS)) expect(optionHelp(merge.stdout, "format")).toMatch(new RegExp(`\\b${name}\\b`));
    const fix = runCli(["fix", "--help"]);
    expect(optionHelp(fix.stdout, "format")).toContain('[choices: "cdktf", "hcl", "both"]');
    expect(optionHelp(fix.stdout, "source")).toContain(`"${SOURCE_KINDS[0]}"`);
  });

  it("lines up its columns: every option's description starts in the same column", () => {
    const starts = check.stdout
      .split("\n")
      .filter((l) => /^\s+--[a-z-]+\s{2,}\S/.test(l))
      .map((l) => /^\s+--[a-z-]+\s{2,}/.exec(l)![0].length);
    expect(starts.length).toBeGreaterThan(3);
    expect(new Set(starts).size).toBeLessThanOrEqual(2);
  });
});
