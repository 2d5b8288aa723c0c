import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { htmlReport } from './html.js';
import { junitReport } from './junit.js';
import { sampleReport } from './test-support/sample-report.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) process.stdout.write(`notice: ${CHROMIUM} absent, HTML report browser test skipped\n`);
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/posture/', import.meta.url));

describe.runIf(present)('HTML report in Chromium', () => {
  it('renders (summary, findings table, no console errors) and is screenshotted; JUnit parses as XML', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      await page.setContent(htmlReport(sampleReport()), { waitUntil: 'load' });
      expect(await page.title()).toBe('Bulwark IaC findings');
      expect(await page.locator('main table tbody tr').first().textContent()).toContain('BWK-ECS-002');
      expect(await page.locator('.sev.high').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(207, 34, 46)');
      await page.locator('details summary').first().click();
      expect(await page.locator('details[open] pre').first().isVisible()).toBe(true);
      mkdirSync(ARTIFACTS, { recursive: true });
      const png = await page.screenshot({ fullPage: true });
      writeFileSync(`${ARTIFACTS}iac-report.png`, png);
      expect(png.length).toBeGreaterThan(10_000);

      const junit = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        return { error: doc.getElementsByTagName('parsererror').length, suites: doc.getElementsByTagName('testsuite').length, failures: doc.getElementsByTagName('failure').length };
      }, junitReport(sampleReport()));
      expect(junit).toEqual({ error: 0, suites: 5, failures: 3 });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
