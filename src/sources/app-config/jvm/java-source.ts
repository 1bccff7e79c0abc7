// Reads Java sources with a real parser (@lezer/java): DNS-cache calls, JDBC URL literals and pool settings, each marked
// live or dead by whether the code that makes it ever runs.
import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/java";
import type { AppPlace, JvmDnsSetting, PoolLibrary } from "../../../model/application.js";
import type { AppFile } from "../reader-types.js";
import { lineAt, TEST_PATH } from "./text.js";
import { ttlSeconds } from "./jvm-options.js";

/**
 * Annotations that make a framework discover and instantiate a class (Spring stereotypes and auto-configuration,
 * Jakarta EE / CDI / servlet / JAX-RS / EJB, Micronaut and Quarkus entry points).
 */
const DISCOVERED = new Set([
  "SpringBootApplication", "SpringBootConfiguration", "EnableAutoConfiguration", "AutoConfiguration", "Configuration",
  "Component", "Service", "Repository", "Controller", "RestController", "ControllerAdvice", "RestControllerAdvice",
  "ConfigurationProperties", "WebListener", "WebServlet", "WebFilter", "Startup", "Singleton", "ApplicationScoped",
  "RequestScoped", "SessionScoped", "Dependent", "Named", "Path", "Provider", "ApplicationPath", "Stateless", "Stateful",
  "MessageDriven", "Factory", "Context", "QuarkusMain", "Endpoint", "Aspect",
]);

/** Declarations that make a type (each is a class for liveness). */
const DECLARED_CLASS = ["ClassDeclaration", "EnumDeclaration", "RecordDeclaration", "InterfaceDeclaration", "AnnotationTypeDeclaration"];

interface JavaClass {
  readonly name: string;
  readonly fqn: string;
  readonly file: string;
  readonly node: SyntaxNode;
  readonly annotations: readonly string[];
  readonly hasMain: boolean;
  readonly hasSupertype: boolean;
  /** Names used in its body (types, identifiers), nested classes' bodies excluded. */
  readonly refs: ReadonlySet<string>;
  /** Under src/test/: never part of the running application. */
  readonly test: boolean;
  /** `@Profile("prod")`, `@ConditionalOnProperty(…)`: the class loads only under these. */
  readonly conditions: readonly string[];
}

interface Executable {
  /** Method name; undefined for constructors, initializers and field initializers (they run when the class is used). */
  readonly name?: string;
  readonly runs: boolean;
  readonly isPrivate: boolean;
  readonly node: SyntaxNode;
}

/** One parsed Java file. */
interface JavaFile {
  readonly file: AppFile;
  readonly tree: Tree;
  readonly classes: JavaClass[];
}

export interface JavaFinding<T> {
  readonly value: T;
  readonly at: AppPlace;
  readonly live: boolean;
  readonly why?: string;
}

export interface JavaFindings {
  readonly jvmDns: JvmDnsSetting[];
  readonly jdbcUrls: JavaFinding<{ url: string; concatenated: boolean }>[];
  readonly pools: JavaFinding<{ library: PoolLibrary; seconds: number | null; isDefault: boolean; detail: string }>[];
}

const text = (f: AppFile, n: SyntaxNode): string => f.text.slice(n.from, n.to);

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function annotationsOf(f: AppFile, decl: SyntaxNode): string[] {
  const modifiers = childrenOf(decl).find((c) => c.name === "Modifiers");
  if (!modifiers) return [];
  return childrenOf(modifiers)
    .filter((c) => c.name === "Annotation" || c.name === "MarkerAnnotation")
    .map((a) => {
      const id = childrenOf(a).find((c) => c.name === "Identifier" || c.name === "ScopedIdentifier");
      return id ? text(f, id).split(".").pop()! : "";
    });
}

/** The text of a `@Profile(…)` / `@ConditionalOn…(…)` annotation on a declaration: it loads only under that condition. */
function conditionsOf(f: AppFile, decl: SyntaxNode): string[] {
  const modifiers = childrenOf(decl).find((c) => c.name === "Modifiers");
  if (!modifiers) return [];
  return childrenOf(modifiers)
    .filter((a) => a.name === "Annotation" && /^@(Profile|ConditionalOn\w+)\b/.test(text(f, a)))
    .map((a) => text(f, a).replace(/\s+/g, " "));
}

function definitionName(f: AppFile, decl: SyntaxNode): string {
  const def = childrenOf(decl).find((c) => c.name === "Definition");
  return def ? text(f, def) : "";
}

