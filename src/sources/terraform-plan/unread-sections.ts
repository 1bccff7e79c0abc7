// Parses a plan's JSON without the sections haspec never reads (planned_values, resource_drift, prior_state), when Terraform wrote it.

/** Top-level keys left out of the parse; the end state is read from resource_changes instead of planned_values. */
export const UNREAD_PLAN_SECTIONS = ["planned_values", "resource_drift", "prior_state"] as const;

/**
 * Keys haspec reads that every Terraform writes. Finding them in what was parsed proves none sat
 * inside a cut-out stretch of a document written in another order.
 */
const REQUIRED_KEYS = ["format_version", "resource_changes", "configuration"];

/**
 * Keys haspec reads that older Terraform versions do not write, and that a pass depends on. One
 * missing from what was parsed must be missing from the cut-out stretches too, or the whole text is
 * parsed. (`variables`, which a plan may also lack, is not searched for: it only names provider
 * regions, and a region that cannot be read makes verdicts unknown, never a pass.)
 */
const OPTIONAL_KEYS = ["complete", "errored"];

/**
 * `terraform show -json` writes one compact line with the top-level keys in a fixed order:
 * format_version, terraform_version, variables, planned_values, resource_drift, resource_changes,
 * output_changes, prior_state, configuration, relevant_attributes, checks, timestamp, applyable,
 * complete, errored. planned_values repeats the changes' `after` values and prior_state the
 * `before` values, so together they are about half of a large plan and half of its parse.
 *
 * This cuts the stretch from `,"planned_values":` to `,"resource_changes":` and the one from
 * `,"prior_state":` to `,"configuration":` (a plan of a new configuration has no prior_state) out of
 * the file's bytes and decodes and parses the rest, so the whole file is never decoded either.
 *
 * A quote cannot occur unescaped inside a JSON string, so each pattern can only be an object key.
 * A cut that starts or ends at a nested key leaves brackets unbalanced (the parse fails) or leaves
 * the top-level key in place; a document in another order lacks one of REQUIRED_KEYS or has one of
 * OPTIONAL_KEYS inside a cut-out stretch. In each of those cases this returns undefined and the
 * caller parses the whole text, which also gives the exact position of any syntax error.
 */
export function parsePlanSkippingUnread(bytes: Buffer): Record<string, unknown> | undefined {
  const plannedAt = bytes.indexOf(',"planned_values":');
  if (plannedAt < 0) return undefined;
  const changesAt = bytes.indexOf(',"resource_changes":', plannedAt);
  if (changesAt < 0) return undefined;
  const priorAt = bytes.lastIndexOf(',"prior_state":');
  if (priorAt >= 0 && priorAt < changesAt) return undefined;
  const configurationAt = priorAt < 0 ? -1 : bytes.indexOf(',"configuration":', priorAt);
  if (priorAt >= 0 && configurationAt < 0) return undefined;
  // The patterns are ASCII, which never occurs inside a multi-byte UTF-8 sequence: every cut falls between characters.
  const kept = [bytes.subarray(0, plannedAt), ...(priorAt < 0 ? [bytes.subarray(changesAt)] : [bytes.subarray(changesAt, priorAt), bytes.subarray(configurationAt)])];
  const cut = [bytes.subarray(plannedAt, changesAt), ...(priorAt < 0 ? [] : [bytes.subarray(priorAt, configurationAt)])];
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.concat(kept).toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const parsed = doc as Record<string, unknown>;
  if (UNREAD_PLAN_SECTIONS.some((key) => key in parsed) || REQUIRED_KEYS.some((key) => !(key in parsed))) return undefined;
  for (const key of OPTIONAL_KEYS) {
    if (!(key in parsed) && cut.some((stretch) => stretch.includes(`"${key}":`))) return undefined;
  }
  return parsed;
}
