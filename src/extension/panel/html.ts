/**
 * The webview's HTML: a strict CSP (nothing but our nonce'd scripts, our
 * stylesheet, and the worker started from a Blob of our own worker script),
 * no data inlined — the source arrives later as a message.
 *
 * The page is never blank: it holds a plain-text "Loading the chart…" that
 * the chart script replaces when it starts, and a small inline boot script
 * that, until then, turns a failure (the bundle missing or not loading, an
 * error while it starts, no start within BOOT_TIMEOUT_MS) into a sentence
 * saying why, and reports it to the host as an `error` message.
 */
import type * as vscode from 'vscode';

/** After this long without the chart script starting, the page says so (it still starts if it is only slow). */
export const BOOT_TIMEOUT_MS = 20_000;

export function nonce(): string {
  // Web Crypto: a cryptographic source in Node 20 and in browsers alike (the web extension runs this too).
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '');
}

export interface ChartPageParts {
  readonly nonce: string;
  /** The webview's `cspSource` (the origin its resources are served from). */
  readonly cspSource: string;
  readonly mainUrl: string;
  readonly workerUrl: string;
  readonly cssUrl: string;
}

/** HTML-attribute and JS-string safe: the URLs are ours, but nothing goes into markup unescaped. */
const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Runs before the bundle. It shares the one VS Code API object with the
 * bundle through `window.__lwpVsCodeApi` (a webview may acquire it only
 * once), and stops reporting as soon as the bundle sets `window.__lwpBooted`.
 * Resource errors do not bubble, hence the capturing listener.
 */
function bootScript(mainUrl: string, what = 'The chart'): string {
  return `(function () {
  var box = document.getElementById('lwp-boot');
  var reported = false;
  function api() {
    if (window.__lwpVsCodeApi) return window.__lwpVsCodeApi;
    if (typeof acquireVsCodeApi !== 'function') return null;
    try { window.__lwpVsCodeApi = acquireVsCodeApi(); } catch (e) { return null; }
    return window.__lwpVsCodeApi;
  }
  function fail(why) {
    if (window.__lwpBooted || reported) return;
    reported = true;
    if (box) {
      box.textContent = ${JSON.stringify(what)} + ' could not start: ' + why;
      box.setAttribute('role', 'alert');
      box.className = 'boot boot-failed';
    }
    var a = api();
    if (a) a.postMessage({ type: 'error', message: (${JSON.stringify(what)} + ' could not start: ' + why).slice(0, 8000) });
  }
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && t.tagName === 'SCRIPT') {
      fail('its script (' + (t.getAttribute('src') || 'main.js').split('/').pop() + ') could not be loaded. The extension\\'s files may be missing or damaged: reinstall LWP Lab, or run the build if you are developing it.');
    } else if (t === window || !t || !t.tagName) {
      fail('its script failed while starting: ' + (e.message || 'unknown error') + '. Close the chart and run it again; if this persists, report it with the "LWP Chart" output.');
    }
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    fail('its script failed while starting: ' + (r && r.message ? r.message : String(r)) + '.');
  });
  setTimeout(function () {
    fail('its script did not start within ${BOOT_TIMEOUT_MS / 1000} s. The window may be busy; close the chart and run it again.');
  }, ${BOOT_TIMEOUT_MS});
  var s = document.createElement('script');
  s.nonce = document.currentScript ? document.currentScript.nonce : '';
  s.src = ${JSON.stringify(mainUrl).replace(/</g, '\\u003c')};
  document.body.appendChild(s);
})();`;
}

/** The chart page from its parts (pure, so the Chromium tests load exactly this page). */
export function chartPage(p: ChartPageParts): string {
  const src = p.cspSource;
  // connect-src: the worker script is fetched from our own resources and started from a Blob URL,
  // because a Worker cannot load cross-origin from the extension's resource URI.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${p.nonce}'`,
    `style-src ${src}`,
    `img-src ${src} data: blob:`,
    `font-src ${src}`,
    `connect-src ${src}`,
    `worker-src blob: ${src}`,
  ].join('; ');
  return page({
    csp,
    nonce: p.nonce,
    cssUrl: p.cssUrl,
    meta: `<meta name="lwp-worker" content="${attr(p.workerUrl)}">\n`,
    title: 'LWP chart',
    loading: 'Loading the chart…',
    noscript: 'The chart needs scripts, and they are disabled in this view.',
    boot: bootScript(p.mainUrl),
  });
}

/** A webview page: its policy, its stylesheet, a "Loading…" line the boot script replaces, and the boot script itself. */
function page(p: { csp: string; nonce: string; cssUrl: string; meta: string; title: string; loading: string; noscript: string; boot: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(p.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${p.meta}<link rel="stylesheet" href="${attr(p.cssUrl)}">
<title>${p.title}</title>
</head>
<body>
<div id="lwp-boot" class="boot" role="status">${p.loading}</div>
<noscript>${p.noscript}</noscript>
<script nonce="${attr(p.nonce)}">${p.boot}</script>
</body>
</html>`;
}

export function panelHtml(webview: vscode.Webview, webviewRoot: vscode.Uri, uriJoin: (base: vscode.Uri, ...p: string[]) => vscode.Uri): string {
  const url = (f: string): string => webview.asWebviewUri(uriJoin(webviewRoot, f)).toString();
  return chartPage({ nonce: nonce(), cspSource: webview.cspSource, mainUrl: url('main.js'), workerUrl: url('worker.js'), cssUrl: url('style.css') });
}

export interface SweepPageParts {
  readonly nonce: string;
  readonly cspSource: string;
  readonly scriptUrl: string;
  readonly cssUrl: string;
}

/** The sweep view's page: the same boot script and policy as the chart's, without a worker (the host runs the sweep). */
export function sweepPage(p: SweepPageParts): string {
  const csp = ["default-src 'none'", `script-src 'nonce-${p.nonce}'`, `style-src ${p.cspSource}`, `img-src ${p.cspSource} data:`, `font-src ${p.cspSource}`].join('; ');
  return page({
    csp,
    nonce: p.nonce,
    cssUrl: p.cssUrl,
    meta: '',
    title: 'LWP sweep',
    loading: 'Loading the sweep…',
    noscript: 'The sweep view needs scripts, and they are disabled in this view.',
    boot: bootScript(p.scriptUrl, 'The sweep view'),
  });
}

export function sweepHtml(webview: vscode.Webview, webviewRoot: vscode.Uri, uriJoin: (base: vscode.Uri, ...p: string[]) => vscode.Uri): string {
  const url = (f: string): string => webview.asWebviewUri(uriJoin(webviewRoot, f)).toString();
  return sweepPage({ nonce: nonce(), cspSource: webview.cspSource, scriptUrl: url('sweep.js'), cssUrl: url('sweep.css') });
}
