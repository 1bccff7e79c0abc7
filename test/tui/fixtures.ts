// Data for the UI tests: the demo fleet as the CLI judges it, a mixed small fleet, a hostile one and a large one.
import { stripVTControlCharacters } from "node:util";
import { evaluate } from "../../src/engine/evaluate.js";
import type { Resource } from "../../src/model/resource.js";
import { readInputs } from "../../src/sources/index.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import type { TuiData } from "../../src/tui/types.js";
import { inventory, resource, UNKNOWN } from "../support/build.js";
import { policy, target } from "../support/policy.js";
import { REPO } from "../support/run-cli.js";

export const NOW = new Date("2026-11-22T10:00:00Z");

/** `npm start`'s data: policies/aurora-production.yaml over examples/demo-fleet. */
export async function demoData(): Promise<TuiData> {
  // Paths as `npm start` gives them (the tests run in the repository).
  const pol = await loadPolicy("policies/aurora-production.yaml");
  const inv = await readInputs(["examples/demo-fleet"], undefined, {
    cwd: REPO,
    varFiles: [],
    vars: {},
    live: { regions: [], roleArns: [], env: {}, now: () => NOW },
  });
  return { evaluation: evaluate([pol], inv, { now: NOW }), resources: inv.resources };
}

function judged(resources: Resource[], targets = [target({ require: { "backup.min_retention_days": 7, "multi_az.min_azs": 2 } })]): TuiData {
  const waivers = [{ resource: "waived-db", rules: ["backup.min_retention_days"], reason: "migration until Q1", expires: "2030-01-01", approvedBy: "cto@example.com" }];
  return { evaluation: evaluate([policy({ targets, waivers })], inventory({ resources }), { now: NOW }), resources };
}

/** failing-db fails, unknown-db is unknown, waived-db is waived, clean-db passes. */
export function mixedData(): TuiData {
  return judged([
    resource({ id: "clean-db" }),
    resource({ id: "unknown-db", retention: UNKNOWN }),
    resource({ id: "failing-db", retention: 1 }),
    resource({ id: "waived-db", retention: 2 }),
  ]);
}

/** Identifiers carrying a newline, an ANSI escape (clear screen, red) and a bidi override. */
export const HOSTILE_ID = "evil\n\u001b[2J\u001b[31mdb\u202e";

export function hostileData(): TuiData {
  return judged([resource({ id: HOSTILE_ID, retention: 1, instances: [{ id: `inst\u001b]0;title\u0007`, writer: true, az: "us-east-1a" }] })]);
}

/** `n` failing resources with long identifiers. */
export function largeFleet(n: number): TuiData {
  return judged(Array.from({ length: n }, (_, i) => resource({ id: `cluster-${String(i).padStart(4, "0")}-${"x".repeat(90)}`, retention: 1 + (i % 5) })));
}

/** A frame as plain text lines. */
export function screen(frame: string | undefined): string[] {
  return stripVTControlCharacters(frame ?? "").split("\n");
}
