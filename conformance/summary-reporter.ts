// Ends the conformance run with `Conformance: N passed, N failed`. A test that did not run (skipped, todo) or a file that failed
// before its tests ran counts as failed, and makes the run fail: nothing in this suite may pass by not running.
import type { Reporter, TestModule } from "vitest/node";
import { countResults } from "../test/support/plain-summary-reporter.js";

export default class ConformanceSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const { passed, failed, notRun } = countResults(modules, unhandledErrors);
    if (notRun.length > 0) process.stdout.write(`\nNot run (counted as failed):\n${notRun.map((n) => `  ${n}`).join("\n")}\n`);
    const failedAll = failed + notRun.length;
    process.stdout.write(`\nConformance: ${passed} passed, ${failedAll} failed\n`);
    if (failedAll > 0) process.exitCode = 1;
  }
}
