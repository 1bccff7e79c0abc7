// Types of terraform.mjs, for the tests that reuse its plan generator.
export const TERRAFORM_GENERATOR_VERSION: number;
/** The bench's plan document (terraform show -json layout) of about `targetResources` resources. */
export function generatePlan(targetResources?: number): Record<string, unknown>;
export function generateTfDir(dir: string, files?: number): void;
export function benchTerraform(options?: { bin?: string; runs?: number }): Promise<Record<string, unknown>>;
