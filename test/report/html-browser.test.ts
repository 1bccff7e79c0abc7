// The HTML report as a browser sees it: headless Chromium loads it, nothing runs, nothing is fetched.
import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import type { Evaluation } from "../../src/engine/result.js";
import { renderHtml } from "../../src/report/html.js";
import { simulationHtmlChunks } from "../../src/report/simulation-html.js";
import { readAwsJson } from "../../src/sources/aws-json/index.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import { inventory, resource } from "../support/build.js";
import { policy } from "../support/policy.js";
import { hostileReport, report } from "./simulation-fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const NOW = new Date("2026-11-22T12:00:00Z");
const H = `<script>alert(1)</script> "><img src=x onerror=alert(1)> <svg onload=alert(1)> </style><script>alert(2)</script> javascript:alert(1) <img src="https://example.com/x.png">`;

async function demoEvaluation(): Promise<Evaluation> {
  const p = await loadPolicy("policies/aurora-production.yaml");
  return evaluate([p], await readAwsJson(["examples/demo-fleet"]), { now: NOW });
}

function hostileEvaluation(): Evaluation {
  const ev = evaluate([{ ...policy({ name: H }), file: H }], inventory({ resources: [resource({ id: `db-${H}`, retention: 1 })] }), { now: NOW });
  return {
    ...ev,
    notes: [H],
    gaps: [H],
    sources: [{ kind: H, location: H }],
    results: ev.results.map((r) => ({ ...r, message: H, actual: H, evidence: [{ field: H, value: H }] })),
  };
}

/** Loads the page, recording every request and dialog. */
async function open(browser: Browser, html: string): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(5_000);
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.route("**/*", (route) => (route.request().url() === "about:blank" ? route.continue() : route.abort()));
  await page.setContent(html, { waitUntil: "load" });
  return { page, requests, dialogs };
}

describe("HTML report in headless Chromium", () => {
  let browser: Browser;
  let demo: Evaluation;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install the Debian package \`chromium\` (apt-get install chromium) to run the HTML report browser test`);
    }
    [browser, demo] = await Promise.all([
      chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      }),
      demoEvaluation(),
    ]);
  }, 20_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the demo fleet's title, summary, control frameworks and failing resources; fetches nothing", async () => {
    const { page, requests, dialogs } = await open(browser, renderHtml(demo));
    expect(await page.title()).toBe("haspec audit report — aurora-production");
    await expect(page.locator("h1").innerText()).resolves.toContain("aurora-production");

    const s = demo.summary;
    const totals = await page.locator("table.totals-table tr").nth(1).locator("td").allInnerTexts();
    expect(totals.map(Number)).toEqual([s.resources, s.fail, s.unknown, s.waived, s.pass, s.not_applicable]);

    for (const fw of ["fsbp", "well-architected", "soc2", "iso27001"]) {
      expect(await page.locator(`h3[data-framework="${fw}"]`).isVisible()).toBe(true);
    }
    expect(await page.locator("table.framework").count()).toBeGreaterThan(0);

    const failing = demo.results.find((r) => r.status === "fail")!;
    const heading = page.locator("section.resource h3").filter({ hasText: failing.resource.id }).first();
    expect(await heading.isVisible()).toBe(true);
    const section = page.locator("section.resource").filter({ has: page.locator("h3", { hasText: failing.resource.id }) });
    expect(await section.locator(".badge.s-fail").first().innerText()).toBe("✗ fail");
    expect(await page.locator("#waivers .expired").first().isVisible()).toBe(true);

    mkdirSync("test-artifacts", { recursive: true });
    await page.screenshot({ path: "test-artifacts/report.png", fullPage: false });

    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it("runs no script and makes no request for a report full of hostile values", async () => {
    const { page, requests, dialogs } = await open(browser, renderHtml(hostileEvaluation()));
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator("script, img, svg, iframe, object, embed, link").count()).toBe(0);
    // The hostile strings are on the page as text.
    expect(await page.locator("#notes li").first().innerText()).toBe(H);
    expect(await page.title()).toBe(`haspec audit report — ${H}`);
    await page.close();
  });

  it("shows the simulate page: a table per disruption, the chain of each affected resource; with hostile values runs nothing, fetches nothing", async () => {
    const { page, requests, dialogs } = await open(browser, [...simulationHtmlChunks(report())].join(""));
    expect(await page.title()).toBe("haspec failure simulation — prod");
    expect(await page.locator("h3.disruption").allInnerTexts()).toEqual(["writer — 1 of 1 affected", "az:us-east-1a — 3 of 4 affected"]);
    const billing = page.locator("table.scenarios tr", { has: page.locator("code", { hasText: "billing" }) });
    expect(await billing.locator(".badge.s-fail").innerText()).toBe("fail");
    await billing.locator("a").click();
    expect(await page.locator("section.resource:target ol.manual li").count()).toBe(1);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();

    const hostile = await open(browser, [...simulationHtmlChunks(hostileReport(H))].join(""));
    await hostile.page.waitForTimeout(200);
    expect(hostile.dialogs).toEqual([]);
    expect(hostile.requests).toEqual([]);
    expect(await hostile.page.locator("script, img, svg, iframe, object, embed, link").count()).toBe(0);
    expect(await hostile.page.locator("ol.manual li").first().innerText()).toBe(H);
    await hostile.page.close();
  });
});
