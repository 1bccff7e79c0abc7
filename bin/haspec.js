#!/usr/bin/env node
// haspec's command-line entry: runs the compiled CLI (dist/bundle, built by `npm run build`).
// haspec runs on Node 20; the AWS SDK's notice that its future releases need Node 22 is not the user's business here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// A reader that stops early (`haspec check … | head`) is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

let main;
try {
  ({ main } = await import("../dist/bundle/main.js"));
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("/dist/")) throw error;
  process.stderr.write("haspec is not built yet: run `npm ci` (or `npm run build`) in the repository first.\n");
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
