// Before any estate runs: the Terraform CLI config written once, and the shared plugin cache filled by one init (concurrent first installs into one cache can collide).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Terraform, writeTerraformCliConfig } from "./harness/terraform.js";

export default async function setup(): Promise<void> {
  writeTerraformCliConfig();
  const dir = mkdtempSync(join(tmpdir(), "haspec-e2e-prime-"));
  try {
    writeFileSync(join(dir, "main.tf"), `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = ">= 5.0, < 7.0" }\n  }\n}\n`);
    await new Terraform(dir, "http://127.0.0.1:9").init();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
