// The community rds-aurora module as a non-local source without network: a git repository tagged v9.16.1 that `terraform init` clones.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** terraform-aws-modules/rds-aurora v9.16.1, vendored unchanged in the repository. */
export const COMMUNITY_AURORA = join(import.meta.dirname, "../estates/patch-community-vendored/vendor/terraform-aws-rds-aurora");

/** What an estate's main.tf writes where the repository's URL goes: `source = "git::__RDS_AURORA_GIT_URL__?ref=v9.16.1"`. */
export const REPO_PLACEHOLDER = "__RDS_AURORA_GIT_URL__";

let made: string | undefined;
/** A fresh git repository holding the module at tag v9.16.1 (one per test process): its `file://` URL. */
export function communityModuleRepo(): string {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), "haspec-rds-aurora-git-"));
  cpSync(COMMUNITY_AURORA, dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=haspec-test", "-c", "user.email=test@haspec.invalid", "-c", "init.defaultBranch=main", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "terraform-aws-modules/rds-aurora v9.16.1");
  git("tag", "v9.16.1");
  made = `file://${dir}`;
  return made;
}

/** Puts the repository's URL into the root's main.tf in `dir`. */
export function useCommunityModuleRepo(dir: string): void {
  const main = join(dir, "main.tf");
  writeFileSync(main, readFileSync(main, "utf8").split(REPO_PLACEHOLDER).join(communityModuleRepo()));
}

/** `terraform get` in `dir`: installs the root's modules (no providers, no network for a file:// source) and writes modules.json. */
export function terraformGet(dir: string, env: Record<string, string> = {}): void {
  execFileSync("terraform", ["get", "-no-color"], {
    cwd: dir,
    stdio: "pipe",
    env: { PATH: process.env["PATH"], HOME: process.env["HOME"], CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env },
  });
}
