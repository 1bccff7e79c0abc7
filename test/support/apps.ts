// Builders for applications (--app-config) in rule and simulate tests: an Application with only the findings a test names.
import { applicationResource, type AppPlace, type Application, type DatabaseUse, type JvmDnsSetting, type PoolUse } from "../../src/model/application.js";
import type { Inventory } from "../../src/model/inventory.js";
import type { Resource } from "../../src/model/resource.js";
import type { RuleContext } from "../../src/rules/types.js";
import { context, inventory } from "./build.js";

export const at = (line: number, file = "app/application.properties"): AppPlace => ({ file, line });

export function app(a: Partial<Application> = {}): Application {
  return { id: "orders-api", path: "apps/orders-api", runtimes: [], jvmDns: [], databases: [], pools: [], proxies: [], notes: [], ...a };
}

export const jvm = (version?: string) => ({ kind: "jvm" as const, ...(version ? { version } : {}), at: at(1, "app/Dockerfile") });

export function dnsSetting(kind: JvmDnsSetting["kind"], seconds: number | null, line = 3, live = true): JvmDnsSetting {
  return { kind, seconds, at: at(line), live };
}

export function db(host: string | null, d: Partial<DatabaseUse> = {}): DatabaseUse {
  return { url: `jdbc:mysql://${host ?? "${DB_HOST}"}:3306/orders`, host, driver: "jdbc", failoverAware: false, at: at(2), live: true, ...d };
}

export function pool(seconds: number | null, p: Partial<PoolUse> = {}): PoolUse {
  return { library: "hikari", maxLifetimeSeconds: seconds, at: at(4), live: true, ...p };
}

/** The application as the resource the rules judge, and a context whose inventory holds it beside `databases`. */
export function judged(application: Application, databases: Partial<Parameters<typeof inventory>[0]> = {}): { resource: Resource; ctx: RuleContext; inventory: Inventory } {
  const inv: Inventory = { ...inventory(databases), applications: [application] };
  return { resource: applicationResource(application), ctx: context(inv), inventory: inv };
}
