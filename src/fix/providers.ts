// Which AWS provider configuration each block uses: one per account and region; the first is the default, the others get an alias.
import type { Block } from "./blocks.js";

/**
 * The hashicorp/aws versions the emitted code accepts: 5.x and 6.x, what teams run today. Every attribute a fix
 * writes exists in 5.x (proven against 5.100.0 by the e2e suite, npm run test:terraform); raise the floor only
 * when a remedy needs an attribute a 5.x provider lacks.
 */
export const AWS_PROVIDER_CONSTRAINT = ">= 5.0, < 7.0";

export interface ProviderConfig {
  readonly region: string | undefined;
  /** Pins the configuration to this account (`allowed_account_ids`), so credentials for another account fail instead of changing it. */
  readonly account: string | undefined;
  readonly alias: string | undefined;
}

export interface ProviderLayout {
  /** With no region in the data: one provider without region (AWS_REGION decides). */
  readonly providers: readonly ProviderConfig[];
  /** The alias of the provider a block uses (undefined for the default provider). */
  aliasOf(block: Pick<Block, "region" | "account">): string | undefined;
}

const keyOf = (b: Pick<Block, "region" | "account">) => `${b.account ?? ""}/${b.region ?? ""}`;

export function providerLayout(blocks: readonly Block[]): ProviderLayout {
  const places: { region: string | undefined; account: string | undefined; key: string }[] = [];
  for (const b of blocks) {
    const key = keyOf(b);
    if (!places.some((p) => p.key === key)) places.push({ region: b.region, account: b.account, key });
  }
  if (places.length === 0) places.push({ region: undefined, account: undefined, key: "/" });
  const severalAccounts = new Set(places.map((p) => p.account ?? "")).size > 1;
  const aliasFor = (p: (typeof places)[number]) =>
    [severalAccounts ? `a${p.account ?? "unknown"}` : undefined, p.region ?? "default"]
      .filter((x) => x !== undefined)
      .join("_")
      .replace(/[^A-Za-z0-9_]/g, "_");
  const providers = places.map((p, i) => ({ region: p.region, account: p.account, alias: i === 0 ? undefined : aliasFor(p), key: p.key }));
  const byKey = new Map(providers.map((p) => [p.key, p.alias]));
  return {
    providers: providers.map(({ region, account, alias }) => ({ region, account, alias })),
    aliasOf: (block) => byKey.get(keyOf(block)),
  };
}
