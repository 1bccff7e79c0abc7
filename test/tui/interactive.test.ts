// When `haspec check` opens the UI and when it prints the text report; what --interactive says when it cannot open.
import { describe, expect, it } from "vitest";
import { chooseInterface, inCi, type InterfaceContext } from "../../src/cli/interactive.js";
import { UserError } from "../../src/errors.js";

const terminal: InterfaceContext = { interactive: undefined, stdoutIsTTY: true, stdinIsTTY: true, env: {}, formats: [], output: undefined, quiet: false };
const at = (more: Partial<InterfaceContext>) => ({ ...terminal, ...more });

describe("chooseInterface", () => {
  it("opens the UI for a person at a terminal asking for the plain report", () => {
    expect(chooseInterface(terminal)).toBe("ui");
    expect(chooseInterface(at({ formats: ["text"] }))).toBe("ui");
    expect(chooseInterface(at({ env: { CI: "false" } }))).toBe("ui");
  });

  it("prints the text report when either end is not a terminal, in CI, on a dumb terminal, or with --no-interactive", () => {
    expect(chooseInterface(at({ stdoutIsTTY: false }))).toBe("text");
    expect(chooseInterface(at({ stdinIsTTY: false }))).toBe("text");
    expect(chooseInterface(at({ env: { CI: "true" } }))).toBe("text");
    expect(chooseInterface(at({ env: { CONTINUOUS_INTEGRATION: "1" } }))).toBe("text");
    expect(chooseInterface(at({ env: { TERM: "dumb" } }))).toBe("text");
    expect(chooseInterface(at({ interactive: false }))).toBe("text");
  });

  it("machine uses keep the text path: --output, --quiet, any other --format (or FORMAT=FILE)", () => {
    expect(chooseInterface(at({ output: "r.txt" }))).toBe("text");
    expect(chooseInterface(at({ quiet: true }))).toBe("text");
    expect(chooseInterface(at({ formats: ["json"] }))).toBe("text");
    expect(chooseInterface(at({ formats: ["text", "sarif=out.sarif"] }))).toBe("text");
    expect(chooseInterface(at({ formats: ["text=report.txt"] }))).toBe("text");
  });

  it("--interactive forces the UI, and says why when it cannot run", () => {
    expect(chooseInterface(at({ interactive: true, env: { TERM: "dumb" } }))).toBe("ui");
    expect(() => chooseInterface(at({ interactive: true, stdoutIsTTY: false }))).toThrow(/--interactive needs a terminal, but stdout is not one/);
    expect(() => chooseInterface(at({ interactive: true, stdinIsTTY: false }))).toThrow(/stdin is not one/);
    expect(() => chooseInterface(at({ interactive: true, env: { CI: "1" } }))).toThrow(/unset CI/);
    expect(() => chooseInterface(at({ interactive: true, formats: ["json"] }))).toThrow(/--format json/);
    expect(() => chooseInterface(at({ interactive: true, quiet: true }))).toThrow(UserError);
  });

  it("reads CI as set unless empty, 0 or false", () => {
    expect(inCi({})).toBe(false);
    expect(inCi({ CI: "" })).toBe(false);
    expect(inCi({ CI: "0" })).toBe(false);
    expect(inCi({ CI: "true" })).toBe(true);
    expect(inCi({ CI: "woodpecker" })).toBe(true);
  });
});
