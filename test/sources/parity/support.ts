// What every parity test asserts: the inputs agree wherever its table lists no difference, and differ exactly as listed.
import { expect } from "vitest";

export type Status = "pass" | "fail" | "unknown" | "not_applicable";

export interface Judged {
  readonly status: Status;
  readonly reason: string | undefined;
}

/** A (resource, rule) where the inputs differ: each input's status, why, and the words an unknown's reason must contain. */
export interface Difference<Source extends string> {
  readonly sources: Record<Source, Status>;
  readonly why: string;
  readonly reason?: RegExp;
}

/** Every input gives the AWS CLI JSON's status wherever the table lists no difference. */
export function expectSameWhereNotListed<Source extends string>(verdicts: Record<Source | "aws-json", Map<string, Judged>>, sources: readonly Source[], differences: Record<string, Difference<Source>>): void {
  for (const [key, aws] of verdicts["aws-json"]) {
    if (differences[key]) continue;
    for (const s of sources) expect(`${key}: ${s} ${verdicts[s].get(key)?.status}`).toBe(`${key}: ${s} ${aws.status}`);
  }
}

/** Every listed difference holds, and an unknown gives the reason the table names. */
export function expectListedDifferences<Source extends string>(verdicts: Record<Source, Map<string, Judged>>, sources: readonly Source[], differences: Record<string, Difference<Source>>): void {
  for (const [key, expected] of Object.entries(differences)) {
    for (const s of sources) {
      const got = verdicts[s].get(key);
      expect(`${key}: ${s} ${got?.status}`, expected.why).toBe(`${key}: ${s} ${expected.sources[s]}`);
      if (got?.status === "unknown" && expected.reason) expect(got.reason, `${key} (${s})`).toMatch(expected.reason);
    }
  }
}
