import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The HTML report in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
 * open `satlint -f html examples/insecure` from a file with every network request refused, filter
 * by rule and by severity, read a finding and its attack-path graph. Saves a screenshot to
 * test/.artifacts/report.png (docs/report.png is a copy of it).
 */
const root = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const why = existsSync(CHROMIUM) ? '' : `${CHROMIUM} is not installed (apt-get install chromium, or .ci/tools.sh)`;
if (why) console.warn(`HTML report browser test skipped: ${why}`);

describe.skipIf(Boolean(why))('-f html in headless Chromium', () => {
  it('opens offline, filters by rule and severity, and shows a finding with its excerpt and attack path', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'satlint-report-')), 'report.html');
    const run = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), '-f', 'html', '-o', out, 'examples/insecure'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const total = (readFileSync(out, 'utf8').match(/<article class="finding"/g) ?? []).length;
    expect(total).toBeGreaterThan(20);
    const { chromium } = await import('playwright-core');
    // playwright-core starts Chromium with a fresh temporary profile (it refuses --user-data-dir here).
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url === pathToFileURL(out).href) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(out).href);
      const visible = () => page.locator('article.finding:visible').count();
      expect(await visible()).toBe(total);
      expect(await page.locator('#shown').textContent()).toBe(`${total} of ${total} shown`);

      await page.selectOption('#filter-rule', 'token-blast-radius');
      expect(await visible()).toBe(1);
      const finding = page.locator('article.finding:visible');
      expect(await finding.getAttribute('data-rule')).toBe('token-blast-radius');
      expect(await finding.locator('.loc').textContent()).toBe('examples/insecure/token-blast-radius.yaml:36:7');
      expect(await finding.locator('.message').textContent()).toBe('Deployment finance/report-generator holds an API token while ServiceAccount finance/report-generator may escalate through RBAC:');
      expect(await finding.locator('.details li').first().textContent()).toBe('get/list/watch secrets in namespace finance (RoleBinding finance/report-generator-edit → ClusterRole edit (built-in) via ClusterRole system:aggregate-to-edit rule 0)');
      expect(await finding.locator('pre.excerpt .hit').first().textContent()).toBe('36      serviceAccountName: report-generator');
      const nodes = await finding.locator('svg.graph g.node title').allTextContents();
      expect(nodes.slice(0, 3)).toEqual(['Deployment finance/report-generator', 'ServiceAccount finance/report-generator', 'RoleBinding finance/report-generator-edit']);
      expect(nodes).toContain('get/list/watch secrets in namespace finance');
      // The graph is laid out: the service account's box is to the right of the workload's.
      const boxes = await finding.locator('svg.graph g.node rect').evaluateAll((rs) => rs.map((r) => (r as SVGRectElement).getBBox().x));
      expect(boxes[1]).toBeGreaterThan(boxes[0]!);
      expect(await page.locator('section.namespace:visible h2').allTextContents()).toEqual(['Namespace finance']);
      mkdirSync(join(root, 'test/.artifacts'), { recursive: true });
      await page.screenshot({ path: join(root, 'test/.artifacts/report.png'), fullPage: true });

      await page.selectOption('#filter-rule', '');
      await page.locator('input.filter-severity[value="error"]').uncheck();
      const warnings = await visible();
      expect(warnings).toBeGreaterThan(0);
      expect(warnings).toBeLessThan(total);
      expect(await page.locator('article.finding:visible[data-severity="error"]').count()).toBe(0);
      expect(await page.locator('#shown').textContent()).toBe(`${warnings} of ${total} shown`);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
