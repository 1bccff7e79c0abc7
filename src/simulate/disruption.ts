// Disruptions as the command line writes them (SPEC §6.1): `writer`, `instance:ID`, `az:NAME`, `region:NAME`.
import { UserError } from "../errors.js";
import { regionOfAz } from "./place.js";
import type { Disruption, DisruptionKind, Scenario } from "./types.js";

const FORMS = "writer, instance:ID, az:NAME or region:NAME";

/** Reads one disruption; a UserError says what was expected when the text is not one. */
export function parseDisruption(text: string): Disruption {
  const t = text.trim();
  if (t.toLowerCase() === "writer") return { kind: "writer" };
  const colon = t.indexOf(":");
  const kind = colon < 0 ? t.toLowerCase() : t.slice(0, colon).trim().toLowerCase();
  const name = colon < 0 ? "" : t.slice(colon + 1).trim();
  if (kind !== "instance" && kind !== "az" && kind !== "region") {
    throw new UserError(`--fail ${JSON.stringify(text)}: expected ${FORMS}`);
  }
  if (name === "" || /\s/.test(name)) {
    const what = kind === "instance" ? "a DB instance identifier" : kind === "az" ? "an Availability Zone name (e.g. us-east-1a)" : "a region name (e.g. us-east-1)";
    throw new UserError(`--fail ${JSON.stringify(text)}: ${kind}: needs ${what} after the colon, without spaces (expected ${FORMS})`);
  }
  if (kind === "instance") return { kind, id: name };
  if (kind === "az" && regionOfAz(name) === null) {
    throw new UserError(`--fail ${JSON.stringify(text)}: "${name}" is not an Availability Zone name (expected a region name and a letter, e.g. us-east-1a; zone IDs such as use1-az1 are not accepted)`);
  }
  if (kind === "region" && !/^[a-z]{2}(-gov)?-[a-z]+-\d+$/i.test(name)) {
    throw new UserError(`--fail ${JSON.stringify(text)}: "${name}" is not a region name (expected e.g. us-east-1)`);
  }
  // AWS names zones and regions in lower case; `US-EAST-1A` means the same zone.
  return { kind, name: name.toLowerCase() };
}

/** The disruption as the command line writes it; parseDisruption reads it back. */
export function formatDisruption(d: Disruption): string {
  switch (d.kind) {
    case "writer":
      return "writer";
    case "instance":
      return `instance:${d.id}`;
    case "az":
      return `az:${d.name}`;
    case "region":
      return `region:${d.name}`;
  }
}

/**
 * The objective kind a scenario is judged under (SPEC §6.3): `writer`, `az`, `region`; `instance:ID`
 * counts as `writer` when ID was the writer, else as none (a reader's loss has no objective).
 * Null too for a scenario the data could not name (`az:?`).
 */
export function objectiveKindOf(scenario: Pick<Scenario, "disruption" | "writer">): DisruptionKind | null {
  const text = scenario.disruption;
  if (text === "writer") return "writer";
  if (text.startsWith("az:")) return text === "az:?" ? null : "az";
  if (text.startsWith("region:")) return text === "region:?" ? null : "region";
  if (text.startsWith("instance:")) return scenario.writer.before !== null && text.slice("instance:".length).toLowerCase() === scenario.writer.before.toLowerCase() ? "writer" : null;
  return null;
}