function hasModifier(f: AppFile, decl: SyntaxNode, word: string): boolean {
  const modifiers = childrenOf(decl).find((c) => c.name === "Modifiers");
  return !!modifiers && childrenOf(modifiers).some((c) => text(f, c) === word);
}

function parseJavaFile(file: AppFile): JavaFile {
  const tree = parser.parse(file.text);
  const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(file.text)?.[1];
  const classes: JavaClass[] = [];
  const test = TEST_PATH.test(file.path);
  tree.iterate({
    enter(ref) {
      if (!DECLARED_CLASS.includes(ref.name)) return;
      const node = ref.node;
      const name = definitionName(file, node);
      const outer: string[] = [];
      for (let p = node.parent; p; p = p.parent) if (DECLARED_CLASS.includes(p.name)) outer.unshift(definitionName(file, p));
      const fqn = [pkg, ...outer, name].filter(Boolean).join(".");
      const refs = new Set<string>();
      let hasMain = false;
      const walk = (n: SyntaxNode, top: boolean): void => {
        if (!top && DECLARED_CLASS.includes(n.name)) return;
        if (n.name === "Identifier" || n.name === "TypeName") refs.add(text(file, n));
        if (n.name === "MethodDeclaration" && definitionName(file, n) === "main" && hasModifier(file, n, "static")) hasMain = true;
        for (const c of childrenOf(n)) walk(c, false);
      };
      for (const c of childrenOf(node)) walk(c, c.name !== "ClassBody");
      const body = childrenOf(node).find((c) => /Body$/.test(c.name));
      if (body) for (const c of childrenOf(body)) walk(c, false);
      refs.delete(name);
      const hasSupertype = childrenOf(node).some((c) => c.name === "Superclass" || c.name === "SuperInterfaces" || c.name === "ExtendsInterfaces") || ref.name === "EnumDeclaration";
      classes.push({ name, fqn, file: file.path, node, annotations: annotationsOf(file, node), hasMain, hasSupertype, refs, test, conditions: conditionsOf(file, node) });
    },
  });
  return { file, tree, classes };
}

/**
 * Which classes run. A class is live when it has a `main`, carries an annotation that makes a framework discover it,
 * is named (fully qualified) in a non-Java file (META-INF/spring.factories, AutoConfiguration.imports,
 * META-INF/services, web.xml, a Spring XML context, a manifest), or is referenced by name from a live class — iterated
 * to a fixed point. Test sources (src/test/) never run in production. When no class at all is an entry point, these
 * files do not show what runs (a library, a framework we do not know): every class counts as live.
 */
function liveClasses(files: readonly JavaFile[], outside: Names): { live: Set<JavaClass>; unknownRoots: boolean } {
  const all = files.flatMap((f) => f.classes);
  // spring.factories and META-INF/services write a nested class as Outer$Inner.
  const named = (c: JavaClass): boolean => outside.dotted.has(c.fqn) || outside.dotted.has(c.fqn.replace(/\.([A-Z][\w$]*)$/, "$$$1"));
  const roots = all.filter((c) => !c.test && (c.hasMain || c.annotations.some((a) => DISCOVERED.has(a)) || named(c)));
  if (roots.length === 0) return { live: new Set(all.filter((c) => !c.test)), unknownRoots: true };
  const live = new Set(roots);
  const referenced = new Set(roots.flatMap((r) => [...r.refs]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of all) {
      if (live.has(c) || c.test || !referenced.has(c.name)) continue;
      live.add(c);
      for (const name of c.refs) referenced.add(name);
      changed = true;
    }
  }
  return { live, unknownRoots: false };
}

/** The class and the executable (method, constructor, initializer) a node sits in. */
function enclosing(f: AppFile, node: SyntaxNode): { cls?: SyntaxNode; exec?: Executable } {
  let exec: Executable | undefined;
  for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
    if (!exec) {
      if (p.name === "MethodDeclaration") {
        const name = definitionName(f, p);
        const annotated = annotationsOf(f, p).length > 0;
        exec = { name, runs: name === "main" || annotated, isPrivate: hasModifier(f, p, "private"), node: p };
      } else if (p.name === "ConstructorDeclaration" || p.name === "StaticInitializer" || p.name === "FieldDeclaration" || (p.name === "Block" && p.parent?.name === "ClassBody")) {
        exec = { runs: true, isPrivate: false, node: p };
      }
    }
    if (DECLARED_CLASS.includes(p.name)) return { cls: p, ...(exec ? { exec } : {}) };
  }
  return exec ? { exec } : {};
}

