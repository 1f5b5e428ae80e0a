/**
 * The results pane: status banner (a deadlock or limit explained in words,
 * with links to the stuck statements), the metrics of LANGUAGE.md §10 (one
 * column per model in compare), the per-thread table and the expectations.
 * Also the list of errors when the file cannot run.
 */
import type { Diagnostic } from '../core/diagnostic';
import { threadRows, type RunResult, type StuckThread } from '../core/sim/result';
import type { Span } from '../core/syntax/ast';
import { LineMap } from '../core/syntax/lineMap';
import { formatDuration } from '../core/units';
import { el } from './dom';
import type { RunSection } from './workerProtocol';

export type Reveal = (span: Span) => void;

function link(text: string, span: Span, reveal: Reveal): HTMLElement {
  const a = el('a', { href: '#', class: 'source-link', text });
  a.addEventListener('click', (e) => {
    e.preventDefault();
    reveal(span);
  });
  return a;
}

function where(lines: LineMap, span: Span): string {
  const p = lines.position(span.start);
  return `${p.line + 1}:${p.character + 1}`;
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[], source: string, reveal: Reveal): HTMLElement {
  const lines = new LineMap(source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return el('section', { class: 'results' }, [
    el('div', { class: 'banner banner-error', role: 'status', text: `The file has ${errors.length} error${errors.length === 1 ? '' : 's'}: nothing was simulated.` }),
    el(
      'ul',
      { class: 'diagnostics' },
      errors.slice(0, 100).map((d) => el('li', {}, [link(where(lines, d.span), d.span, reveal), ` ${d.code}: ${d.message}`])),
    ),
  ]);
}

const METRIC_ROWS: readonly [keyof RunResult['metrics'], string, 'ns' | 'ratio' | 'count' | 'text'][] = [
  ['status', 'status', 'text'],
  ['makespan', 'makespan', 'ns'],
  ['cpuUtilization', 'CPU utilization', 'ratio'],
  ['usefulWork', 'useful work', 'ns'],
  ['overhead', 'overhead', 'ns'],
  ['spinTime', 'spin time', 'ns'],
  ['kernelSwitches', 'kernel switches', 'count'],
  ['userSwitches', 'user switches', 'count'],
  ['modeSwitches', 'mode switches', 'count'],
  ['upcalls', 'upcalls', 'count'],
  ['sigwaiting', 'SIGWAITING', 'count'],
  ['handoffs', 'hand-offs', 'count'],
  ['lwpsCreated', 'LWPs created', 'count'],
  ['threadsCreated', 'threads created', 'count'],
];

function fmtMetric(v: string | number, kind: 'ns' | 'ratio' | 'count' | 'text'): string {
  if (typeof v === 'string') return v;
  if (kind === 'ns') return formatDuration(v);
  if (kind === 'ratio') return `${(v * 100).toFixed(1)}%`;
  return v.toLocaleString('en-US');
}

function stuckList(stuck: readonly StuckThread[], lines: LineMap, reveal: Reveal): HTMLElement {
  return el(
    'ul',
    { class: 'stuck' },
    stuck.map((s) =>
      el('li', {}, [
        el('strong', { text: s.thread }),
        ` waits for ${s.waitsFor} at `,
        link(where(lines, s.span), s.span, reveal),
        s.holder && s.holderSpan ? [' — holder ', el('strong', { text: s.holder }), ' at ', link(where(lines, s.holderSpan), s.holderSpan, reveal)] : null,
      ].flat()),
    ),
  );
}

function banner(sec: RunSection, lines: LineMap, reveal: Reveal): HTMLElement {
  const r = sec.result;
  const model = sec.model ? `${sec.model}: ` : '';
  const box = el('div', { class: `banner banner-${r.status}`, role: 'status' });
  if (r.status === 'completed') {
    box.append(`${model}completed in ${formatDuration(r.makespan)}, CPU utilization ${(r.metrics.cpuUtilization * 100).toFixed(1)}%.`);
  } else if (r.status === 'deadlock' && r.deadlock) {
    box.append(`${model}deadlock at ${formatDuration(r.deadlock.time)}. ${r.deadlock.summary}`, stuckList(r.deadlock.stuck, lines, reveal));
  } else if (r.status === 'limit' && r.limit) {
    box.append(`${model}stopped at the limit, ${formatDuration(r.limit.time)}. ${r.limit.summary}`, stuckList(r.limit.spinning, lines, reveal));
  } else {
    box.append(`${model}${r.status} at ${formatDuration(r.makespan)}.`);
  }
  return box;
}

function metricsTable(sections: readonly RunSection[]): HTMLElement {
  const head = el('tr', {}, [el('th', { scope: 'col', text: 'metric' }), ...sections.map((s) => el('th', { scope: 'col', text: s.model ?? 'value' }))]);
  const body = METRIC_ROWS.map(([key, name, kind]) =>
    el('tr', {}, [el('th', { scope: 'row', text: name }), ...sections.map((s) => el('td', { text: fmtMetric(s.result.metrics[key], kind) }))]),
  );
  return el('table', { class: 'metrics' }, [el('caption', { text: sections.length > 1 ? 'Metrics by model' : 'Metrics' }), el('thead', {}, [head]), el('tbody', {}, body)]);
}

function threadTable(sec: RunSection, onSelect: (label: string) => void): HTMLElement {
  const r = sec.result;
  const rows = threadRows(r.threads).map((t) => {
    const name = el('button', { class: 'linklike', type: 'button', text: t.id, title: 'Select this thread in the chart' });
    name.addEventListener('click', () => onSelect(t.id));
    return el('tr', {}, [
      el('th', { scope: 'row' }, [name]),
      el('td', { text: formatDuration(t.start) }),
      el('td', { text: t.finish === null ? 'never' : formatDuration(t.finish) }),
      el('td', { text: formatDuration(t.running) }),
      el('td', { text: formatDuration(t.ready) }),
      el('td', { text: formatDuration(t.blocked) }),
    ]);
  });
  return el('table', { class: 'threads' }, [
    el('caption', { text: sec.model ? `Threads (${sec.model})` : 'Threads' }),
    el('thead', {}, [el('tr', {}, ['thread', 'start', 'finish', 'running', 'ready', 'blocked'].map((h) => el('th', { scope: 'col', text: h })))]),
    el('tbody', {}, rows),
  ]);
}

function expectations(r: RunResult, lines: LineMap, reveal: Reveal): HTMLElement | null {
  if (r.expectations.length === 0) return null;
  const passed = r.expectations.filter((e) => e.passed).length;
  return el('section', { class: 'expectations' }, [
    el('h3', { text: `Expectations: ${passed} passed, ${r.expectations.length - passed} failed` }),
    el(
      'ul',
      {},
      r.expectations.map((e) =>
        el('li', { class: e.passed ? 'pass' : 'fail' }, [e.passed ? '✓ ' : '✗ ', link(where(lines, e.span), e.span, reveal), ` ${e.text}`, e.passed ? '' : ` — got ${e.actual}`]),
      ),
    ),
  ]);
}

export function renderResults(sections: readonly RunSection[], source: string, reveal: Reveal, onSelect: (label: string) => void): HTMLElement {
  const lines = new LineMap(source);
  const root = el('section', { class: 'results' });
  for (const s of sections) root.append(banner(s, lines, reveal));
  const runtime = sections.flatMap((s) => s.result.diagnostics);
  if (runtime.length) {
    root.append(el('ul', { class: 'diagnostics' }, runtime.slice(0, 50).map((d) => el('li', {}, [link(where(lines, d.span), d.span, reveal), ` ${d.severity}: ${d.message}`]))));
  }
  root.append(metricsTable(sections));
  const first = sections[0];
  if (first) {
    const exp = expectations(first.result, lines, reveal);
    if (exp && sections.length === 1) root.append(exp);
  }
  for (const s of sections) {
    const details = el('details', { class: 'thread-details', open: sections.length === 1 }, [el('summary', { text: s.model ? `Per-thread times — ${s.model}` : 'Per-thread times' }), threadTable(s, onSelect)]);
    root.append(details);
  }
  const procRows = sections.flatMap((s) =>
    s.result.processes.map((p) =>
      el('tr', {}, [
        el('th', { scope: 'row', text: p.name }),
        el('td', { text: p.model }),
        el('td', { text: p.finish === null ? 'never' : formatDuration(p.finish) }),
        el('td', { text: String(p.maxLwps) }),
      ]),
    ),
  );
  root.append(
    el('table', { class: 'processes' }, [
      el('caption', { text: 'Processes' }),
      el('thead', {}, [el('tr', {}, ['process', 'model', 'finish', 'max LWPs'].map((h) => el('th', { scope: 'col', text: h })))]),
      el('tbody', {}, procRows),
    ]),
  );
  return root;
}
