// Reads JVM command-line options (-Dsun.net.inetaddr.ttl, -Djava.security.manager, -Djava.security.properties) into DNS-cache settings.
import type { AppPlace, JvmDnsSetting } from "../../../model/application.js";
import { describeMissing, substitute, type KnownValues } from "./text.js";

/** A `-Djava.security.properties=FILE` option: the file the JVM reads security properties from (`==` replaces its own). */
export interface SecurityPropertiesRef {
  readonly file: string;
  readonly replaces: boolean;
  readonly at: AppPlace;
  readonly live: boolean;
}

export interface OptionFindings {
  readonly settings: JvmDnsSetting[];
  readonly securityFiles: SecurityPropertiesRef[];
  /** Options that look like DNS settings but do nothing (`-Dnetworkaddress.cache.ttl`). */
  readonly notes: string[];
}

/** Seconds from a TTL written as text: an integer; any negative value is the JVM's "forever" (-1). */
export function ttlSeconds(text: string): number | null {
  const t = text.trim();
  if (!/^[-+]?\d+$/.test(t)) return null;
  const n = Number(t);
  return n < 0 ? -1 : n;
}

/**
 * Reads JVM options. `context` says where they come from and whether the JVM gets them (`live`, `why`).
 * `-Djava.security.manager=allow|disallow` installs no security manager (it only permits or forbids one at run
 * time, JDK 12+), so only the bare flag, `=default` or `=<class>` count.
 */
export function readJvmOptions(
  words: readonly string[],
  at: AppPlace,
  known: KnownValues,
  context: { live: boolean; why?: string } = { live: true },
): OptionFindings {
  const settings: JvmDnsSetting[] = [];
  const securityFiles: SecurityPropertiesRef[] = [];
  const notes: string[] = [];
  const because = (extra?: string): { why?: string } => {
    const why = [extra, context.why].filter(Boolean).join("; ");
    return why ? { why } : {};
  };
  for (const word of words) {
    const ttl = /^-Dsun\.net\.inetaddr\.ttl=(.*)$/.exec(word);
    if (ttl) {
      const { text, missing } = substitute(ttl[1]!, known);
      const seconds = missing.length > 0 ? null : ttlSeconds(text);
      const extra =
        missing.length > 0
          ? `the value comes from ${missing.map((p) => describeMissing(p, known)).join(" and ")}`
          : seconds === null
            ? `-Dsun.net.inetaddr.ttl=${ttl[1]} is not a whole number of seconds`
            : undefined;
      settings.push({ kind: "system-property", seconds, at, live: context.live, ...because(extra) });
      continue;
    }
    const manager = /^-Djava\.security\.manager(?:=(.*))?$/.exec(word);
    if (manager) {
      const value = manager[1];
      if (value === "allow" || value === "disallow") continue;
      settings.push({
        kind: "security-manager",
        seconds: null,
        at,
        live: context.live,
        ...because("-Djava.security.manager installs a security manager: the JVM then caches names forever unless a TTL is set (JDK 23 and earlier; JDK 24 refuses to start with it)"),
      });
      continue;
    }
    if (/^-Dnetworkaddress\.cache\.(negative\.)?ttl=/.test(word)) {
      notes.push(`${at.file}:${at.line}: ${word} sets a system property the JVM ignores: networkaddress.cache.ttl is a security property (java.security, -Djava.security.properties or Security.setProperty); -Dsun.net.inetaddr.ttl is the system property`);
      continue;
    }
    const props = /^-Djava\.security\.properties(==?)(.+)$/.exec(word);
    if (props) {
      const { text } = substitute(props[2]!, known);
      securityFiles.push({ file: text.replace(/^file:(\/\/)?/, ""), replaces: props[1] === "==", at, live: context.live });
    }
  }
  return { settings, securityFiles, notes };
}

/** The options a `java` command gives the JVM: the words after `java` up to `-jar FILE`, `-m`, or the main class. */
export function javaOptions(words: readonly string[], javaIndex: number): string[] {
  const options: string[] = [];
  for (let i = javaIndex + 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === ";" || w === "&" || w === "|") break;
    if (w === "-jar" || w === "-m" || w === "--module") break;
    if (w === "-cp" || w === "-classpath" || w === "--class-path" || w === "-p" || w === "--module-path") {
      i++;
      continue;
    }
    if (!w.startsWith("-") && !w.startsWith("$")) break; // the main class: what follows are the program's arguments
    options.push(w);
  }
  return options;
}

/** Index of the `java` launcher among shell words (`java`, `/usr/bin/java`, `$JAVA_HOME/bin/java`, `exec java`). */
export function javaIndex(words: readonly string[]): number {
  return words.findIndex((w) => /(^|\/)java$/.test(w));
}

/** Whether the words pass the named variable on (`$JAVA_OPTS`, `${JAVA_OPTS}`, Kubernetes `$(JAVA_OPTS)`). */
export function passesVariable(text: string, name: string): boolean {
  return new RegExp(`\\$(\\{${name}[}:]|\\(${name}\\)|${name}\\b)`).test(text);
}
