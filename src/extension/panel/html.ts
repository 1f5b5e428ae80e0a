/**
 * The webview's HTML: a strict CSP (nothing but our nonce'd script, our
 * stylesheet, and the worker started from a Blob of our own worker script),
 * no data inlined — the source arrives later as a message.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

export function panelHtml(webview: vscode.Webview, webviewRoot: vscode.Uri, uriJoin: (base: vscode.Uri, ...p: string[]) => vscode.Uri): string {
  const n = nonce();
  const main = webview.asWebviewUri(uriJoin(webviewRoot, 'main.js'));
  const worker = webview.asWebviewUri(uriJoin(webviewRoot, 'worker.js'));
  const css = webview.asWebviewUri(uriJoin(webviewRoot, 'style.css'));
  const src = webview.cspSource;
  // connect-src: the worker script is fetched from our own resources and started from a Blob URL,
  // because a Worker cannot load cross-origin from the extension's resource URI.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src ${src}`,
    `img-src ${src} data: blob:`,
    `font-src ${src}`,
    `connect-src ${src}`,
    `worker-src blob: ${src}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="lwp-worker" content="${worker.toString()}">
<link rel="stylesheet" href="${css.toString()}">
<title>LWP chart</title>
</head>
<body>
<script nonce="${n}" src="${main.toString()}"></script>
</body>
</html>`;
}
