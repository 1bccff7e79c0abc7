// Test runner settings for `npm test`: every test under test/, run in forked workers (the CLI tests spawn processes).
// Nothing here reads outside the repository; the conformance suite over ../shared/corpus is conformance/ (`npm run conformance`).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    allowOnly: false,
    reporters: ["default", "./test/support/plain-summary-reporter.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
