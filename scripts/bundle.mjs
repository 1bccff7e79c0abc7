// Bundles the compiled CLI (dist/) into dist/bundle/ with esbuild: one file per lazily loaded part instead of ~140 modules, which saves 50-80 ms of module loading on every run.
//
// Code splitting keeps every `await import()` lazy (the UI, the live scan, the fixer load only when
// used). Only small pure-JavaScript packages of the start-up path are bundled; everything else stays
// an ordinary import from node_modules (the AWS SDK, ink/react, hcl2json and its wasm, mysql2).
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "dist/bundle");

/** Packages bundled in: the ones every `check` loads. */
const BUNDLED = new Set([
  "yargs",
  "yargs-parser",
  "cliui",
  "escalade",
  "get-caller-file",
  "y18n",
  "string-width",
  "strip-ansi",
  "ansi-regex",
  "emoji-regex",
  "get-east-asian-width",
  "wrap-ansi",
  "ansi-styles",
  "yaml",
  "picomatch",
]);

/**
 * Bundled packages whose top level is costly and which a run needs only to print help or usage:
 * every copy of string-width builds an Intl.Segmenter and Unicode-property regexes when loaded
 * (20-30 ms on each start). Importers get a stand-in that loads the real module on its first call.
 */
const LOADED_ON_FIRST_CALL = new Set(["string-width"]);

const packageName = (specifier) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]);

/** Leaves every package but BUNDLED to Node's resolver at run time. */
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      return BUNDLED.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * Replaces `import stringWidth from "string-width"` by a function that `require()`s the resolved
 * module when first called; esbuild bundles a required ES module behind a lazy initialiser.
 */
const loadedOnFirstCall = {
  name: "loaded-on-first-call",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.namespace === "first-call" || !LOADED_ON_FIRST_CALL.has(packageName(args.path))) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, namespace: "first-call" });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: "first-call" };
    });
    b.onLoad({ filter: /.*/, namespace: "first-call" }, (args) => ({
      contents:
        `let loaded;\n` +
        `export default function firstCall(...args) {\n` +
        `  loaded ??= require(${JSON.stringify(args.path)}).default;\n` +
        `  return loaded(...args);\n` +
        `}\n`,
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: { main: join(ROOT, "dist/cli/main.js") },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Bundled CommonJS packages (yaml) call require() for Node built-ins.
  banner: { js: 'import { createRequire as __haspecCreateRequire } from "node:module"; const require = __haspecCreateRequire(import.meta.url);' },
  plugins: [loadedOnFirstCall, externalPackages],
  logLevel: "warning",
  legalComments: "none",
});
