/**
 * The interactive chart as one self-contained HTML file: the built webview
 * bundle, its worker and stylesheet inlined, and the scenario's source. The
 * page simulates the source itself when opened (the simulator is
 * deterministic, so it shows the same run), works offline, and loads nothing.
 * The caller supplies the bundle text (the CLI and the panel host read
 * dist/webview/), keeping this function pure.
 */
import { escapeXml, jsonForScript, scriptForHtml } from './escape';
import { sha256Base64 } from './sha256';

export interface WebviewAssets {
  readonly mainJs: string;
  readonly workerJs: string;
  readonly css: string;
}

export interface HtmlInput {
  readonly source: string;
  /** File name shown in the page title. */
  readonly label: string;
  readonly assets: WebviewAssets;
  /** Open in the compare view instead of the single run. */
  readonly mode?: 'run' | 'compare';
}

/** Element ids the webview looks for when it runs outside VS Code. */
export const STANDALONE_DATA_ID = 'lwp-standalone';
export const WORKER_SOURCE_ID = 'lwp-worker-src';

// A stand-in for VS Code's webview API: answers `ready` with the embedded
// scenario and saves exports as downloads.
const BOOTSTRAP = `(function () {
  var data = JSON.parse(document.getElementById('${STANDALONE_DATA_ID}').textContent);
  var state;
  window.acquireVsCodeApi = function () {
    return {
      postMessage: function (m) {
        if (!m || typeof m !== 'object') return;
        if (m.type === 'ready') {
          setTimeout(function () { window.postMessage({ type: 'source', uri: data.label, text: data.source, version: 1, mode: data.mode }, '*'); }, 0);
        } else if (m.type === 'exportFile') {
          var bytes = m.encoding === 'base64' ? Uint8Array.from(atob(m.content), function (c) { return c.charCodeAt(0); }) : m.content;
          var a = document.createElement('a');
          a.href = URL.createObjectURL(new Blob([bytes]));
          a.download = m.suggestedName;
          a.click();
        }
      },
      getState: function () { return state; },
      setState: function (s) { state = s; return s; }
    };
  };
})();`;

export function toHtml(input: HtmlInput): string {
  const data = { source: input.source, label: input.label, mode: input.mode ?? 'run' };
  const main = scriptForHtml(input.assets.mainJs);
  // Only these two inline scripts may run: each is allowed by its SHA-256, not by 'unsafe-inline'.
  const csp = `default-src 'none'; script-src 'sha256-${sha256Base64(BOOTSTRAP)}' 'sha256-${sha256Base64(main)}'; style-src 'unsafe-inline'; img-src data: blob:; worker-src blob:`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(input.label)} — LWP Lab</title>
<style>${input.assets.css.replace(/<\/(style)/gi, '<\\/$1')}</style>
</head>
<body class="vscode-light lwp-standalone">
<script type="application/json" id="${STANDALONE_DATA_ID}">${jsonForScript(data)}</script>
<script type="text/plain" id="${WORKER_SOURCE_ID}">${scriptForHtml(input.assets.workerJs)}</script>
<script>${BOOTSTRAP}</script>
<script>${main}</script>
</body>
</html>
`;
}
