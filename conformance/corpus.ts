// Where the conformance corpus is (HASPEC_CORPUS, set by `npm run conformance`, else ../shared/corpus beside the repository),
// and a lookup that fails, naming what is missing, instead of letting a suite find nothing and pass.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const REPO = path.resolve(import.meta.dirname, "..");
export const CORPUS = path.resolve(REPO, process.env["HASPEC_CORPUS"] ?? "../shared/corpus");

const HOW = "run the suite with `npm run conformance -- PATH` (or HASPEC_CORPUS=PATH) where PATH is the conformance corpus (default ../shared/corpus)";

/** The absolute path of `sub` inside the corpus; throws, saying what is missing, when it is not a directory there. */
export function corpusDir(sub: string): string {
  const dir = path.join(CORPUS, sub);
  if (!existsSync(CORPUS)) throw new Error(`conformance corpus not found at ${CORPUS}: ${HOW}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`conformance corpus at ${CORPUS} has no ${sub}/ directory: ${HOW}`);
  return dir;
}

/** The sub-directories of a corpus directory, sorted; throws when there are fewer than `atLeast`. */
export function corpusFolders(sub: string, atLeast: number): string[] {
  const dir = corpusDir(sub);
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  if (folders.length < atLeast) throw new Error(`conformance corpus ${dir} holds ${folders.length} folders, expected at least ${atLeast}`);
  return folders;
}
