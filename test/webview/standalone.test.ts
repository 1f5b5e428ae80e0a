/**
 * The standalone HTML export (`lwp export --format html`) in real Chromium:
 * the chart runs under the page's own Content-Security-Policy, which allows
 * its two inline scripts by hash — not `script-src 'unsafe-inline'` — so a
 * script injected anywhere else in the page would not run.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { findWebviewAssets } from '../../src/cli/commands/export';
import { toHtml } from '../../src/core/export/html';
import { toSvg } from '../../src/core/export/svg';
import { tinyTrace } from '../support/synthetic-trace';
import { CHROMIUM_ARGS, chromiumPath, ensureBuilt } from './harness';

describe('standalone HTML export in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let dir: string;
  before(async () => {
    ensureBuilt();
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    dir = mkdtempSync(join(tmpdir(), 'lwp-html-'));
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the chart with scripts allowed by hash only, and blocks any other inline script', async () => {
    const assets = findWebviewAssets();
    assert.ok(assets, 'dist/webview is built');
    const source = 'scenario "Standalone <script>window.__injected = 1</script>"\nprocess p { thread t { compute 1ms } }\n';
    const html = toHtml({ source, label: 'x.lwp', assets });
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)![1];
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=' 'sha256-[A-Za-z0-9+/]+='/);
    // A page edited to add an inline script of its own: the policy must refuse it.
    const tampered = html.replace('</body>', '<script>window.__tampered = 1</script>\n</body>');
    const file = join(dir, 'x.html');
    writeFileSync(file, tampered);
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) refused.push(m.text());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('.banner-completed', { timeout: 30_000 });
    assert.deepEqual(errors, []);
    assert.equal(await page.evaluate(() => (window as unknown as { __tampered?: number }).__tampered), undefined);
    assert.equal(refused.length, 1, refused.join('\n'));
    await page.close();
  });

  it('an SVG whose title holds NUL, ESC, form feed and U+FFFE parses as XML', async () => {
    const svg = toSvg({ trace: tinyTrace(), status: 'completed', makespan: 1000 }, { width: 200, title: 'T\u0000\u001b[31m\u000c\ufffe' });
    const page = await browser.newPage();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, title: doc.querySelector('text')?.textContent ?? null };
    }, svg);
    assert.deepEqual(parsed, { error: null, title: 'T\\u0000\\u001b[31m\\u000c\\ufffe — completed, makespan 1us' });
    await page.close();
  });
});
