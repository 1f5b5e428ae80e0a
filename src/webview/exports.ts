/**
 * Exports made in the webview from what it shows: SVG and Perfetto JSON
 * through the same core code as `lwp export`, PNG from the chart canvas as
 * drawn. (HTML needs the bundle files, so the host builds that one.) In
 * compare view SVG and Perfetto hold every compared run, each under its
 * model's title, in the order shown.
 */
import { toPerfetto, toPerfettoEvents, type PerfettoContext, type TraceEvent } from '../core/export/perfetto';
import { formatDuration } from '../core/units';
import { toSvgRuns } from '../core/export/svg';
import type { FromWebview, WebviewExportFormat } from '../shared/protocol';
import { runTitle } from './chart/rows';
import type { RunSection, ScenarioInfo } from './workerProtocol';

function lastSegment(uri: string): string {
  return decodeURIComponentSafe(uri.split(/[\\/]/).pop() ?? 'scenario');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function baseName(uri: string): string {
  const last = uri.split(/[\\/]/).pop() ?? 'scenario';
  const stem = last.replace(/\.lwp$/i, '').replace(/[^\w.-]+/g, '_');
  return stem || 'scenario';
}

export interface ExportView {
  readonly sections: readonly RunSection[];
  readonly info: ScenarioInfo | null;
  readonly uri: string;
  /** The source the runs came from: Perfetto events then name their statement and `file:line`. */
  readonly source: string;
  readonly canvas: HTMLCanvasElement;
  readonly dark: boolean;
  /** Colour by thread: each thread label's colour as on screen, or null for state colours. */
  readonly threadColours: ReadonlyMap<string, string> | null;
}

/** Perfetto pids of one run are below this; run k of a compare export adds k times it. */
const PID_STRIDE = 1000;

/** The compared runs in one trace: each run's processes renumbered apart and named with its model. */
export function comparePerfetto(sections: readonly RunSection[], context: PerfettoContext): string {
  const events: TraceEvent[] = [];
  sections.forEach((sec, k) => {
    for (const e of toPerfettoEvents(sec.result, context)) {
      const named = e.ph === 'M' && e.name === 'process_name' && e.args ? { ...e.args, name: `${runTitle(sec)} — ${String(e.args.name)}` } : e.args;
      events.push({ ...e, pid: e.pid + k * PID_STRIDE, args: named });
    }
  });
  return `{"displayTimeUnit":"ns","traceEvents":[\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}

export function makeExport(format: WebviewExportFormat, view: ExportView): Extract<FromWebview, { type: 'exportFile' }> | null {
  const { sections, info, uri } = view;
  if (sections.length === 0) return null;
  const compare = sections.length > 1 || sections[0].model !== null;
  const name = baseName(uri) + (compare ? '-compare' : '');
  const fileTitle = info?.title ?? baseName(uri);
  switch (format) {
    case 'svg': {
      const first = sections[0].result;
      const title = compare ? `${fileTitle} — compared under ${sections.length} models` : `${fileTitle} — ${first.status}, makespan ${formatDuration(first.makespan)}`;
      const runs = sections.map((s) => ({ title: compare ? runTitle(s) : '', result: s.result, index: s.index }));
      return { type: 'exportFile', format, encoding: 'utf8', suggestedName: `${name}.svg`, content: toSvgRuns(title, runs, { theme: view.dark ? 'dark' : 'light', threadColours: view.threadColours ?? undefined }) };
    }
    case 'perfetto': {
      const context: PerfettoContext = { title: fileTitle, file: lastSegment(uri), source: view.source, statements: info?.statements, syncs: info?.syncs };
      return { type: 'exportFile', format, encoding: 'utf8', suggestedName: `${name}.trace.json`, content: compare ? comparePerfetto(sections, context) : toPerfetto(sections[0].result, context) };
    }
    case 'png': {
      const url = view.canvas.toDataURL('image/png');
      return { type: 'exportFile', format, encoding: 'base64', suggestedName: `${name}.png`, content: url.slice(url.indexOf(',') + 1) };
    }
  }
}
