// The readers of application files, each for one family of files; each returns what it found with file:line.
import { readRuntimes } from "./build-files.js";
import { readDotenvFiles } from "./dotenv.js";
import { readJvm } from "./jvm/index.js";
import { readNodeSources } from "./node/index.js";
import { readReverseProxies } from "./proxies/index.js";
import { readPythonSources } from "./python/index.js";
import type { AppReader } from "./reader-types.js";

export type { AppFile, AppFindings, AppReader } from "./reader-types.js";

export const READERS: readonly AppReader[] = [readJvm, readRuntimes, readPythonSources, readNodeSources, readDotenvFiles, readReverseProxies];
