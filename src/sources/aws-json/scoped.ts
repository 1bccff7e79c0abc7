// Collects account-wide items (event subscriptions, proxies, proxy targets) with the scopes their files cover.
import type { Scoped } from "../../model/inventory.js";
import { known, unknown, type Value } from "../../model/value.js";

type Scope = { readonly account?: string; readonly region?: string };

function scopeOf(account: string | undefined, region: string | undefined): Scope {
  return account === undefined ? (region === undefined ? {} : { region }) : region === undefined ? { account } : { account, region };
}

/**
 * Items merged from every file of one kind (first of equal keys kept). Each file adds a scope per
 * account/region pair its items name; a file naming none (an empty list) adds the wildcard scope.
 */
export class ScopedCollector<T> {
  private readonly items = new Map<string, T>();
  private readonly scopes = new Map<string, Scope>();
  private fileHadScope = false;
  private anyFile = false;

  beginFile(): void {
    this.anyFile = true;
    this.fileHadScope = false;
  }

  add(key: string, item: T, account: string | undefined, region: string | undefined): void {
    if (!this.items.has(key)) this.items.set(key, item);
    this.addScope(account, region);
  }

  addScope(account: string | undefined, region: string | undefined): void {
    if (account === undefined && region === undefined) return;
    this.fileHadScope = true;
    const key = `${account ?? ""}\u0000${region ?? ""}`;
    if (!this.scopes.has(key)) this.scopes.set(key, scopeOf(account, region));
  }

  endFile(): void {
    if (!this.fileHadScope && !this.scopes.has("\u0000")) this.scopes.set("\u0000", {});
  }

  /** Known items and scopes when any file was read; otherwise unknown with `noInput`. */
  result(noInput: string): Value<Scoped<T>> {
    if (!this.anyFile) return unknown(noInput);
    return known({ items: [...this.items.values()], scopes: [...this.scopes.values()] });
  }
}
