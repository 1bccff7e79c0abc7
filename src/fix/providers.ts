// Which AWS provider configuration each block uses: the first region is the default, the others get an alias.
import type { Block } from "./blocks.js";

export interface ProviderLayout {
  /** With no region in the data: one provider without region (AWS_REGION decides). */
  readonly providers: readonly { readonly region: string | undefined; readonly alias: string | undefined }[];
  /** The alias for a region (undefined for the default provider). */
  aliasOf(region: string | undefined): string | undefined;
}

export function providerLayout(blocks: readonly Block[]): ProviderLayout {
  const regions: string[] = [];
  for (const b of blocks) if (b.region !== undefined && !regions.includes(b.region)) regions.push(b.region);
  const aliases = new Map(regions.map((r, i) => [r, i === 0 ? undefined : r.replace(/[^A-Za-z0-9_]/g, "_")]));
  return {
    providers: regions.length === 0 ? [{ region: undefined, alias: undefined }] : regions.map((region) => ({ region, alias: aliases.get(region) })),
    aliasOf: (region) => (region === undefined ? undefined : aliases.get(region)),
  };
}
