// The interactive UI's inputs: the finished evaluation, the judged resources, and the fix generator it may call.
import type { Evaluation } from "../engine/result.js";
import type { Resource } from "../model/resource.js";
import type { Scenario } from "../simulate/types.js";

/** Code that fixes one resource's failing results, ready to paste. */
export interface FixSnippets {
  readonly cdktf: string;
  readonly hcl: string;
  /** Steps no attribute change can make (add an instance, recreate…), in words. */
  readonly manual: readonly string[];
}

/** What the UI may ask of the fix generator (src/fix); injected so the UI runs and tests without it. */
export interface FixActions {
  /** CDKTF and HCL snippets fixing this resource's failing results; undefined when nothing is fixable. */
  snippets(resourceAddress: string): Promise<FixSnippets | undefined>;
  /** Writes a fix project (DIR/cdktf, DIR/hcl, DIR/README.md) for these resources (or all); returns a one-line message naming what was written. */
  write(resourceAddresses: readonly string[] | "all", outDir: string): Promise<string>;
}

/** Everything the UI shows, once the inputs are read and judged. */
export interface TuiData {
  readonly evaluation: Evaluation;
  /** The judged inventory's resources: the UI shows their instances (results carry only a reference). */
  readonly resources: readonly Resource[];
  /** A resource's failure scenarios (`r`: writer, its AZ, its region), simulated on first asked; absent when the session cannot simulate. */
  readonly scenarios?: (resourceAddress: string) => Promise<readonly Scenario[]>;
}
