import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderComplianceHtml } from './render-html.js';
import { sampleComplianceReport } from './test-support/sample.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) process.stdout.write(`notice: ${CHROMIUM} absent, compliance HTML browser test skipped\n`);
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/posture/', import.meta.url));

describe.runIf(present)('compliance HTML in Chromium', () => {
  it('renders the score, requirements and findings without running any injected markup, and is screenshotted', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      const report = sampleComplianceReport();
      await page.setContent(renderComplianceHtml(report), { waitUntil: 'load' });
      expect(await page.title()).toBe('CIS Alibaba Cloud Foundations Benchmark 2.0.0 — compliance');
      expect(await page.locator('.card').first().textContent()).toContain(`${report.summary.score}%`);
      expect(await page.locator('tr[id^="req-"]').count()).toBe(85);
      expect(await page.locator('tr[id="req-1.2"] > td:last-child .status').textContent()).toBe('Failed');
      expect(await page.locator('tr[id="req-1.1"] > td:last-child .status').textContent()).toBe('Manual');
      expect(await page.locator('tr[id="req-1.2"] > td:last-child .status.fail').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 34, 46)');
      await page.locator('tr[id="req-5.1"] > td > details > summary').click();
      expect(await page.locator('tr[id="req-5.1"] > td > details[open] > table').first().isVisible()).toBe(true);
      expect(await page.locator('img').count()).toBe(0);
      mkdirSync(ARTIFACTS, { recursive: true });
      const png = await page.screenshot({ fullPage: false });
      writeFileSync(`${ARTIFACTS}compliance-report.png`, png);
      expect(png.length).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
