// Collects account-wide items (event subscriptions, proxies, proxy targets) with the scopes their files cover.
import type { Scoped } from "../../model/inventory.js";
import { known, unknown, type Value } from "../../model/value.js";

type Scope = { readonly account?: string; readonly region?: string };

function scopeOf(account: string | undefined, region: string | undefined): Scope {
  return account === undefined ? (region === undefined ? {} : { region }) : region === undefined ? { account } : { account, region };
}

/**
 * Items merged from every file of one kind (first of equal keys kept). Each file adds a scope per
 * account/region pair its items name. A file naming none (an empty list) covers the places of the
 * resources read from its own directory (`placesOf`, per-region directories), or, when none were
 * read there, every place (the wildcard scope).
 */
export class ScopedCollector<T> {
  private readonly items = new Map<string, T>();
  private readonly scopes = new Map<string, Scope>();
  private readonly placelessDirs: (string | undefined)[] = [];
  private fileHadScope = false;
  private anyFile = false;
  private dir: string | undefined;

  /** `dir`: the directory of the file, to place an empty list by the resources beside it. */
  beginFile(dir?: string): void {
    this.anyFile = true;
    this.fileHadScope = false;
    this.dir = dir;
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
    if (!this.fileHadScope) this.placelessDirs.push(this.dir);
  }

  /**
   * Known items and scopes when any file was read; otherwise unknown with `noInput`. `placesOf`
   * gives the account/region pairs of the resources read from a directory.
   */
  result(noInput: string, placesOf: (dir: string | undefined) => readonly Scope[] = () => []): Value<Scoped<T>> {
    if (!this.anyFile) return unknown(noInput);
    const scopes = new Map(this.scopes);
    for (const dir of this.placelessDirs) {
      const places = placesOf(dir);
      if (places.length === 0) scopes.set("\u0000", {});
      for (const p of places) {
        const key = `${p.account ?? ""}\u0000${p.region ?? ""}`;
        if (!scopes.has(key)) scopes.set(key, scopeOf(p.account, p.region));
      }
    }
    return known({ items: [...this.items.values()], scopes: [...scopes.values()] });
  }
}
