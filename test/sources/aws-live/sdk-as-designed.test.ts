// The live scan uses the AWS SDK as designed: no module of haspec reaches into the SDK's protocol or schema internals.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../../src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe("the AWS SDK", () => {
  it("is used through its clients, paginators and options only", () => {
    const internals = /["'](@smithy\/core\/(schema|serde)|@aws-sdk\/core\/protocols)["']|\b_parse[A-Z]\w*|easysax/;
    const offenders = files(SRC).filter((f) => internals.test(readFileSync(f, "utf8")));
    expect(offenders, "use the SDK's own protocol, parser and paginators instead of its internals").toEqual([]);
  });
});
