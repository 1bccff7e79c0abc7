// Hostile inputs for the output tests: the fixtures under test/fixtures/hostile copied under file names that carry escapes too.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { REPO } from "./run-cli.js";

export const HOSTILE_FIXTURES = join(REPO, "test/fixtures/hostile");

/** Every character a terminal, log viewer, editor or spreadsheet acts on instead of showing (newlines checked apart). */
export const RAW_UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/u;

/** A file or directory name a pull request could add: it moves the cursor, writes the clipboard, beeps and reverses text. */
export const HOSTILE_NAME = "in\u001b[2K\u001b]52;c;eA==\u0007\u202evil\u2066";
/** How a text output shows it. */
export const HOSTILE_NAME_SHOWN = "in\\e[2K\\e]52;c;eA==\\x07\\u202evil\\u2066";

export interface HostileInputs {
  readonly root: string;
  readonly awsJson: string;
  readonly tf: string;
  readonly policy: string;
}

/** The hostile fixtures copied into a temporary directory whose name is itself hostile. */
export function hostileInputs(): HostileInputs {
  const root = join(mkdtempSync(join(tmpdir(), "haspec-hostile-")), HOSTILE_NAME);
  const awsJson = join(root, "aws-json");
  const tf = join(root, "tf");
  cpSync(join(HOSTILE_FIXTURES, "aws-json"), awsJson, { recursive: true });
  cpSync(join(HOSTILE_FIXTURES, "tf"), tf, { recursive: true });
  const policy = join(root, `policy${HOSTILE_NAME}.yaml`);
  cpSync(join(HOSTILE_FIXTURES, "policy.yaml"), policy);
  return { root, awsJson, tf, policy };
}

/** No raw control, bidi or invisible character in the text; line feeds only where `newlines` allows them. */
export function expectNothingRaw(text: string, what: string, newlines: "allowed" | "none" = "allowed"): void {
  const checked = newlines === "allowed" ? text.replace(/\n/g, "") : text;
  const found = RAW_UNSAFE.exec(checked);
  expect(found && `U+${found[0].codePointAt(0)!.toString(16).padStart(4, "0")} at ${found.index}: …${JSON.stringify(checked.slice(Math.max(0, found.index - 40), found.index + 20))}…`, `${what}: a raw control or invisible character`).toBeNull();
}
