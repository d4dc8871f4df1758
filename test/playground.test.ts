import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';

/**
 * The browser playground in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core;
 * never a downloaded browser): type an insecure manifest, see no-automount-token at its line, apply
 * the fix, see it gone. Saves a screenshot to test/.artifacts/playground.png.
 */
const root = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const why = existsSync(CHROMIUM) ? '' : `${CHROMIUM} is not installed (apt-get install chromium)`;
if (why) console.warn(`playground browser test skipped: ${why}`);

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((req, res) => {
    const file = join(dir, req.url === '/' ? 'index.html' : (req.url ?? '').replace(/^\//, '').split('?')[0]!);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

describe.skipIf(Boolean(why))('playground (examples/playground) in headless Chromium', () => {
  it('shows findings as you type, and the fix makes them disappear', async () => {
    const out = mkdtempSync(join(tmpdir(), 'satlint-playground-'));
    const build = spawnSync(process.execPath, [join(root, 'scripts/build-playground.mjs'), out], { encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const { chromium } = await import('playwright-core');
    const { server, url } = await serve(out);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      const editor = page.locator('#manifest');
      await editor.fill('');
      await editor.pressSequentially('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers: []\n', { delay: 2 });
      const finding = page.locator('#findings li[data-rule="no-automount-token"]');
      await finding.waitFor();
      expect(await finding.getAttribute('data-line')).toBe('5');
      expect(await finding.locator('.pos').textContent()).toBe('5:1');
      expect(await page.locator('#preview').textContent()).toContain('automountServiceAccountToken: false');
      mkdirSync(join(root, 'test/.artifacts'), { recursive: true });
      await page.screenshot({ path: join(root, 'test/.artifacts/playground.png') });
      await page.locator('#fix').click();
      await page.locator('#findings li[data-rule="no-automount-token"]').waitFor({ state: 'detached' });
      expect(await editor.inputValue()).toContain('spec:\n  automountServiceAccountToken: false\n  serviceAccountName: web');
      expect(await page.locator('#fix').isDisabled()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      server.close();
    }
  }, 60_000);
});
