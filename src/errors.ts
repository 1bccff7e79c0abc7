// Errors that are the user's to fix (bad flags, bad policy, unreadable input): printed plainly, exit 2.

/** A place in a user's file, 1-based. */
export interface FilePosition {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** One problem found in a user's file. */
export interface Problem extends FilePosition {
  /** Key path inside the document, e.g. `targets[0].require.multi_az.min_azs`. */
  readonly path?: string;
  /** What is wrong and what was expected, e.g. `expected an integer >= 1, got "two"`. */
  readonly message: string;
  /** What to do about it, e.g. `did you mean "min_azs"?`. */
  readonly hint?: string;
}

/** `file:line:column` (parts omitted when unknown). */
export function formatPosition(p: FilePosition): string {
  return [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(":");
}

export function formatProblem(p: Problem): string {
  const at = p.path ? ` ${p.path}:` : "";
  return `${formatPosition(p)}:${at} ${p.message}${p.hint ? ` (${p.hint})` : ""}`;
}

/**
 * A mistake in what the user gave us. The CLI prints `message` and every problem, never a stack
 * trace, and exits with code 2. `cause` keeps the underlying error for debugging.
 */
export class UserError extends Error {
  readonly problems: readonly Problem[];
  constructor(message: string, problems: readonly Problem[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UserError";
    this.problems = problems;
  }
}
