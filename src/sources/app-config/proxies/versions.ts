// The version of a proxy image the application's Dockerfiles or compose files pin (`FROM httpd:2.4.62`, `image: nginx:1.27.3-alpine`).
import { basename } from "node:path";
import type { AppPlace } from "../../../model/application.js";
import type { AppFile } from "../reader-types.js";

/** A pinned image version, and where. */
export interface ImageVersion {
  readonly version: readonly number[];
  readonly text: string;
  readonly at: AppPlace;
}

/** The versions of image `name` (nginx, httpd, haproxy) the application's Dockerfiles and compose files name; one per distinct tag. */
export function imageVersions(files: readonly AppFile[], name: string): ImageVersion[] {
  const found: ImageVersion[] = [];
  const reference = new RegExp(`^\\s*(?:FROM\\s+(?:--platform=\\S+\\s+)?|-?\\s*image:\\s*["']?)(?:[\\w.-]+(?::\\d+)?/)*${name}:v?(\\d+(?:\\.\\d+)*)`, "i");
  for (const file of files) {
    const kind = basename(file.path);
    if (!/dockerfile|containerfile/i.test(kind) && !/\.ya?ml$/i.test(kind)) continue;
    file.text.split(/\r?\n/).forEach((line, i) => {
      const match = reference.exec(line);
      if (match) found.push({ version: match[1]!.split(".").map(Number), text: match[1]!, at: { file: file.path, line: i + 1 } });
    });
  }
  return found;
}

/** True when `version` is at least `minimum` (missing parts count as 0: `2.4` is not 2.4.59). */
export function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (let i = 0; i < minimum.length; i++) {
    const part = version[i] ?? 0;
    if (part !== minimum[i]) return part > minimum[i]!;
  }
  return true;
}
