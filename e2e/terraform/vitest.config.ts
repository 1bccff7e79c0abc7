// Test runner settings for `npm run test:terraform`: real Terraform and moto, one file per estate, all at once (they mostly wait on the provider).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.terraform/**"],
    globalSetup: ["./global-setup.ts"],
    pool: "forks",
    maxWorkers: 6, // one per file: most of their time is the provider waiting on RDS, not CPU
    testTimeout: 600_000,
    hookTimeout: 120_000,
    allowOnly: false,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
