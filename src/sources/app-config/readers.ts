// The readers of application files, each for one family of files; each returns what it found with file:line.
import { readJvm } from "./jvm/index.js";
import type { AppReader } from "./reader-types.js";

export type { AppFile, AppFindings, AppReader } from "./reader-types.js";

export const READERS: readonly AppReader[] = [readJvm];
