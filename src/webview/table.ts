/**
 * The accessible table view: the chart's intervals as an HTML table a screen
 * reader can walk, for one lane at a time (a million rows would help no one).
 * Capped at TABLE_ROW_CAP rows of the visible time range, with a note saying so.
 */
import type { LaneIndex } from '../core/chart/laneIndex';
import { firstEndingAfter } from '../core/chart/laneIndex';
import { clear, el } from './dom';
import { describeInterval, threadLabels } from './describe';
import type { RunSection, ScenarioInfo } from './workerProtocol';
import type { Span } from '../core/syntax/ast';

export const TABLE_ROW_CAP = 2_000;

export function renderTable(
  host: HTMLElement,
  sections: readonly RunSection[],
  info: ScenarioInfo,
  source: string,
  range: readonly [number, number],
  selected: { section: number; lane: number },
  onPick: (section: number, lane: number) => void,
  reveal: (span: Span) => void,
): void {
  clear(host);
  const select = el('select', { 'aria-label': 'Lane' });
  sections.forEach((sec, s) =>
    sec.result.trace.lanes.forEach((lane, l) => {
      const opt = el('option', { value: `${s}:${l}`, text: `${sec.model ? sec.model + ' — ' : ''}${lane.label}` });
      if (s === selected.section && l === selected.lane) opt.selected = true;
      select.append(opt);
    }),
  );
  select.addEventListener('change', () => {
    const [s, l] = select.value.split(':').map(Number) as [number, number];
    onPick(s, l);
  });
  host.append(el('label', { class: 'table-lane' }, ['Lane ', select]));
  const sec = sections[selected.section];
  if (!sec) return;
  const ix: LaneIndex = sec.index;
  const trace = sec.result.trace;
  const threads = threadLabels(trace);
  const rows: HTMLElement[] = [];
  const hi = ix.offsets[selected.lane + 1] ?? 0;
  let p = firstEndingAfter(ix, selected.lane, range[0]);
  for (; p < hi && ix.start[p] < range[1] && rows.length < TABLE_ROW_CAP; p++) {
    if (ix.state[p] === 0) continue;
    const w = describeInterval(trace, ix, p, info, source, threads);
    const stmt = w.span && w.statement ? el('a', { href: '#', text: w.statement }) : el('span', { text: w.statement ?? '' });
    if (w.span && w.statement) {
      const span = w.span;
      stmt.addEventListener('click', (e) => {
        e.preventDefault();
        reveal(span);
      });
    }
    rows.push(el('tr', {}, [el('td', { text: w.state }), el('td', { text: w.when }), el('td', { text: w.detail ?? '' }), el('td', {}, [stmt])]));
  }
  const more = p < hi && ix.start[p] < range[1];
  host.append(
    el('table', { class: 'interval-table' }, [
      el('caption', { text: `Intervals of ${trace.lanes[selected.lane]?.label ?? ''} in view${more ? ` (first ${TABLE_ROW_CAP}; zoom in for the rest)` : ''}` }),
      el('thead', {}, [el('tr', {}, ['state', 'when', 'detail', 'statement'].map((h) => el('th', { scope: 'col', text: h })))]),
      el('tbody', {}, rows),
    ]),
  );
}
