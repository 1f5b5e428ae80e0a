/**
 * Real Chromium for the webview tests: serves the built dist/webview bundle
 * on loopback with a test page that stands in for VS Code (a stub
 * `acquireVsCodeApi` that records every posted message), and drives it
 * through playwright-core. The page is the panel's own (its HTML, CSP and
 * boot script), so a bundle that needs more than the panel allows fails here too.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chartPage, sweepPage } from '../../src/extension/panel/html';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist', 'webview');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string {
  const p = process.env.LWP_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`No Chromium at ${p}: install Debian's (apt-get install chromium) or set LWP_CHROMIUM.`);
  return p;
}

export function ensureBuilt(): void {
  if (!existsSync(join(dist, 'main.js')) || !existsSync(join(dist, 'worker.js'))) throw new Error('dist/webview is not built: run `node scripts/build.mjs` first.');
}

/** Stands in for VS Code's webview API: records every posted message and the saved state. */
const VSCODE_STUB = `
window.__posted = [];
window.__state = undefined;
window.acquireVsCodeApi = function () {
  if (window.__acquired) throw new Error('An instance of the VS Code API has already been acquired');
  window.__acquired = true;
  return {
    postMessage: function (m) { window.__posted.push(JSON.parse(JSON.stringify(m))); },
    getState: function () { return window.__state; },
    setState: function (s) { window.__state = s; }
  };
};`;

/** A script that fails while the chart starts (the boot script must say so). */
const BROKEN_MAIN = `window.__brokenRan = true; (function () { var chart = null; chart.draw(); })();`;

/** The panel's own page (src/extension/panel/html.ts), served from 'self', with the VS Code stub ahead of it. */
function testPage(themeClass: string, main: string, worker: string): string {
  const html = chartPage({ nonce: 'test', cspSource: "'self'", mainUrl: `/${main}`, workerUrl: `/${worker}`, cssUrl: '/style.css' });
  return html.replace('<body>', `<body class="${themeClass}">`).replace('</head>', `<script nonce="test">${VSCODE_STUB}</script>\n</head>`);
}

/** The sweep view's own page (src/extension/panel/html.ts), likewise. */
function sweepTestPage(themeClass: string): string {
  const html = sweepPage({ nonce: 'test', cspSource: "'self'", scriptUrl: '/sweep.js', cssUrl: '/sweep.css' });
  return html.replace('<body>', `<body class="${themeClass}">`).replace('</head>', `<script nonce="test">${VSCODE_STUB}</script>\n</head>`);
}

export interface Harness {
  readonly browser: Browser;
  readonly base: string;
  close(): Promise<void>;
  /** `worker`: the worker script's file name (a missing one tests the fallback). */
  open(opts?: { width?: number; height?: number; theme?: string; worker?: string }): Promise<Page>;
  /** Opens the page with `main` as its chart script (say a missing or broken one), without waiting for `ready`. */
  openRaw(main: string): Promise<Page>;
  /** Opens the sweep view's page and waits for its `ready`. */
  openSweep(opts?: { width?: number; height?: number; theme?: string }): Promise<Page>;
}

export async function startHarness(): Promise<Harness> {
  ensureBuilt();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(testPage(url.searchParams.get('theme') ?? 'vscode-light', url.searchParams.get('main') ?? 'main.js', url.searchParams.get('worker') ?? 'worker.js'));
      return;
    }
    if (url.pathname === '/sweep.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(sweepTestPage(url.searchParams.get('theme') ?? 'vscode-light'));
      return;
    }
    if (url.pathname === '/broken-main.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(BROKEN_MAIN);
      return;
    }
    const name = url.pathname.slice(1);
    if (!/^[\w.-]+$/.test(name) || !existsSync(join(dist, name))) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.css') ? 'text/css' : 'text/javascript' });
    res.end(readFileSync(join(dist, name)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // playwright gives every launch a fresh, empty user-data dir of its own.
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  return {
    browser,
    base,
    async open(opts = {}) {
      const page = await browser.newPage({ viewport: { width: opts.width ?? 1200, height: opts.height ?? 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      (page as Page & { lwpErrors?: string[] }).lwpErrors = errors;
      await page.goto(`${base}/?theme=${opts.theme ?? 'vscode-light'}&worker=${encodeURIComponent(opts.worker ?? 'worker.js')}`);
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      return page;
    },
    async openSweep(opts = {}) {
      const page = await browser.newPage({ viewport: { width: opts.width ?? 1000, height: opts.height ?? 700 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        // A Content-Security-Policy violation is only a console message: count it as an error.
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
      });
      (page as Page & { lwpErrors?: string[] }).lwpErrors = errors;
      await page.goto(`${base}/sweep.html?theme=${opts.theme ?? 'vscode-light'}`);
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      return page;
    },
    async openRaw(main) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      await page.goto(`${base}/?main=${encodeURIComponent(main)}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Uncaught errors the page has thrown so far. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { lwpErrors?: string[] }).lwpErrors ?? [];
}

/** Sends a host message to the page, as VS Code's postMessage would. */
export async function send(page: Page, msg: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), msg);
}

export async function posted(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
}

/** Sends the source and waits for the run to finish; returns the runFinished message. */
export async function runSource(page: Page, text: string, version = 1, mode: 'run' | 'compare' = 'run'): Promise<Record<string, unknown>> {
  await send(page, { type: 'source', uri: 'file:///work/test.lwp', text, version, mode });
  const handle = await page.waitForFunction(
    (v) => (window as unknown as { __posted: { type: string; version?: number }[] }).__posted.find((m) => m.type === 'runFinished' && m.version === v),
    version,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as Record<string, unknown>;
}
