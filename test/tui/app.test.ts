// The UI at a fixed size (ink-testing-library): overview, resource and result screens, filters, help, export and fixes, keys simulated on stdin.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "ink-testing-library";
import { createElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App, type AppProps } from "../../src/tui/app.js";
import { cellLength } from "../../src/tui/terminal-text.js";
import { MONO_THEME, themeFor } from "../../src/tui/theme.js";
import type { FixActions, TuiData } from "../../src/tui/types.js";
import { demoData, HOSTILE_ID, hostileData, largeFleet, mixedData, screen } from "./fixtures.js";

const KEY = { down: "\u001b[B", up: "\u001b[A", enter: "\r", escape: "\u001b", end: "\u001b[F", pageDown: "\u001b[6~", backspace: "\u007f" };

type Mounted = ReturnType<typeof render>;
const mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

function mount(data: TuiData, props: Partial<AppProps> = {}): Mounted {
  const app = render(createElement(App, { data, cwd: mkdtempSync(join(tmpdir(), "haspec-tui-")), width: 80, height: 24, ...props }));
  mounted.push(app);
  return app;
}

/** The frame's text once it satisfies `expectation` (ink draws after the input event). */
async function frameWhen(app: Mounted, expectation: (text: string) => boolean, what = "the expected frame"): Promise<string[]> {
  const deadline = Date.now() + 10_000; // generous: other test files synthesize CDKTF projects on the same cores
  for (;;) {
    const lines = screen(app.lastFrame());
    if (expectation(lines.join("\n"))) return lines;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const has = (s: string) => (text: string) => text.includes(s);

async function press(app: Mounted, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    app.stdin.write(k);
    // A lone Esc is told from the start of an escape sequence by a short pause.
    await new Promise((r) => setTimeout(r, k === KEY.escape ? 60 : 15));
  }
}

function expectFits(lines: readonly string[], width: number, height: number): void {
  expect(lines.length).toBeLessThanOrEqual(height - 1);
  for (const l of lines) expect(cellLength(l), l).toBeLessThanOrEqual(width);
}

describe("overview", () => {
  it("80×24: header with policy, inputs and summary; one row per resource, worst first; the keys in the footer", async () => {
    const app = mount(await demoData());
    const lines = await frameWhen(app, has("RESOURCE"));
    expectFits(lines, 80, 24);
    expect(lines[0]).toBe("haspec  policy aurora-production (policies/aurora-production.yaml)");
    expect(lines[1]).toMatch(/inputs aws-json .*examples\/demo-fleet/);
    expect(lines[2]).toMatch(/^Policy: 42 to fix, 14 unknown, 144 compliant \(1 waived\)\. 10 resources judged\./);
    expect(lines[3]).toBe("showing 10 of 10 resources · row 1 of 10");
    expect(lines[4]).toMatch(/^ {4}RESOURCE +REGION +FAIL +UNK WAIV +SEVERITY$/);
    expect(lines[5]).toMatch(/^› ~ crm-legacy +us-east-1 +13 +2 +1 +high$/);
    expect(lines.slice(5, 15).map((l) => l.slice(4).split(" ")[0])).toEqual([
      "crm-legacy",
      "wiki-mysql",
      "payments-prod",
      "ledger-prod",
      "catalog-prod",
      "analytics-prod",
      "checkout-prod",
      "orders-prod",
      "billing-maz",
      "reports-postgres",
    ]);
    expect(lines.find((l) => l.includes("orders-prod"))).toMatch(/^ {2}\? orders-prod .* 0 +2 +0 +high$/);
    expect(lines.find((l) => l.includes("billing-maz"))).toMatch(/^ {2}✓ billing-maz .* 0 +0 +0 +—$/);
    const footer = lines.slice(-3).join("\n");
    for (const hint of ["↑↓ move", "⏎ open", "/ filter", "s severity", "u unknowns", "w waived", "f fix", "F fix all", "e export", "? help", "q quit"]) {
      expect(footer).toContain(hint);
    }
  });

  it("wide terminals show engine and account columns; narrow ones cut names with an ellipsis, never wrapping", async () => {
    const data = await demoData();
    const wide = mount(data, { width: 150, height: 40 });
    const wideLines = await frameWhen(wide, has("RESOURCE"));
    expectFits(wideLines, 150, 40);
    expect(wideLines[4]).toMatch(/RESOURCE +REGION +ENGINE +ACCOUNT +FAIL/);
    expect(wideLines[5]).toMatch(/crm-legacy +us-east-1 +aurora-mysql +123456789012 +13/);
    const narrow = mount(largeFleet(3), { width: 60, height: 24 });
    const narrowLines = await frameWhen(narrow, has("RESOURCE"));
    expectFits(narrowLines, 60, 24);
    expect(narrowLines[5]).toMatch(/^› ~ cluster-0000-x+… +1 +0 +0 +high$/);
    const tiny = mount(largeFleet(3), { width: 40, height: 12 });
    const tinyLines = await frameWhen(tiny, has("RESOURCE"));
    expectFits(tinyLines, 40, 12);
    // Too narrow for every key: help and quit stay in the footer.
    expect(tinyLines.slice(-3).join("\n")).toMatch(/\? help.*q quit|q quit.*\? help/s);
  });

  it("renders only the visible rows of a long list, and follows the cursor to the end", async () => {
    const app = mount(largeFleet(500));
    let lines = await frameWhen(app, has("RESOURCE"));
    expectFits(lines, 80, 24);
    expect(lines.filter((l) => l.includes("cluster-"))).toHaveLength(24 - 1 - 2 - 1 - 5);
    await press(app, "G");
    lines = await frameWhen(app, has("row 500 of 500"));
    expectFits(lines, 80, 24);
    expect(lines.find((l) => l.startsWith("›"))).toMatch(/cluster-0499/);
    await press(app, KEY.up, KEY.up);
    lines = await frameWhen(app, has("row 498 of 500"));
    expect(lines.find((l) => l.startsWith("›"))).toMatch(/cluster-0497/);
    expect(lines.filter((l) => l.includes("cluster-")).at(-1)).toMatch(/cluster-0499/);
  });

  it("shows hostile identifiers escaped: no newline, escape sequence or bidi override reaches the terminal", async () => {
    const app = mount(hostileData());
    const lines = await frameWhen(app, has("RESOURCE"));
    const raw = app.lastFrame() ?? "";
    expect(raw).not.toContain("\u001b[2J");
    expect(raw).not.toContain("\u001b[31mdb");
    expect(raw).not.toContain("\u202e");
    expect(lines[5]).toMatch(/^› ~ evil\\n\\e\[2J\\e\[31mdb\\u202e +us-east-1/);
    expectFits(lines, 80, 24);
    await press(app, KEY.enter);
    const detail = await frameWhen(app, has("Instances"));
    expect(detail.join("\n")).toContain("inst\\e]0;title\\x07");
    expect(app.lastFrame()).not.toContain("\u0007");
    expectFits(detail, 80, 24);
    expect(HOSTILE_ID).toContain("\n");
  });
});

describe("resource and result screens", () => {
  it("Enter opens a resource: instances with AZ, tier, class and writer; each result with its diff line, consequence and policy line", async () => {
    const app = mount(await demoData());
    await frameWhen(app, has("RESOURCE"));
    await press(app, "j", "j");
    await frameWhen(app, has("row 3 of 10"));
    await press(app, KEY.enter);
    const lines = await frameWhen(app, has("Instances"));
    expectFits(lines, 80, 24);
    expect(lines[0]).toBe("‹ payments-prod  aurora-cluster · aurora-mysql · us-east-1 · 123456789012");
    expect(lines).toContain("address  arn:aws:rds:us-east-1:123456789012:cluster:payments-prod");
    expect(lines.find((l) => l.includes("INSTANCE"))).toMatch(/INSTANCE +ROLE +AZ +TIER +CLASS/);
    expect(lines.find((l) => l.includes("payments-prod-instance-1"))).toMatch(/payments-prod-instance-1 +writer +us-east-1\w +\d+ +db\.\S+/);
    expect(lines.find((l) => l.includes("payments-prod-instance-2"))).toMatch(/reader/);
    const first = lines.findIndex((l) => l.startsWith("› ~ "));
    expect(lines[first]).toMatch(/^› ~ \S.* = .* -> /);
    expect(lines[first + 1]).toMatch(/^│ {3}\S/);
    expect(lines[first + 2]).toMatch(/^│ {3}[a-z_]+\.[a-z_]+ · high · policies\/aurora-production\.yaml:\d+ · target prod-…$/);
  });

  it("the retention result: the Terraform-style line, why the rule exists, the evidence and source, the policy line, the fix", async () => {
    const app = mount(await demoData());
    await frameWhen(app, has("RESOURCE"));
    await press(app, "/");
    for (const c of "ledger") await press(app, c);
    await press(app, KEY.enter);
    await frameWhen(app, has("showing 1 of 10"));
    await press(app, KEY.enter);
    let lines = await frameWhen(app, has("backup_retention_period = 1 -> 7"));
    const row = lines.findIndex((l) => l.includes("backup_retention_period = 1 -> 7"));
    const block = Math.floor((row - lines.findIndex((l) => /^[›│ ] [~?!✓] /.test(l))) / 3);
    for (let i = 0; i < block; i++) await press(app, "j");
    await frameWhen(app, (t) => /› ~ backup_retention_period = 1 -> 7/.test(t));
    await press(app, KEY.enter);
    lines = await frameWhen(app, has("Why this rule"));
    expectFits(lines, 80, 24);
    const text = lines.join("\n");
    expect(lines[0]).toMatch(/^‹ ledger-prod › backup\.min_retention_days {2}lines 1–\d+ of \d+$/);
    expect(lines[1]).toBe("FAIL — violates the policy · high · target prod-aurora-mysql · policy aurora-pr…");
    expect(lines[2]).toBe("  ~ backup_retention_period = 1 -> 7");
    expect(text).toContain("Evidence");
    expect(text).toMatch(/expected {2}7/);
    expect(text).toMatch(/actual {4}1/);
    await press(app, "G");
    lines = await frameWhen(app, has("Required by"));
    const end = lines.join("\n");
    expect(end).toMatch(/resource  arn:aws:rds:us-east-1:123456789012:cluster:ledger-prod at\n {12}examples\/demo-fleet\/us-east-1\/describe-db-clusters\.json \(aws-json\)/);
    expect(end).toContain("input     aws-json examples/demo-fleet");
    expect(end).toMatch(/policy {4}policies\/aurora-production\.yaml:\d+:\d+ \(target prod-aurora-mysql\)/);
    expect(end).toContain("~ backup_retention_period = 1 -> 7");
    expect(end).toContain("No CDKTF or HCL generator in this session");
    await press(app, KEY.escape);
    await frameWhen(app, has("‹ ledger-prod  aurora-cluster"));
    await press(app, KEY.escape);
    await frameWhen(app, has("showing 1 of 10"));
    await press(app, KEY.escape);
    await frameWhen(app, has("showing 10 of 10"));
  });

  it("an unknown result says it is not a pass, with the reason", async () => {
    const app = mount(mixedData());
    await frameWhen(app, has("RESOURCE"));
    await press(app, "j", KEY.enter);
    await frameWhen(app, has("‹ unknown-db"));
    await press(app, KEY.enter);
    const text = (await frameWhen(app, has("UNKNOWN"))).join("\n");
    expect(text).toContain("UNKNOWN — cannot be judged from the inputs; not a pass");
    expect(text).toContain("? backup.min_retention_days = (unknown)");
    expect(text).toContain("cannot be judged: the backup retention period: BackupRetentionPeriod was not");
    expect(text).not.toContain("PASS");
  });

  it("a waived result shows the waiver", async () => {
    const app = mount(mixedData());
    await frameWhen(app, has("RESOURCE"));
    await press(app, "j", "j", KEY.enter);
    await frameWhen(app, has("‹ waived-db"));
    await press(app, KEY.enter);
    const text = (await frameWhen(app, has("Waiver"))).join("\n");
    expect(text).toMatch(/WAIVED — covered by a waiver/);
    expect(text).toMatch(/reason {4}migration until Q1/);
    expect(text).toMatch(/expires {3}2030-01-01/);
    expect(text).toMatch(/approved {2}cto@example\.com/);
  });
});

describe("filters", () => {
  it("/ filters by text as it is typed; Esc on the overview clears it", async () => {
    const app = mount(await demoData());
    await frameWhen(app, has("RESOURCE"));
    await press(app, "/", "c", "a", "t", "a");
    let lines = await frameWhen(app, has("/cata▌"));
    expect(lines.filter((l) => /^[› ] [~?!✓·-] /.test(l)).map((l) => l.slice(4).split(" ")[0])).toEqual(["catalog-prod"]);
    expect(lines[3]).toBe("showing 1 of 10 resources · filter: /cata · row 1 of 1");
    await press(app, KEY.backspace);
    lines = await frameWhen(app, has("/cat▌"));
    // `cat` is also in event_categories, the attribute of two resources' events.subscribed failures.
    expect(lines[3]).toBe("showing 3 of 10 resources · filter: /cat · row 1 of 3");
    await press(app, KEY.backspace, KEY.backspace, KEY.backspace, "z", "z", "z");
    lines = await frameWhen(app, has("No resource matches the filters"));
    await press(app, KEY.escape);
    await frameWhen(app, (t) => t.includes("showing 10 of 10") && t.includes("q quit"));
  });

  it("keys typed faster than a frame (one input chunk) all count: /catalog then Enter", async () => {
    const app = mount(await demoData());
    await frameWhen(app, has("RESOURCE"));
    app.stdin.write("/catalog\r");
    const lines = await frameWhen(app, (t) => t.includes("filter: /catalog") && t.includes("q quit"));
    expect(lines.filter((l) => /^[› ] [~?!✓·-] /.test(l))).toHaveLength(1);
  });

  it("moves typed in one chunk are seen by the Enter after them: jj then Enter opens the third resource", async () => {
    const app = mount(await demoData());
    await frameWhen(app, has("RESOURCE"));
    app.stdin.write("jj\r");
    const lines = await frameWhen(app, has("‹ "), "the resource screen");
    expect(lines[0]).toMatch(/^‹ payments-prod /);
  });

  it("s cycles the severity filter, u and w hide unknowns and waived (their columns show –)", async () => {
    const app = mount(await demoData());
    await frameWhen(app, has("RESOURCE"));
    await press(app, "s");
    await frameWhen(app, has("severity critical"));
    await press(app, "s");
    let lines = await frameWhen(app, has("severity ≥ high"));
    expect(lines[3]).toMatch(/^showing 10 of 10 resources/);
    await press(app, "s", "s");
    await frameWhen(app, (t) => !t.includes("severity ≥") && t.includes("showing 10 of 10"));
    await press(app, "u", "w");
    lines = await frameWhen(app, has("unknowns hidden · waived hidden"));
    expect(lines[5]).toMatch(/^› ~ crm-legacy +us-east-1 +13 +– +– +high$/);
    expect(lines.find((l) => l.includes("orders-prod"))).toMatch(/^ {2}· orders-prod/);
  });
});

describe("help, export and fixes", () => {
  it("? shows every key and the symbols; any key closes it", async () => {
    const app = mount(await demoData());
    await frameWhen(app, has("RESOURCE"));
    await press(app, "?");
    const lines = await frameWhen(app, has("haspec keys"));
    expectFits(lines, 80, 24);
    const text = lines.join("\n");
    for (const k of ["↑ ↓  j k", "Enter", "Esc", "/", " s ", " u ", " w ", " f ", " F ", " e ", " q ", "~ violates the policy", "? cannot be judged"]) expect(text).toContain(k);
    await press(app, "q");
    await frameWhen(app, has("RESOURCE"));
  });

  it("e writes the filtered view as JSON and Markdown with the report renderers and names the files", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "haspec-tui-export-"));
    const app = mount(await demoData(), { cwd });
    await frameWhen(app, has("RESOURCE"));
    await press(app, "/", "c", "r", "m", KEY.enter, "e");
    const lines = await frameWhen(app, has("exported"));
    expect(lines.at(-1)).toMatch(/^exported 22 results of 1 resource to \.\/haspec-view\.json and \.\/haspec-view\.md$/);
    const report = JSON.parse(readFileSync(join(cwd, "haspec-view.json"), "utf8"));
    expect(new Set(report.results.map((r: { resource: { id: string } }) => r.resource.id))).toEqual(new Set(["crm-legacy"]));
    expect(report.summary).toMatchObject({ resources: 1, fail: 13, unknown: 2, waived: 1 });
    expect(report.policy.name).toBe("aurora-production");
    expect(readFileSync(join(cwd, "haspec-view.md"), "utf8")).toMatch(/^## haspec: aurora-production\n\n\*\*13 violations to fix\*\* across 1 resource\./);
  });

  it("f without a fix generator says so; the result screen keeps the textual fix", async () => {
    const app = mount(mixedData());
    await frameWhen(app, has("RESOURCE"));
    await press(app, "f");
    expect((await frameWhen(app, has("no fix generator"))).at(-1)).toBe("no fix generator in this session: each result screen lists its changes");
  });

  it("with a fix generator: the result screen shows its CDKTF and HCL, f writes the selected resource, F all", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "haspec-tui-fix-"));
    const fixes: FixActions = {
      snippets: vi.fn(async () => ({ cdktf: 'new RdsCluster(this, "failing-db", {\n  backupRetentionPeriod: 7,\n});', hcl: 'resource "aws_rds_cluster" "failing-db" {\n  backup_retention_period = 7\n}', manual: ["apply during the maintenance window"] })),
      write: vi.fn(async (addresses: readonly string[] | "all", dir: string) => `wrote ${addresses === "all" ? "every resource" : addresses.length} to ${dir}`),
    };
    const data = mixedData();
    const app = mount(data, { cwd, fixes });
    await frameWhen(app, has("RESOURCE"));
    await press(app, "f");
    const failing = data.resources.find((r) => r.id === "failing-db")!.address;
    await frameWhen(app, has("wrote 1 to"));
    expect(fixes.write).toHaveBeenLastCalledWith([failing], join(cwd, "haspec-fix"));
    await press(app, "F");
    await frameWhen(app, has("wrote every resource"));
    expect(fixes.write).toHaveBeenLastCalledWith("all", join(cwd, "haspec-fix"));
    await press(app, KEY.enter, KEY.enter);
    // The document grows by the snippets once the generator answers.
    await frameWhen(app, (t) => Number(/lines 1–20 of (\d+)/.exec(t)?.[1]) > 30, "the snippets");
    await press(app, "G");
    const text = (await frameWhen(app, has("backup_retention_period = 7"))).join("\n");
    expect(fixes.snippets).toHaveBeenCalledWith(failing);
    expect(text).toContain("HCL");
    expect(text).toContain('  resource "aws_rds_cluster" "failing-db" {');
    expect(text).toContain("- apply during the maintenance window");
  });

  it("a failing fix generator is reported on the status line, not thrown", async () => {
    const fixes: FixActions = {
      snippets: async () => {
        throw new Error("provider schema missing");
      },
      write: async () => {
        throw new Error("disk full");
      },
    };
    const app = mount(mixedData(), { fixes });
    await frameWhen(app, has("RESOURCE"));
    await press(app, "f");
    await frameWhen(app, has("fix not written: disk full"));
    await press(app, KEY.enter, KEY.enter, "G");
    await frameWhen(app, has("Could not generate the fix: provider schema missing"));
  });
});

describe("theme", () => {
  it("NO_COLOR gives a theme without colours", () => {
    expect(themeFor({ NO_COLOR: "1" })).toBe(MONO_THEME);
    expect(themeFor({ NO_COLOR: "" })).not.toBe(MONO_THEME);
    for (const style of Object.values(MONO_THEME)) expect(style).not.toHaveProperty("color");
  });
});
