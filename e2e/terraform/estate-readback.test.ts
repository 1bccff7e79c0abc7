// Every estate, applied to moto by Terraform and read back as .tf, state, plan, AWS CLI files, live and snapshot, gives the expected verdicts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEstate, disagreements, INPUT_KINDS, readBack, readExpected, type AppliedEstate } from "./harness/estate.js";

const ESTATE = process.env["HASPEC_E2E_ESTATE"] ?? "aurora-mysql-count";

describe(`estate ${ESTATE}`, () => {
  let estate: AppliedEstate;
  beforeAll(async () => {
    estate = await applyEstate(ESTATE);
  }, 300_000);
  afterAll(() => estate?.close());

  for (const kind of INPUT_KINDS) {
    it(`read back as ${kind} gives the expected verdicts`, async () => {
      const actual = await readBack(estate, kind);
      expect(disagreements(readExpected(ESTATE), kind, actual)).toEqual([]);
    });
  }
});
