// Message templates with data, the ESLint way: a verdict names a template by id, the engine renders `{{name}}` with the data.

/** A message a verdict's data can embed whole (rendered with the same templates), e.g. the verdict a wrapper qualifies. */
export interface MessageRef {
  readonly messageId: string;
  readonly data?: MessageData;
}

/** The values a template's `{{name}}` placeholders take; numbers and booleans render as `String(value)`. */
export type MessageData = { readonly [name: string]: string | number | boolean | null | MessageRef };

/**
 * Templates any verdict may name besides its rule's own: the unknown and not-applicable wording the verdict
 * helpers and the engine use, and the wrappers that qualify another verdict's message.
 */
export const SHARED_MESSAGES = {
  unknown: "cannot be judged: {{reason}}",
  notApplicable: "{{reason}}",
  noRule: "no rule {{rule}}",
  /** A target whose match cannot be decided for the resource (its tags, account or region are unknown). */
  targetUnknown: "{{reason}}",
  /** A pass on a plan that errored or deferred changes (the engine makes it unknown). */
  incompletePlan: "{{message}}, but {{incomplete}}",
  /** The same outcome whichever candidate writes; the message names the first candidate as the writer. */
  sameWhicheverWriter:
    "{{message}} (shown with {{writer}} as the writer; the outcome is the same whichever of {{writers}} writes, and the data does not say which)",
} as const;

export type SharedMessageId = keyof typeof SHARED_MESSAGES;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The `{{name}}` placeholders of a template, in order. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * Renders `messageId` from `templates` (then the shared ones) with `data`. A missing template or value is a bug the
 * parity and rule tests catch; it renders as the id or the `{{name}}` left in place rather than failing a run.
 */
export function renderMessage(templates: Readonly<Record<string, string>> | undefined, messageId: string, data?: MessageData): string {
  const template =
    templates !== undefined && Object.hasOwn(templates, messageId)
      ? templates[messageId]!
      : Object.hasOwn(SHARED_MESSAGES, messageId)
        ? SHARED_MESSAGES[messageId as SharedMessageId]
        : messageId;
  if (data === undefined || !template.includes("{{")) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!Object.hasOwn(data, name)) return whole;
    const value = data[name]!;
    return typeof value === "object" && value !== null ? renderMessage(templates, value.messageId, value.data) : String(value);
  });
}

/** The message of a verdict `rule` gave (or of a result the engine made without a rule: `rule` undefined). */
export function verdictMessage(
  rule: { readonly messages: Readonly<Record<string, string>> } | undefined,
  verdict: { readonly messageId: string; readonly data?: MessageData },
): string {
  return renderMessage(rule?.messages, verdict.messageId, verdict.data);
}
