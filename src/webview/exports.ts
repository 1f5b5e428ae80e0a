/**
 * Exports made in the webview from the run it shows: SVG and Perfetto JSON
 * through the same core code as `lwp export`, PNG from the chart canvas as
 * drawn. (HTML needs the bundle files, so the host builds that one.) In
 * compare view they export the first model's run.
 */
import { toPerfetto } from '../core/export/perfetto';
import { toSvg } from '../core/export/svg';
import type { FromWebview, WebviewExportFormat } from '../shared/protocol';
import type { RunSection, ScenarioInfo } from './workerProtocol';

export function baseName(uri: string): string {
  const last = uri.split(/[\\/]/).pop() ?? 'scenario';
  const stem = last.replace(/\.lwp$/i, '').replace(/[^\w.-]+/g, '_');
  return stem || 'scenario';
}

export function makeExport(format: WebviewExportFormat, sections: readonly RunSection[], info: ScenarioInfo | null, uri: string, canvas: HTMLCanvasElement, dark: boolean): Extract<FromWebview, { type: 'exportFile' }> | null {
  const sec = sections[0];
  if (!sec) return null;
  const name = baseName(uri);
  switch (format) {
    case 'svg':
      return {
        type: 'exportFile',
        format,
        encoding: 'utf8',
        suggestedName: `${name}.svg`,
        content: toSvg(sec.result, { title: info?.title ?? name, index: sec.index, theme: dark ? 'dark' : 'light' }),
      };
    case 'perfetto':
      return { type: 'exportFile', format, encoding: 'utf8', suggestedName: `${name}.trace.json`, content: toPerfetto(sec.result, { title: info?.title ?? name }) };
    case 'png': {
      const url = canvas.toDataURL('image/png');
      return { type: 'exportFile', format, encoding: 'base64', suggestedName: `${name}.png`, content: url.slice(url.indexOf(',') + 1) };
    }
  }
}
