// Unit tests for clients.max_pool_lifetime: the worst pool decides; no limit fails; a non-literal value is unknown.
import { describe, expect, it } from "vitest";
import { maxPoolLifetime } from "../../../src/rules/clients/max_pool_lifetime.js";
import { app, judged, pool } from "../../support/apps.js";

const check = (a: ReturnType<typeof app>, limit = 300) => {
  const { resource, ctx } = judged(a);
  return maxPoolLifetime.check(resource, limit, ctx);
};

describe("clients.max_pool_lifetime", () => {
  it("HikariCP's 30-minute default fails a 5-minute limit, naming the default's source", () => {
    const v = check(app({ pools: [pool(1800, { defaultFrom: "HikariCP maxLifetime default 1800000 ms" })] }));
    expect(v).toMatchObject({ status: "fail", actual: 1800, location: { line: 4 } });
    expect(v.data?.["worst"]).toContain("HikariCP maxLifetime default");
  });

  it("a pool without a limit fails; within the limit passes", () => {
    expect(check(app({ pools: [pool(Infinity, { library: "sqlalchemy" })] }))).toMatchObject({ status: "fail", actual: "no limit" });
    expect(check(app({ pools: [pool(240), pool(0, { library: "django" })] })).status).toBe("pass");
  });

  it("an unknown lifetime is unknown unless another pool already fails", () => {
    expect(check(app({ pools: [pool(null)] })).status).toBe("unknown");
    expect(check(app({ pools: [pool(null), pool(3600)] })).status).toBe("fail");
  });

  it("no pool: not applicable; a pool in dead code does not count", () => {
    expect(check(app()).status).toBe("not_applicable");
    expect(check(app({ pools: [pool(Infinity, { live: false })] })).status).toBe("not_applicable");
  });
});
