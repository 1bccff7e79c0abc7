// Tells an application's runtime from its build and start files: package.json → Node.js, requirements/pyproject/Pipfile/setup.py/manage.py → Python, go.mod → Go.
import { basename } from "node:path";
import type { RuntimeUse } from "../../model/application.js";
import type { AppFile } from "./reader-types.js";

type Kind = RuntimeUse["kind"];

/** Which runtime a file implies, and the version line it may carry (first match of `version` gives the version). */
const BUILD_FILES: readonly { kind: Kind; name: RegExp; version?: RegExp }[] = [
  { kind: "node", name: /^package\.json$/, version: /"node"\s*:\s*"[^"\d]*(\d+)/ },
  { kind: "node", name: /^\.(nvmrc|node-version)$/, version: /^\s*v?(\d+)/ },
  { kind: "python", name: /^requirements[\w.-]*\.(txt|in)$/ },
  { kind: "python", name: /^pyproject\.toml$/, version: /^\s*(?:requires-python|python)\s*=\s*["'][^"\d]*(\d+\.\d+)/ },
  { kind: "python", name: /^Pipfile$/, version: /^\s*python_version\s*=\s*["'](\d+\.\d+)/ },
  { kind: "python", name: /^\.python-version$/, version: /^\s*(\d+\.\d+)/ },
  { kind: "python", name: /^runtime\.txt$/, version: /^\s*python-(\d+\.\d+)/ },
  { kind: "python", name: /^(setup\.py|setup\.cfg|manage\.py)$/ },
  { kind: "go", name: /^go\.mod$/, version: /^\s*go\s+(\d+\.\d+)/ },
];

/** One runtime per kind the files imply; the first file that states a version decides it (a `package.json` without `engines.node` has none). */
export function readRuntimes(files: readonly AppFile[]): { runtimes: RuntimeUse[] } {
  const byKind = new Map<Kind, RuntimeUse>();
  for (const file of files) {
    const name = basename(file.path);
    for (const known of BUILD_FILES) {
      if (!known.name.test(name)) continue;
      const lines = file.text.split(/\r?\n/);
      const index = known.version ? lines.findIndex((line) => known.version!.test(line)) : -1;
      const found: RuntimeUse =
        index >= 0
          ? { kind: known.kind, version: known.version!.exec(lines[index]!)![1]!, at: { file: file.path, line: index + 1 } }
          : { kind: known.kind, at: { file: file.path, line: 1 } };
      const before = byKind.get(known.kind);
      if (!before || (before.version === undefined && found.version !== undefined)) byKind.set(known.kind, found);
    }
  }
  return { runtimes: [...byKind.values()] };
}
