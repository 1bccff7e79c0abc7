// Vitest reporter that ends the run with a plain `N passed, N failed, N skipped` line CI tools can read.
import type { Reporter, TestModule } from "vitest/node";

/** The counts of a run; a file that fails before its tests run (a bad import, a missing fixture) and an unhandled error count as failures. */
export function countResults(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
  let passed = 0;
  let failed = unhandledErrors.length;
  const notRun: string[] = [];
  for (const module of modules) {
    if (module.state() === "failed" && module.errors().length > 0) failed++;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed") passed++;
      else if (state === "failed") failed++;
      else notRun.push(test.fullName);
    }
  }
  return { passed, failed, notRun };
}

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const { passed, failed, notRun } = countResults(modules, unhandledErrors);
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${notRun.length} skipped\n`);
  }
}