/** Method names invoked anywhere in the given classes (`name(…)`, `x.name(…)`, `X::name`). */
function invokedNames(files: readonly JavaFile[]): Set<string> {
  const names = new Set<string>();
  for (const { file, tree } of files) {
    tree.iterate({
      enter(ref) {
        if (ref.name === "MethodName") names.add(text(file, ref.node));
        if (ref.name === "MethodReference") names.add(text(file, ref.node).split("::").pop()!.trim());
      },
    });
  }
  return names;
}

/** A Java string literal's value (escapes for quotes and backslashes undone). */
function stringValue(f: AppFile, node: SyntaxNode): string | undefined {
  if (node.name !== "StringLiteral") return undefined;
  const raw = text(f, node);
  if (raw.startsWith('"""')) return undefined;
  return raw.slice(1, -1).replace(/\\(["'\\])/g, "$1").replace(/\\n/g, "\n").replace(/\\t/g, "\t");
}

const UNIT_MS: Record<string, number> = { MILLISECONDS: 1, SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };
const DURATION_MS: Record<string, number> = { ofMillis: 1, ofSeconds: 1000, ofMinutes: 60_000, ofHours: 3_600_000, ofDays: 86_400_000 };

/**
 * A whole number of milliseconds from a constant expression: integer literals, `+ - * /`, parentheses,
 * `TimeUnit.X.toMillis(n)` and `Duration.ofX(n)` (with or without `.toMillis()`); undefined for anything else.
 */
function constantMillis(f: AppFile, node: SyntaxNode | null | undefined): number | undefined {
  if (!node) return undefined;
  const t = text(f, node).replace(/\s+/g, "");
  switch (node.name) {
    case "IntegerLiteral":
      return Number(t.replace(/[_lL]/g, ""));
    case "ParenthesizedExpression":
      return constantMillis(f, childrenOf(node).find((c) => c.name !== "(" && c.name !== ")"));
    case "BinaryExpression": {
      const [a, op, b] = childrenOf(node);
      const x = constantMillis(f, a);
      const y = constantMillis(f, b);
      if (x === undefined || y === undefined || !op) return undefined;
      const o = text(f, op);
      return o === "*" ? x * y : o === "+" ? x + y : o === "-" ? x - y : o === "/" && y !== 0 ? Math.floor(x / y) : undefined;
    }
    case "MethodInvocation": {
      const unit = /^(?:java\.util\.concurrent\.)?TimeUnit\.(\w+)\.toMillis\((.+)\)$/.exec(t);
      const args = childrenOf(node).find((c) => c.name === "ArgumentList");
      const arg = args ? childrenOf(args).find((c) => !["(", ")", ","].includes(c.name)) : undefined;
      if (unit && Object.hasOwn(UNIT_MS, unit[1]!)) {
        const n = constantMillis(f, arg);
        return n === undefined ? undefined : n * UNIT_MS[unit[1]!]!;
      }
      const duration = /^(?:java\.time\.)?Duration\.(of\w+)\(([^()]*)\)(?:\.toMillis\(\))?$/.exec(t);
      if (duration && Object.hasOwn(DURATION_MS, duration[1]!)) {
        const inner = /\.toMillis\(\)$/.test(t) ? childrenOf(node)[0] : node;
        const innerArgs = inner ? childrenOf(inner).find((c) => c.name === "ArgumentList") : undefined;
        const n = constantMillis(f, innerArgs ? childrenOf(innerArgs).find((c) => !["(", ")", ","].includes(c.name)) : undefined);
        return n === undefined ? undefined : n * DURATION_MS[duration[1]!]!;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Pool setters: method name → library, unit, and a word the file must mention (a setter name alone is too common). */
const POOL_SETTERS: Record<string, { library: PoolLibrary; unitMs: number; mention: RegExp }> = {
  setMaxLifetime: { library: "hikari", unitMs: 1, mention: /Hikari/ },
  setMaxConnLifetimeMillis: { library: "dbcp2", unitMs: 1, mention: /dbcp2|BasicDataSource/ },
  setMaxConnLifetime: { library: "dbcp2", unitMs: 1, mention: /dbcp2|BasicDataSource/ },
  setMaxAge: { library: "tomcat-jdbc", unitMs: 1, mention: /tomcat\.jdbc\.pool/ },
  setMaxConnectionAge: { library: "c3p0", unitMs: 1000, mention: /c3p0|ComboPooledDataSource/ },
};

/** Pool constructors whose pool keeps the library default when no setter above is called in the same file. */
const POOL_CONSTRUCTORS: { type: RegExp; library: PoolLibrary; mention: RegExp }[] = [
  { type: /^(com\.zaxxer\.hikari\.)?Hikari(Config|DataSource)$/, library: "hikari", mention: /Hikari/ },
  { type: /^(com\.mchange\.v2\.c3p0\.)?ComboPooledDataSource$/, library: "c3p0", mention: /c3p0/ },
  { type: /^(org\.apache\.commons\.dbcp2\.)?BasicDataSource$/, library: "dbcp2", mention: /dbcp2/ },
  { type: /^(org\.apache\.tomcat\.jdbc\.pool\.)?(DataSource|PoolProperties)$/, library: "tomcat-jdbc", mention: /tomcat\.jdbc\.pool/ },
];

/**
 * Seconds from a pool's max lifetime in milliseconds; 0 and negatives mean "no limit" for all four libraries
 * (HikariCP: 0 = no maximum lifetime; Tomcat JDBC maxAge 0 = no age check; DBCP2: zero or less = infinite;
 * c3p0 maxConnectionAge 0 = no maximum: sources in pool-defaults.ts).
 */
export function poolSeconds(ms: number): number {
  return ms <= 0 ? Infinity : ms / 1000;
}

/** Names written in the application's other files, gathered once: dotted names (class names) and single words (method names). */
interface Names {
  readonly dotted: ReadonlySet<string>;
  readonly words: ReadonlySet<string>;
}

function namesIn(others: readonly AppFile[]): Names {
  const dotted = new Set<string>();
  const words = new Set<string>();
  for (const o of others) {
    for (const m of o.text.matchAll(/[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g)) {
      if (m[0].includes(".")) dotted.add(m[0]);
      for (const w of m[0].split(".")) words.add(w);
    }
  }
  return { dotted, words };
}

export function readJavaSources(files: readonly AppFile[], others: readonly AppFile[]): JavaFindings {
  const parsed = files.map(parseJavaFile);
  const outside = namesIn(others);
  const { live, unknownRoots } = liveClasses(parsed, outside);
  const liveFiles = parsed.map((p) => ({ ...p, classes: p.classes.filter((c) => live.has(c)) }));
  const called = invokedNames(liveFiles);
  const mentionedOutside = (name: string): boolean => outside.words.has(name);
  const out: JavaFindings = { jvmDns: [], jdbcUrls: [], pools: [] };

  /**
   * Whether the code at `node` runs. Its class must be live. In a live class, code in a constructor, an initializer, a
   * field initializer, `main` or an annotated method (@Bean, @PostConstruct, @EventListener, @Override…) runs; so does a
   * method whose name is invoked anywhere in live code or mentioned in a non-Java file (initMethod="…"). A method that
   * may override a supertype's (its class extends or implements something) or that is not private could be called from
   * where these files cannot see: it counts as live. Only a method that is provably never called is dead.
   */
  const liveness = (pf: JavaFile, node: SyntaxNode): { live: boolean; why?: string } => {
    const { cls, exec } = enclosing(pf.file, node);
    const c = cls ? pf.classes.find((k) => k.node.from === cls.from && k.node.to === cls.to) : undefined;
    if (c?.test) return { live: false, why: `in test source ${c.fqn} (test code is not part of the running application)` };
    if (c && !live.has(c)) {
      return { live: false, why: `class ${c.fqn} is never used: no main, no annotation that makes a framework load it, not named in META-INF or XML files, and no live class references ${c.name}` };
    }
    if (unknownRoots) return { live: true, why: "these files show no entry point (no main, no framework annotation), so every class counts as live" };
    const conditional = c && c.conditions.length > 0 ? { why: `class ${c.fqn} loads only under ${c.conditions.join(" and ")}` } : {};
    if (!exec || exec.runs || !exec.name) return { live: true, ...conditional };
    if (called.has(exec.name) || mentionedOutside(exec.name)) return { live: true, ...conditional };
    if (!exec.isPrivate || c?.hasSupertype) {
      return { live: true, why: `method ${exec.name} is called nowhere in these files, but it is not private (or may override a supertype's): it may be called from elsewhere` };
    }
    return { live: false, why: `private method ${exec.name} of ${c?.fqn ?? "its class"} is never called` };
  };

  for (const pf of parsed) {
    const f = pf.file;
    const at = (n: SyntaxNode): AppPlace => ({ file: f.path, line: lineAt(f.text, n.from) });
    const settersSeen = new Set<PoolLibrary>();
    const constructors: { library: PoolLibrary; node: SyntaxNode }[] = [];
    pf.tree.iterate({
      enter(ref) {
        const node = ref.node;
        if (ref.name === "StringLiteral") {
          const value = stringValue(f, node);
          if (value && /^jdbc:[a-z]/i.test(value)) {
            let whole: SyntaxNode = node; // the whole `"jdbc:…" + host + "/db"` chain
            while (whole.parent?.name === "BinaryExpression") whole = whole.parent;
            const concatenated = whole !== node;
            out.jdbcUrls.push({ value: { url: concatenated ? text(f, whole) : value, concatenated }, at: at(node), ...liveness(pf, node) });
          }
          return;
        }
        if (ref.name === "ObjectCreationExpression") {
          const type = childrenOf(node).find((c) => c.name === "TypeName" || c.name === "ScopedTypeName" || c.name === "GenericType");
          const args = childrenOf(node).find((c) => c.name === "ArgumentList");
          const takesFile = args ? childrenOf(args).some((c) => c.name === "StringLiteral") : false; // new HikariConfig("/hikari.properties")
          const known = type && POOL_CONSTRUCTORS.find((p) => p.type.test(text(f, type)) && p.mention.test(f.text));
          if (known && !takesFile) constructors.push({ library: known.library, node });
          return;
        }
        if (ref.name !== "MethodInvocation") return;
        const nameNode = childrenOf(node).find((c) => c.name === "MethodName");
        const argsNode = childrenOf(node).find((c) => c.name === "ArgumentList");
        if (!nameNode || !argsNode) return;
        const method = text(f, nameNode);
        const receiver = text(f, node).slice(0, nameNode.from - node.from).replace(/\.\s*$/, "").replace(/\s+/g, "");
        const args = childrenOf(argsNode).filter((c) => !["(", ")", ","].includes(c.name));
        if (method === "setProperty" && (receiver === "Security" || receiver === "java.security.Security" || receiver === "System")) {
          const key = args[0] ? stringValue(f, args[0]) : undefined;
          const system = receiver === "System";
          if (key !== (system ? "sun.net.inetaddr.ttl" : "networkaddress.cache.ttl")) return;
          const literal = args[1] ? stringValue(f, args[1]) : undefined;
          const valueOf = args[1] && /^(String\.valueOf|Integer\.toString|Long\.toString)\(/.test(text(f, args[1])) ? constantMillis(f, childrenOf(childrenOf(args[1]).find((c) => c.name === "ArgumentList") ?? args[1]).find((c) => c.name === "IntegerLiteral")) : undefined;
          const seconds = literal !== undefined ? ttlSeconds(literal) : valueOf !== undefined ? ttlSeconds(String(valueOf)) : null;
          const notLiteral = seconds === null ? `the value is \`${args[1] ? text(f, args[1]) : ""}\`, not a literal number of seconds` : undefined;
          const systemWhy = system ? "System.setProperty(\"sun.net.inetaddr.ttl\") in code: read only when the security property is not set and only if it runs before the first lookup" : undefined;
          const l = liveness(pf, node);
          const why = [notLiteral, systemWhy, l.why].filter(Boolean).join("; ");
          out.jvmDns.push({ kind: system ? "system-property" : "programmatic", seconds, at: at(node), live: l.live, ...(why ? { why } : {}) });
          return;
        }
        const setter = Object.hasOwn(POOL_SETTERS, method) ? POOL_SETTERS[method] : undefined; // not `toString`…
        if (setter && setter.mention.test(f.text)) {
          settersSeen.add(setter.library);
          const ms = constantMillis(f, args[0]);
          const seconds = ms === undefined ? null : poolSeconds(ms * setter.unitMs);
          const l = liveness(pf, node);
          const detail = `${method}(${args[0] ? text(f, args[0]) : ""})`;
          const notLiteral = ms === undefined ? `${detail}: the value is not a constant` : undefined;
          const why = [notLiteral, l.why].filter(Boolean).join("; ");
          out.pools.push({ value: { library: setter.library, seconds, isDefault: false, detail }, at: at(node), live: l.live, ...(why ? { why } : {}) });
        }
      },
    });
    const defaulted = new Set<PoolLibrary>();
    for (const c of constructors) {
      if (settersSeen.has(c.library) || defaulted.has(c.library)) continue;
      defaulted.add(c.library);
      out.pools.push({ value: { library: c.library, seconds: null, isDefault: true, detail: text(f, c.node) }, at: at(c.node), ...liveness(pf, c.node) });
    }
  }
  return out;
}
