// The values flags accept, taken from the registries that define them (loaded once a command is known, never for --version).
import type { FixFormat } from "../fix/index.js";
import { REPORTERS } from "../report/index.js";
import { SIMULATION_FORMATS as SIMULATION_OUTPUTS } from "../report/simulation.js";
import { FRAMEWORKS } from "../rules/controls.js";
import { SOURCE_KINDS } from "../sources/index.js";

/** `--source`: the input kinds the sources read. */
export const SOURCE_CHOICES: readonly string[] = SOURCE_KINDS;

/** `check --format` and `report merge --format`: the reporters. */
export const FORMAT_CHOICES: readonly string[] = Object.keys(REPORTERS);

/** `--framework`: the control frameworks rules are mapped to. */
export const FRAMEWORK_CHOICES: readonly string[] = FRAMEWORKS.map((f) => f.id);

/** `fix --format`: which code the fixer writes. A record, so the compiler insists on every FixFormat (the fixer exports only the type). */
const FIX_FORMAT_SET: Readonly<Record<FixFormat, true>> = { cdktf: true, hcl: true, both: true };
export const FIX_FORMATS = Object.keys(FIX_FORMAT_SET) as readonly FixFormat[];

/** `simulate --format`: the simulation's outputs. */
export const SIMULATION_FORMATS: readonly string[] = SIMULATION_OUTPUTS;
