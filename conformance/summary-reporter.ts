// Ends the conformance run with `Conformance: N passed, N failed`. A test that did not run (skipped, todo) or a file that failed
// before its tests ran counts as failed, and makes the run fail: nothing in this suite may pass by not running.
import type { Reporter, TestModule } from "vitest/node";

export default class ConformanceSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    const notRun: string[] = [];
    for (const module of modules) {
      if (module.state() === "failed" && module.errors().length > 0) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else {
          failed++;
          notRun.push(test.fullName);
        }
      }
    }
    failed += unhandledErrors.length;
    if (notRun.length > 0) process.stdout.write(`\nNot run (counted as failed):\n${notRun.map((n) => `  ${n}`).join("\n")}\n`);
    process.stdout.write(`\nConformance: ${passed} passed, ${failed} failed\n`);
    if (failed > 0) process.exitCode = 1;
  }
}
