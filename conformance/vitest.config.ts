// The conformance suite: haspec against other checkers' fixtures and recorded AWS responses in a corpus outside the repository.
// Run it with `npm run conformance [-- PATH]` (conformance/run.mjs), which checks the corpus is there and sets HASPEC_CORPUS.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: path.resolve(import.meta.dirname, ".."),
  test: {
    include: ["conformance/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 180_000,
    allowOnly: false,
    reporters: ["default", "./conformance/summary-reporter.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
