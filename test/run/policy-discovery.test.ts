// Without --policy, haspec.yaml is found in the working directory or its parents up to the repository root, as linters find their config.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPolicyFile, openRun, policyFilesOf, type RunContext } from "../../src/run/session.js";
import { REPO } from "../support/run-cli.js";

const POLICY = `version: 1
name: found
targets:
  - name: all
    match: {}
    require:
      backup:
        deletion_protection: true
`;

let root: string;

beforeAll(() => {
  // outer/haspec.yaml
  // outer/repo/.git/            (a repository inside a directory that has a policy)
  // outer/repo/haspec.yaml
  // outer/repo/infra/live/      (no policy of its own)
  // outer/worktree/.git         (a worktree: .git is a file)
  // outer/worktree/sub/
  // outer/plain/deep/           (no repository: the search goes on to outer/)
  root = mkdtempSync(join(tmpdir(), "haspec-discovery-"));
  const dirs = ["repo/.git", "repo/infra/live", "worktree/sub", "plain/deep", "bare/.git", "bare/app"];
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, "haspec.yaml"), POLICY.replace("name: found", "name: outer"));
  writeFileSync(join(root, "repo/haspec.yaml"), POLICY);
  writeFileSync(join(root, "worktree/.git"), "gitdir: /elsewhere/.git/worktrees/w\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("policy discovery", () => {
  it("finds haspec.yaml in the working directory, or the nearest parent up to the repository root (it looked only in the working directory)", () => {
    expect(findPolicyFile(join(root, "repo"))).toBe(join(root, "repo/haspec.yaml"));
    expect(findPolicyFile(join(root, "repo/infra/live"))).toBe(join(root, "repo/haspec.yaml"));
    expect(policyFilesOf([], join(root, "repo/infra/live"))).toEqual([join("..", "..", "haspec.yaml")]);
    expect(policyFilesOf([], join(root, "repo"))).toEqual(["haspec.yaml"]);
  });

  it("stops at the repository root (a .git directory, or a worktree's .git file), never reading a policy above it", () => {
    expect(findPolicyFile(join(root, "bare/app"))).toBeUndefined();
    expect(findPolicyFile(join(root, "worktree/sub"))).toBeUndefined();
    expect(() => policyFilesOf([], join(root, "bare/app"))).toThrow(/no policy given: .*looked for in the working directory and its parents up to the repository root/);
  });

  it("outside a repository, goes up to the filesystem root", () => {
    expect(findPolicyFile(join(root, "plain/deep"))).toBe(join(root, "haspec.yaml"));
  });

  it("policies given are used as given", () => {
    expect(policyFilesOf(["a.yaml", "b.yaml"], join(root, "repo"))).toEqual(["a.yaml", "b.yaml"]);
  });

  it("a run from a subdirectory loads the policy found, reported by its path from there", async () => {
    const context: RunContext = { cwd: join(root, "repo/infra/live"), env: {}, now: () => new Date("2026-12-01T00:00:00Z") };
    const run = await openRun(
      { inputs: [join(REPO, "examples/demo-fleet")], policies: [], live: { regions: [], roleArns: [], env: {}, now: context.now } },
      context,
    );
    expect(run.policies.map((p) => [p.name, p.file])).toEqual([["found", join("..", "..", "haspec.yaml")]]);
  });
});
