// The resource screen: what the resource is, its instances (AZ, tier, class, writer), and each result with its diff line, consequence and policy line.
import { diffSubject, diffValue, resultPlace, type ResourceRef, type Result } from "../engine/result.js";
import type { Instance, Resource } from "../model/resource.js";
import type { Value } from "../model/value.js";
import { describeFilters, isFiltered, type Filters } from "./filters.js";
import { BLANK, line, seg, type Line, type Segment } from "./lines.js";
import type { ResourceRow, Tally } from "./model.js";
import { SYMBOL } from "./symbols.js";
import { printable } from "../report/outside-text.js";
import { fitEnd, truncate } from "./terminal-text.js";
import { statusRole } from "./theme.js";

/** The document under the pinned title, and where each result's block starts and ends in it. */
export interface ResourceDocument {
  readonly lines: readonly Line[];
  readonly blocks: readonly { readonly start: number; readonly end: number }[];
}

export interface ResourceInput {
  readonly row: ResourceRow;
  /** Counts of every result of the resource, unfiltered. */
  readonly all: Tally;
  /** The resource as read, for its instances; undefined when the inventory lacks it. */
  readonly resource: Resource | undefined;
  readonly cursor: number;
  readonly filters: Filters;
  readonly width: number;
}

/** The pinned first line: the resource and where it runs. */
export function resourceTitle(ref: ResourceRef): Line {
  const where = [ref.kind, ref.engine, ref.region, ref.account].filter(Boolean).join(" · ");
  return line(seg("‹ ", "dim"), seg(ref.id, "heading"), seg(`  ${where}`, "dim"));
}

/** `file:line` of a source location, or the source kind alone. */
export function locationText(location: ResourceRef["location"]): string | undefined {
  if (location === undefined) return undefined;
  const at = [location.file, location.line].filter((x) => x !== undefined).join(":");
  return at === "" ? location.source : `${at} (${location.source})`;
}

/** `policies/x.yaml:23` of the rule that demanded the result. */
function policyLine(r: Result): string {
  return r.policyPosition ? `${r.policyPosition.file}:${r.policyPosition.line}` : `policy ${r.policy} (position not recorded)`;
}

/** A model value in a cell: the value, or `?` in the unknown colour (never a blank that reads as fine). */
function valueCell(v: Value<string | number | boolean | null>, width: number, show: (x: string | number | boolean) => string = String): Segment {
  if (!v.known) return seg(fitEnd("?", width), "unknown");
  return seg(fitEnd(v.value === null ? "—" : printable(show(v.value)), width));
}

function instanceLines(resource: Resource | undefined, width: number): Line[] {
  if (resource === undefined) return [line(seg("  The inputs' description of this resource is not at hand.", "dim"))];
  if (!resource.instances.known) return [line(seg("  unknown: ", "unknown"), seg(resource.instances.reason, "dim"))];
  const instances = resource.instances.value;
  if (instances.length === 0) return [line(seg("  none", "fail"))];
  const role = 8;
  const tier = 6;
  const az = 18;
  const cls = 18;
  const id = Math.max(8, width - 2 - role - tier - az - cls);
  const header = line(seg(`  ${fitEnd("INSTANCE", id)}${fitEnd("ROLE", role)}${fitEnd("AZ", az)}${fitEnd("TIER", tier)}${fitEnd("CLASS", cls)}`, "dim"));
  return [header, ...instances.map((i) => instanceLine(i, { id, role, tier, az, cls }))];
}

function instanceLine(i: Instance, w: { id: number; role: number; tier: number; az: number; cls: number }): Line {
  const writer: Segment = !i.isWriter.known
    ? seg(fitEnd("?", w.role), "unknown")
    : i.isWriter.value
      ? seg(fitEnd("writer", w.role), "accent")
      : seg(fitEnd("reader", w.role));
  const standby = i.secondaryAvailabilityZone.known && i.secondaryAvailabilityZone.value !== null ? ` +${i.secondaryAvailabilityZone.value}` : "";
  const az = i.availabilityZone.known ? { known: true as const, value: `${i.availabilityZone.value}${standby}` } : i.availabilityZone;
  return line("  ", seg(fitEnd(printable(i.id), w.id)), writer, valueCell(az, w.az), valueCell(i.promotionTier, w.tier), valueCell(i.instanceClass, w.cls));
}

function tallyText(t: Tally): string {
  return [
    `${t.fail} to fix`,
    `${t.unknown} unknown`,
    `${t.waived} waived`,
    `${t.pass} pass`,
    ...(t.not_applicable > 0 ? [`${t.not_applicable} not applicable`] : []),
  ].join(" · ");
}

/** The consequence line of a result: its message, or the waiver. */
function consequence(r: Result): string {
  if (r.status === "waived") return `waived until ${r.waived?.waiver.expires ?? "?"}: ${r.reason ?? ""}`;
  return r.message + resultPlace(r);
}

/** Three lines per result: the Terraform-style line, the consequence, the rule and the policy line that demanded it. */
function resultBlock(r: Result, selected: boolean, width: number): Line[] {
  const value = diffValue(r);
  const gutter = selected ? seg("│   ", "accent") : seg("    ");
  return [
    {
      selected,
      segments: [
        seg(selected ? "› " : "  ", "accent"),
        seg(`${SYMBOL[r.status]} `, statusRole(r.status)),
        seg(diffSubject(r)),
        ...(value !== "" ? [seg(" = "), seg(value, r.status === "unknown" ? "unknown" : undefined)] : []),
      ],
    },
    line(gutter, seg(truncate(printable(consequence(r)), width - 4), "dim")),
    line(gutter, seg(r.rule, "dim"), seg(" · ", "dim"), seg(r.severity, r.severity), seg(` · ${policyLine(r)} · target ${r.target}`, "dim")),
  ];
}

export function resourceDocument(input: ResourceInput): ResourceDocument {
  const { row, filters, width } = input;
  const ref = row.ref;
  const lines: Line[] = [line(seg("address  ", "dim"), ref.address)];
  const at = locationText(ref.location);
  if (at !== undefined) lines.push(line(seg("read at  ", "dim"), at));
  lines.push(line(seg("results  ", "dim"), tallyText(input.all)));
  if (isFiltered(filters)) lines.push(line(seg("showing  ", "dim"), seg(`${row.results.length} (${describeFilters(filters).join(" · ")})`, "accent")));
  lines.push(BLANK, line(seg("Instances", "heading")), ...instanceLines(input.resource, width), BLANK, line(seg("Results", "heading"), seg(row.results.length > 0 ? `  ${input.cursor + 1} of ${row.results.length}` : "", "dim")));
  const blocks: { start: number; end: number }[] = [];
  if (row.results.length === 0) {
    lines.push(line(seg(input.all.not_applicable > 0 && isFiltered(filters) === false ? "  No rule applies to this resource." : "  No result matches the filters.", "dim")));
  }
  row.results.forEach((entry, i) => {
    const start = lines.length;
    lines.push(...resultBlock(entry.result, i === input.cursor, width));
    blocks.push({ start, end: lines.length });
  });
  return { lines, blocks };
}
