// Whether `haspec check` opens the interactive UI: a person at a terminal asking for the plain report, or --interactive.
import { UserError } from "../errors.js";

export interface InterfaceContext {
  /** `--interactive` (true), `--no-interactive` (false), or neither. */
  readonly interactive: boolean | undefined;
  readonly stdoutIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly formats: readonly string[];
  readonly output: string | undefined;
  readonly quiet: boolean;
}

/** The flag that makes this run a machine's (its output is read by a program or written to a file), if any. */
function machineFlag(c: InterfaceContext): string | undefined {
  if (c.quiet) return "--quiet";
  if (c.output !== undefined) return "--output";
  const other = c.formats.find((f) => f !== "text");
  return other === undefined ? undefined : `--format ${other}`;
}

/** CI as most tools (and ink, which then draws only its last frame) read it: set, and not `0` or `false`. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  const set = (name: string) => env[name] !== undefined && env[name] !== "" && env[name] !== "0" && env[name] !== "false";
  return set("CI") || set("CONTINUOUS_INTEGRATION");
}

/**
 * `ui` when stdin and stdout are terminals, CI is not set, TERM is not `dumb`, and the plain text
 * report to stdout is what was asked for (no --output, --quiet or other --format); `text`
 * otherwise or with --no-interactive. --interactive insists: when the UI cannot run it is a
 * usage error naming why, never a silent fallback.
 */
export function chooseInterface(c: InterfaceContext): "ui" | "text" {
  if (c.interactive === false) return "text";
  const machine = machineFlag(c);
  const terminal = c.stdoutIsTTY && c.stdinIsTTY;
  if (c.interactive === true) {
    if (machine !== undefined) {
      throw new UserError(`--interactive cannot be combined with ${machine}: that writes the report for a program; drop one of them`);
    }
    if (!terminal) {
      throw new UserError(
        `--interactive needs a terminal, but ${c.stdoutIsTTY ? "stdin" : "stdout"} is not one; drop --interactive for the text report`,
      );
    }
    if (inCi(c.env)) throw new UserError("--interactive cannot draw while CI is set; unset CI (and CONTINUOUS_INTEGRATION) or drop --interactive");
    return "ui";
  }
  if (machine !== undefined || !terminal || inCi(c.env) || c.env.TERM === "dumb") return "text";
  return "ui";
}
