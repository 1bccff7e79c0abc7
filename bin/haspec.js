#!/usr/bin/env node
// haspec's command-line entry: answers --version at once, otherwise loads the compiled CLI.
const args = process.argv.slice(2);
// haspec runs on Node 20; the AWS SDK's notice that its future releases need Node 22 is not the user's business here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// A reader that stops early (`haspec check … | head`) is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
const here = new URL("../dist/", import.meta.url);

try {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    const { VERSION } = await import(new URL("version.js", here).href);
    process.stdout.write(`${VERSION}\n`);
  } else {
    // dist/bundle is dist/cli bundled by scripts/bundle.mjs: the same code in a few files, loaded faster.
    const { main } = await import(new URL("bundle/main.js", here).href);
    process.exitCode = await main(args);
  }
} catch (error) {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("/dist/")) {
    process.stderr.write("haspec is not built yet: run `npm ci` (or `npm run build`) in the repository first.\n");
    process.exitCode = 2;
  } else {
    throw error;
  }
}
