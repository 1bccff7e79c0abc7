// The scenarios screen (`r`): a resource's failure scenarios and the chain behind each figure, at a fixed size, keys on stdin.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "ink-testing-library";
import { createElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../src/simulate/types.js";
import { App } from "../../src/tui/app.js";
import { cellLength } from "../../src/tui/terminal-text.js";
import type { TuiData } from "../../src/tui/types.js";
import { failover, manual } from "../report/simulation-fixtures.js";
import { HOSTILE_ID, hostileData, mixedData, screen } from "./fixtures.js";

const ESC = "\u001b";
type Mounted = ReturnType<typeof render>;
const mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

function mount(data: TuiData): Mounted {
  const app = render(createElement(App, { data, cwd: mkdtempSync(join(tmpdir(), "haspec-tui-")), width: 100, height: 30 }));
  mounted.push(app);
  return app;
}

async function frameWhen(app: Mounted, expected: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = screen(app.lastFrame());
    if (lines.join("\n").includes(expected)) return lines;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(expected)}; last frame:\n${lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function press(app: Mounted, key: string): Promise<void> {
  app.stdin.write(key);
  await new Promise((r) => setTimeout(r, key === ESC ? 60 : 15));
}

/** The data with scenarios for every resource: writer fails over, the AZ needs a person; records whom it was asked about. */
function withScenarios(data: TuiData, asked: string[] = []): TuiData {
  return {
    ...data,
    scenarios: async (address) => {
      asked.push(address);
      const ref = data.resources.find((r) => r.address === address)!;
      const resource = { ...failover.resource, id: ref.id, address };
      return [
        { ...failover, disruption: "writer", resource },
        { ...manual, resource },
      ] satisfies Scenario[];
    },
  };
}

describe("scenarios screen", () => {
  it("r on the overview shows the selected resource's scenarios with their chains; esc goes back", async () => {
    const asked: string[] = [];
    const app = mount(withScenarios(mixedData(), asked));
    await frameWhen(app, "r recovery");
    await press(app, "r");
    const lines = await frameWhen(app, "add an instance");
    expect(lines[0]).toMatch(/^‹ failing-db +failure scenarios/);
    expect(lines.find((l) => l.startsWith("writer "))).toMatch(/^writer +failover +→ orders-prod-2 or orders-prod-3 \(tie\)$/);
    expect(lines.find((l) => l.includes("RTO 15s"))).toContain("RTO 15s–2m5s (≤ 3m pass)   RPO 0s (≤ 0s pass)");
    expect(lines.find((l) => l.includes("+ detection and promotion"))).toMatch(/\+ detection and promotion +15s–60s +aws-doc +Aurora User Guide/);
    expect(lines.find((l) => l.startsWith("az:us-east-1a"))).toMatch(/^az:us-east-1a +manual +→ —$/);
    expect(lines.join("\n")).toContain("RTO ≥ 10m, a person must act (≤ 3m fail)");
    for (const l of lines) expect(cellLength(l), l).toBeLessThanOrEqual(100);
    expect(asked).toEqual([asked[0]]);
    await press(app, ESC);
    await frameWhen(app, "Instances");
  });

  it("says so when the session cannot simulate", async () => {
    const app = mount(mixedData());
    await frameWhen(app, "RESOURCE");
    await press(app, "r");
    await frameWhen(app, "This session cannot simulate");
  });

  it("shows hostile names as escapes", async () => {
    const app = mount(withScenarios(hostileData()));
    await frameWhen(app, "RESOURCE");
    await press(app, "r");
    const lines = await frameWhen(app, "add an instance");
    expect(lines.join("\n")).not.toContain(HOSTILE_ID);
    expect(lines[0]).toContain("evil\\n\\e[2J");
  });
});
