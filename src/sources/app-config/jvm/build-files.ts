// Reads Maven and Gradle build files: the Java version the build targets, the Spring Boot line and the MariaDB driver version.
import type { RuntimeUse } from "../../../model/application.js";
import type { AppFile } from "../reader-types.js";
import { baseName, lineAt } from "./text.js";

export interface BuildFindings {
  readonly runtimes: RuntimeUse[];
  /** The mariadb-java-client version the build pins (first found). */
  mariadbClientVersion?: string;
  /** The Spring Boot version the build uses (first found). */
  springBootVersion?: string;
}

const javaMajor = (v: string): string | undefined => /^(?:1\.)?(\d+)/.exec(v.trim())?.[1];

function pomProperties(text: string): Map<string, string> {
  const props = new Map<string, string>();
  const block = /<properties>([\s\S]*?)<\/properties>/.exec(text)?.[1] ?? "";
  for (const m of block.matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) props.set(m[1]!, m[2]!);
  return props;
}

function readPom(file: AppFile, out: BuildFindings): void {
  const props = pomProperties(file.text);
  const resolve = (v: string): string => v.replace(/\$\{([\w.-]+)\}/g, (w, n: string) => props.get(n) ?? w);
  for (const m of file.text.matchAll(/<(java\.version|maven\.compiler\.release|maven\.compiler\.source|maven\.compiler\.target|release)>\s*([^<]+?)\s*<\/\1>/g)) {
    const version = javaMajor(resolve(m[2]!));
    if (version) {
      out.runtimes.push({ kind: "jvm", version, at: { file: file.path, line: lineAt(file.text, m.index) } });
      break; // the first one the build names; the others normally repeat it
    }
  }
  for (const dep of file.text.matchAll(/<(dependency|parent)>([\s\S]*?)<\/\1>/g)) {
    const body = dep[2]!;
    const artifact = /<artifactId>\s*([^<]+?)\s*<\/artifactId>/.exec(body)?.[1];
    const version = /<version>\s*([^<]+?)\s*<\/version>/.exec(body)?.[1];
    if (artifact === "mariadb-java-client" && version && !out.mariadbClientVersion) out.mariadbClientVersion = resolve(version);
    if (artifact?.startsWith("spring-boot-") && version && !out.springBootVersion) out.springBootVersion = resolve(version);
  }
}

function readGradle(file: AppFile, out: BuildFindings): void {
  const patterns = [
    /JavaLanguageVersion\.of\(\s*["']?(\d+)/g,
    /jvmToolchain\(\s*(\d+)/g,
    /(?:source|target)Compatibility\s*=\s*(?:JavaVersion\.VERSION_(\d+(?:_\d+)?)|["']?([\d.]+))/g,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(file.text);
    if (!m) continue;
    const version = javaMajor((m[1] ?? m[2] ?? "").replace("_", "."));
    if (version) {
      out.runtimes.push({ kind: "jvm", version, at: { file: file.path, line: lineAt(file.text, m.index) } });
      break;
    }
  }
  const mariadb = /org\.mariadb\.jdbc:mariadb-java-client:([\w.-]+)/.exec(file.text);
  if (mariadb && !out.mariadbClientVersion) out.mariadbClientVersion = mariadb[1];
  const boot = /org\.springframework\.boot["']?\)?\s*version\s*["']([\w.-]+)["']|spring-boot-gradle-plugin:([\w.-]+)/.exec(file.text);
  if (boot && !out.springBootVersion) out.springBootVersion = boot[1] ?? boot[2];
}

export function readBuildFiles(files: readonly AppFile[]): BuildFindings {
  const out: BuildFindings = { runtimes: [] };
  for (const file of files) {
    const name = baseName(file.path);
    if (name === "pom.xml") readPom(file, out);
    else if (/^build\.gradle(\.kts)?$/.test(name)) readGradle(file, out);
  }
  return out;
}
