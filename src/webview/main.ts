/**
 * The chart webview's shell: receives the source from the host, runs it in
 * the worker, and wires the chart, overview, tooltip, results, table view,
 * compare view and exports together. Talks to the host only through
 * shared/protocol, validating every message it receives.
 */
import { formatDuration } from '../core/units';
import { isToWebview, isViewState, type ChartMode, type ColourBy, type RunOutcome, type ToWebview, type ViewState, type WebviewExportFormat } from '../shared/protocol';
import type { Span } from '../core/syntax/ast';
import { GanttChart, type Hit } from './chart/chart';
import { attachInteraction } from './chart/interaction';
import { Minimap } from './chart/minimap';
import { readTheme } from './chart/theme';
import { warmUpChart } from './chart/warmup';
import { fitView, zoomAt } from './chart/view';
import { intervalThread } from '../core/chart/threads';
import { describeInterval, statementContaining, threadLabels } from './describe';
import { clear, el } from './dom';
import { makeExport } from './exports';
import { buildLegend } from './legend';
import { renderDiagnostics, renderResults } from './results';
import { renderTable } from './table';
import { hostApi, markBooted } from './vscodeApi';
import { SimRunner } from './workerClient';
import { WhyIndex, renderWhy } from './why';
import { questionsFor, renderQuiz, renderVerdicts } from './quiz';
import type { RunSection, ScenarioInfo } from './workerProtocol';

/** Runs shorter than this show no progress bar (it would only flicker). */
const PROGRESS_AFTER_MS = 500;

const api = hostApi();
const saved = api.getState();
const restored: ViewState | null = isViewState(saved) ? saved : null;

let uri = '';
let documentUri = restored?.uri ?? '';
let source = '';
let version = 0;
/** The sweep point this chart shows (`cpus=2`), or none for the file as written. */
let vary: readonly string[] = [];
let mode: ChartMode = restored?.mode ?? 'run';
let sections: readonly RunSection[] = [];
let info: ScenarioInfo | null = null;
let cursorOffset: number | null = null;
let tableView = restored?.tableView ?? false;
let tableLane = { section: 0, lane: 0 };
let lastClicked: Span | null = null;
let pendingRange: readonly [number, number] | null = restored?.range ?? null;
let pendingScroll = restored?.scrollY ?? 0;
const why = new WhyIndex();
/** Predict Then Run: the run stays hidden until the learner has answered (body class `predicting`). */
let predicting = false;
let quizShown = false;
/** The text of the run the chart shows (the questions are asked about it). */
let shownText = '';

// ---------------------------------------------------------------------------
// Layout

const statusText = el('span', { class: 'status', role: 'status', 'aria-live': 'polite', text: 'Waiting for the scenario…' });
const progress = el('progress', { class: 'progress', hidden: true, 'aria-label': 'Simulation progress' });
const progressText = el('span', { class: 'progress-text', hidden: true });
const cancelBtn = el('button', { type: 'button', class: 'cancel', hidden: true, text: 'Cancel' });
const button = (text: string, title: string): HTMLButtonElement => el('button', { type: 'button', text, title, 'aria-label': title });
const fitBtn = button('Fit', 'Fit the whole run (0 or F)');
const zoomInBtn = button('+', 'Zoom in (+ or W)');
const zoomOutBtn = button('−', 'Zoom out (- or S)');
const modeBtn = button('Compare models', 'Run the scenario under one-to-one, many-to-one and many-to-many side by side');
const tableBtn = button('Table view', 'Show the intervals as a table');
tableBtn.setAttribute('aria-pressed', String(tableView));
const markersBox = el('input', { type: 'checkbox', checked: true, id: 'markers' });
let colourBy: ColourBy = restored?.colourBy ?? 'state';
const colourSel = el(
  'select',
  { 'aria-label': 'Colour lanes by', title: 'Colour user code by its state, or by the user thread that runs it (CPU and LWP lanes then show who ran)' },
  [el('option', { value: 'state', text: 'Colour: state' }), el('option', { value: 'thread', text: 'Colour: thread' })],
);
colourSel.value = colourBy;
const exportSel = el('select', { 'aria-label': 'Export' }, [
  el('option', { value: '', text: 'Export…' }),
  el('option', { value: 'svg', text: 'SVG image' }),
  el('option', { value: 'png', text: 'PNG image (as shown)' }),
  el('option', { value: 'html', text: 'Standalone HTML' }),
  el('option', { value: 'perfetto', text: 'Perfetto trace JSON' }),
]);
const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Chart' }, [
  statusText,
  progress,
  progressText,
  cancelBtn,
  el('span', { class: 'spacer' }),
  fitBtn,
  zoomInBtn,
  zoomOutBtn,
  modeBtn,
  tableBtn,
  el('label', { class: 'check' }, [markersBox, ' markers']),
  colourSel,
  exportSel,
]);
const canvas = el('canvas', {
  class: 'chart',
  tabindex: 0,
  role: 'img',
  'aria-label': 'Gantt chart of the run. Keys: + and - zoom, arrows pan, 0 fits, Enter shows the statement; the Table view lists the same data.',
});
// The tooltip lives on the page, not in the chart's clipped box, and is placed inside the window (showTooltip).
const tooltip = el('div', { class: 'tooltip', role: 'tooltip', hidden: true });
// The lanes' scrollbar, drawn by the page (a native one is hidden by some hosts): the canvas draws only the rows in view.
const scrollThumb = el('div', { class: 'vscroll-thumb' });
const scroller = el('div', { class: 'vscroll', hidden: true, 'aria-hidden': 'true', title: 'Scroll the lanes (or use the wheel, ↑ ↓, PgUp PgDn)' }, [scrollThumb]);
// The runs' headers as text for screen readers (the canvas is one image): model, pool, outcome, makespan, in the order drawn.
const runList = el('ol', { class: 'visually-hidden run-headers', 'aria-label': 'Runs shown' });
const chartWrap = el('div', { class: 'chart-wrap' }, [canvas, scroller, runList]);
const miniCanvas = el('canvas', { class: 'minimap', 'aria-label': 'Overview: click to move the view' });
const legendHost = el('div', { class: 'legend-host' });
const tableHost = el('div', { class: 'table-host', hidden: !tableView });
const resultsHost = el('div', { class: 'results-host' });
const errorHost = el('div', { class: 'errors', role: 'alert', hidden: true });
// "Why?" for the point last clicked: the chain behind that thread's state at that instant.
const whyHost = el('div', { class: 'why-host', hidden: true, 'aria-live': 'polite' });
const quizHost = el('div', { class: 'quiz-host', hidden: true });
document.body.append(el('main', { class: 'app' }, [errorHost, toolbar, quizHost, chartWrap, miniCanvas, whyHost, legendHost, tableHost, resultsHost]), tooltip);

let theme = readTheme();
const chart = new GanttChart(canvas, theme);
// While the first run simulates in the worker, warm the chart's JIT in idle time so its first frame runs optimized code.
warmUpChart(theme, canvas.clientWidth || 1200, canvas.clientHeight || 600, () => chart.run.length > 0);
chart.colourBy = colourBy;
const minimap = new Minimap(miniCanvas, chart, theme);
if (restored?.selected) chart.selectedLabel = restored.selected;
if (restored?.labelWidth) chart.setLabelWidth(restored.labelWidth);

/** Event kinds the shown runs contain (the legend lists only their markers). */
let presentEvents: ReadonlySet<number> = new Set();
function eventKinds(runs: readonly RunSection[]): Set<number> {
  const seen = new Uint8Array(256);
  for (const sec of runs) {
    const t = sec.result.trace;
    for (let i = 0; i < t.eventCount; i++) seen[t.eventKind[i]] = 1;
  }
  const out = new Set<number>();
  seen.forEach((v, k) => {
    if (v) out.add(k);
  });
  return out;
}

function refreshLegend(): void {
  clear(legendHost);
  if (!sections.length) return;
  legendHost.append(buildLegend({ dark: theme.dark, colourBy, states: chart.presentStates, mixed: chart.mixedShown, events: presentEvents, threads: chart.threadKey }));
}
chart.onLegendChange = refreshLegend;

// ---------------------------------------------------------------------------
// Failures: said in the panel in plain words and logged by the host, never a blank or frozen page.

/** Errors shown at once; older ones scroll away so a repeating error cannot grow the page without bound. */
const MAX_SHOWN_ERRORS = 5;
function reportError(message: string): void {
  const text = message.slice(0, 2000);
  errorHost.append(el('div', { class: 'error-line', text }));
  while (errorHost.childElementCount > MAX_SHOWN_ERRORS) errorHost.firstElementChild?.remove();
  errorHost.hidden = false;
  api.postMessage({ type: 'error', message: text });
}
const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err));
/**
 * Chromium reports a ResizeObserver whose callback changed the layout again
 * as an "error" event; nothing failed (the observer is called again on the
 * next frame), so it is no reason for a red banner.
 */
const BENIGN_ERRORS = /^ResizeObserver loop (completed with undelivered notifications|limit exceeded)/;
window.addEventListener('error', (e: ErrorEvent) => {
  if (BENIGN_ERRORS.test(e.message ?? '')) return;
  reportError(`The chart hit an error: ${e.message || describeError(e.error)}. It may show stale data; close and reopen it if it misbehaves.`);
});
window.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => reportError(`The chart hit an error: ${describeError(e.reason)}.`));

const runner = new SimRunner(
  (simulatedNs, events) => {
    progressText.textContent = `simulated ${formatDuration(simulatedNs)}, ${events.toLocaleString('en-US')} events`;
  },
  (trouble) => reportError(trouble),
);
markBooted();

// ---------------------------------------------------------------------------
// State

let saveTimer = 0;
function saveState(): void {
  window.clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => {
    const v = chart.view;
    const fit = v.t0 <= 0 && v.t1 >= chart.fullTime;
    api.setState({ uri: documentUri, mode, range: sections.length && !fit ? [v.t0, v.t1] : null, scrollY: chart.scrollY, selected: chart.selectedLabel, tableView, colourBy, labelWidth: chart.draggedLabelWidth });
  }, 150);
}

chart.onViewChange = () => {
  syncScroller();
  minimap.draw();
  if (tableView) refreshTable();
  saveState();
};

function reveal(span: Span): void {
  api.postMessage({ type: 'revealSource', start: span.start, end: span.end });
}

function selectThread(label: string | null): void {
  chart.setSelectedLabel(label);
  saveState();
}

function refreshTable(): void {
  if (!info || !sections.length) return;
  renderTable(tableHost, sections, info, source, [chart.view.t0, chart.view.t1], tableLane, (s, l) => {
    tableLane = { section: s, lane: l };
    refreshTable();
  }, reveal);
}

function applyCursor(): void {
  const st = info && cursorOffset !== null ? statementContaining(info, cursorOffset) : null;
  chart.highlightSrc = st ? st.start : -1;
  chart.requestRender();
}

// ---------------------------------------------------------------------------
// Running

/** Tells the host a run ended, after the chart has drawn what it now shows (`lanes` counts what was drawn). */
function finished(v: number, m: ChartMode, status: RunOutcome, makespan: number | null): void {
  chart.render();
  const lanes = chart.rows.reduce((n, r) => (r.kind === 'lane' ? n + 1 : n), 0);
  const runs = m === 'compare' && status !== 'error' && status !== 'cancelled' ? sections.map((s) => ({ model: s.model, status: s.result.status, makespan: s.result.makespan })) : undefined;
  api.postMessage({ type: 'runFinished', version: v, mode: m, status, makespan, lanes, ...(runs ? { runs } : {}) });
}

let progressTimer = 0;
async function run(): Promise<void> {
  const myVersion = version;
  const myMode = mode;
  const myText = source;
  statusText.textContent = 'Running…';
  window.clearTimeout(progressTimer);
  progressTimer = window.setTimeout(() => {
    progress.hidden = false;
    progressText.hidden = false;
    cancelBtn.hidden = false;
  }, PROGRESS_AFTER_MS);
  const res = await runner.run(source, myMode, vary);
  if (myVersion !== version || myMode !== mode) return;
  window.clearTimeout(progressTimer);
  progress.hidden = true;
  progressText.hidden = true;
  progressText.textContent = '';
  cancelBtn.hidden = true;
  if (res.type === 'cancelled') {
    statusText.textContent = 'Run cancelled.';
    finished(myVersion, myMode, 'cancelled', null);
    return;
  }
  if (res.type === 'failed') {
    statusText.textContent = `The simulation failed: ${res.message}`;
    api.postMessage({ type: 'error', message: `The simulation failed: ${res.message}`.slice(0, 2000) });
    finished(myVersion, myMode, 'error', null);
    return;
  }
  if (res.type === 'diagnostics') {
    statusText.textContent = 'The file has errors; the chart shows the last run that worked.';
    clear(resultsHost);
    resultsHost.append(renderDiagnostics(res.diagnostics, source, reveal));
    finished(myVersion, myMode, 'error', null);
    return;
  }
  if (res.type !== 'done') return;
  const first = sections.length === 0;
  sections = res.sections;
  info = res.info;
  why.setRun(sections, myText, myMode);
  shownText = myText;
  hideWhy();
  presentEvents = eventKinds(sections);
  chart.setData(sections, !first);
  clear(runList);
  for (const r of chart.rows) if (r.kind === 'header' && r.level === 0) runList.append(el('li', { text: r.text }));
  fitHeight();
  if (first && pendingRange) chart.setView({ t0: pendingRange[0], t1: pendingRange[1] });
  if (first && pendingScroll) chart.setScroll(pendingScroll);
  pendingRange = null;
  pendingScroll = 0;
  minimap.rebuild();
  applyCursor();
  const r0 = sections[0].result;
  statusText.textContent = predicting
    ? 'Predict first: answer the questions, then reveal the run.'
    : mode === 'compare'
      ? `Compared ${sections.length} runs in ${Math.round(res.ms)} ms — the file's own first; scroll for the others.`
      : `${r0.status}, makespan ${formatDuration(r0.makespan)} — ${r0.trace.count.toLocaleString('en-US')} intervals, simulated in ${Math.round(res.ms)} ms`;
  clear(resultsHost);
  resultsHost.append(renderResults(sections, source, reveal, (label) => selectThread(label)));
  if (tableView) refreshTable();
  if (predicting) showQuiz();
  finished(myVersion, myMode, r0.status, r0.makespan);
  saveState();
}

function startRun(): void {
  run().catch((err: unknown) => {
    statusText.textContent = 'The chart failed.';
    reportError(`The chart failed to show the run: ${describeError(err)}`);
  });
}

// ---------------------------------------------------------------------------
// Exports

function doExport(format: WebviewExportFormat | 'html'): void {
  if (format === 'html') {
    api.postMessage({ type: 'exportHtml' });
    return;
  }
  if (format === 'png') chart.render();
  let msg;
  try {
    const threadColours = colourBy === 'thread' ? new Map(chart.threadKey.map((t) => [t.label, t.colour] as const)) : null;
    msg = makeExport(format, { sections, info, uri, source, canvas, dark: theme.dark, threadColours });
  } catch (err) {
    reportError(`The ${format} export failed: ${describeError(err)}`);
    return;
  }
  if (msg) {
    api.postMessage(msg);
    statusText.textContent = sections.length > 1 && format !== 'png' ? `Exported all ${sections.length} compared runs as ${format === 'svg' ? 'SVG' : 'a Perfetto trace'}, each under its model.` : statusText.textContent;
  } else {
    statusText.textContent = 'Nothing to export yet: the scenario has not run.';
    api.postMessage({ type: 'error', message: `Nothing to export as ${format} yet: the scenario has not run.` });
  }
}

// ---------------------------------------------------------------------------
// Height, scrollbar and tooltip

/** Width of the lanes' scrollbar, CSS px (style.css .vscroll). */
const SCROLLBAR_W = 14;

/**
 * The chart is as tall as its rows, up to the window's height below the
 * toolbar (the panel scrolls to the legend and results); more rows scroll,
 * with a scrollbar that says so. Its bottom edge drags (CSS resize).
 */
let fittedRows = -1;
function fitHeight(): void {
  // A re-run with the same rows (typing) keeps the height, including one the user dragged.
  if (chart.rows.length === fittedRows) return;
  fittedRows = chart.rows.length;
  const below = toolbar.getBoundingClientRect().bottom - document.documentElement.getBoundingClientRect().top;
  const room = Math.max(200, window.innerHeight - Math.min(below, 120) - 40);
  const want = chart.rows.length * chart.rowHeight + 28;
  chartWrap.style.height = `${Math.round(Math.max(160, Math.min(want, room)))}px`;
  syncScroller();
}

/** Shows the scrollbar when the rows overflow, its thumb as long as the share in view and where the view is. */
function syncScroller(): void {
  const max = chart.maxScroll();
  const need = max > 0;
  if (need === scroller.hidden) {
    scroller.hidden = !need;
    resize();
    return;
  }
  if (!need) return;
  const track = scroller.clientHeight;
  const content = max + track;
  const h = Math.max(24, (track * track) / content);
  scrollThumb.style.height = `${h}px`;
  scrollThumb.style.top = `${((track - h) * chart.scrollY) / max}px`;
}
/** Scroll position for a thumb top, px. */
const scrollForThumb = (top: number): number => (top / Math.max(1, scroller.clientHeight - scrollThumb.offsetHeight)) * chart.maxScroll();
scroller.addEventListener('pointerdown', (e) => {
  e.preventDefault();
  const r = scroller.getBoundingClientRect();
  const t = scrollThumb.getBoundingClientRect();
  // On the thumb: drag it. On the track: jump a page towards the pointer, as native scrollbars do.
  if (e.clientY < t.top || e.clientY > t.bottom) {
    chart.setScroll(chart.scrollY + (e.clientY < t.top ? -1 : 1) * (r.height - chart.rowHeight));
    return;
  }
  const grab = e.clientY - t.top;
  scroller.setPointerCapture(e.pointerId);
  const move = (ev: PointerEvent): void => chart.setScroll(scrollForThumb(ev.clientY - r.top - grab));
  const up = (): void => {
    scroller.removeEventListener('pointermove', move);
    scroller.removeEventListener('pointerup', up);
    scroller.removeEventListener('pointercancel', up);
  };
  scroller.addEventListener('pointermove', move);
  scroller.addEventListener('pointerup', up);
  scroller.addEventListener('pointercancel', up);
});

/** Places the tooltip beside the pointer, flipped to the other side where it would leave the window. */
function placeTooltip(x: number, y: number): void {
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const w = tooltip.offsetWidth;
  const h = tooltip.offsetHeight;
  let left = x + 14;
  if (left + w > vw - 4) left = x - 14 - w;
  let top = y + 16;
  if (top + h > vh - 4) top = y - 8 - h;
  tooltip.style.left = `${Math.max(4, Math.min(left, vw - w - 4))}px`;
  tooltip.style.top = `${Math.max(4, Math.min(top, vh - h - 4))}px`;
}

// Escape clears the selection wherever the focus is in the panel (the canvas handles its own).
window.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && e.target !== canvas) selectThread(null);
});

// ---------------------------------------------------------------------------
// Events

function showTooltip(hit: Hit | null, x: number, y: number): void {
  if (!hit || hit.pos < 0 || !info) {
    tooltip.hidden = true;
    return;
  }
  const sec = sections[hit.section];
  const w = describeInterval(sec.result.trace, sec.index, hit.pos, info, source, threadLabels(sec.result.trace));
  clear(tooltip);
  tooltip.append(el('div', { class: 'tt-lane', text: w.lane }), el('div', { class: 'tt-state', text: w.state }), el('div', { text: w.when }));
  if (w.detail) tooltip.append(el('div', { text: w.detail }));
  if (w.statement) tooltip.append(el('code', { text: w.statement }));
  if (hit.mixed) tooltip.append(el('div', { class: 'tt-note', text: 'Several intervals share this pixel: zoom in to see each.' }));
  const e = explainSafely(hit);
  if (e && e.steps[0].cause.kind !== 'running') tooltip.append(el('div', { class: 'tt-why', text: `Why? ${e.steps[0].text}` }), el('div', { class: 'tt-hint', text: e.steps.length > 1 ? 'Click for the whole chain.' : 'Click to keep this explanation.' }));
  tooltip.hidden = false;
  placeTooltip(x, y);
}

/** The explanation for a point of the chart, or null; a failure is reported, never thrown into the pointer handlers. */
function explainSafely(hit: Hit): ReturnType<WhyIndex['explain']> {
  try {
    return why.explain(hit.section, hit.lane, Math.max(0, Math.round(hit.t)));
  } catch (err) {
    reportError(`The explanation failed: ${describeError(err)}`);
    return null;
  }
}

/** Predict Then Run: ask the questions about the run shown, the run hidden until they are answered. */
function showQuiz(): void {
  if (quizShown || !sections.length) return;
  let questions;
  try {
    questions = questionsFor(shownText, sections[0].result);
  } catch (err) {
    reportError(`The questions could not be made: ${describeError(err)}`);
    questions = null;
  }
  if (!questions || questions.length === 0) {
    endPredicting();
    return;
  }
  const qs = questions;
  quizShown = true;
  statusText.textContent = 'Predict first: answer the questions, then reveal the run.';
  clear(quizHost);
  quizHost.append(
    renderQuiz(qs, (answers) => {
      const { element, right } = renderVerdicts(qs, answers, shownText, reveal, () => {
        quizShown = false;
        predicting = true;
        document.body.classList.add('predicting');
        showQuiz();
      });
      clear(quizHost);
      quizHost.append(element);
      endPredicting();
      api.postMessage({ type: 'quizRevealed', right, total: qs.length });
    }),
  );
  quizHost.hidden = false;
  quizHost.querySelector<HTMLElement>('.quiz-answer')?.focus();
}

/** Shows the run again (after the reveal, or when there is nothing to ask). */
function endPredicting(): void {
  predicting = false;
  document.body.classList.remove('predicting');
  const r0 = sections[0]?.result;
  if (r0) statusText.textContent = `${r0.status}, makespan ${formatDuration(r0.makespan)}`;
  resize();
  chart.requestRender();
}

function hideWhy(): void {
  clear(whyHost);
  whyHost.hidden = true;
}

/** Shows "Why?" for a clicked point (the thread of that lane at that instant). */
function showWhy(hit: Hit): void {
  const e = explainSafely(hit);
  clear(whyHost);
  if (!e) {
    whyHost.hidden = true;
    return;
  }
  whyHost.append(renderWhy(e, reveal, hideWhy));
  whyHost.hidden = false;
}

attachInteraction(chart, {
  onHover: showTooltip,
  onClick: (hit) => {
    // A click on empty space (no interval, the label column, a header) clears the selection.
    if (!hit || hit.pos < 0) {
      selectThread(null);
      return;
    }
    showWhy(hit);
    const sec = sections[hit.section];
    const thread = intervalThread(sec.index, hit.pos);
    const labels = threadLabels(sec.result.trace);
    selectThread(thread >= 0 ? (labels.get(thread) ?? null) : null);
    const w = info ? describeInterval(sec.result.trace, sec.index, hit.pos, info, source, labels) : null;
    lastClicked = w?.span ?? null;
    if (lastClicked) reveal(lastClicked);
    if (tableView) {
      tableLane = { section: hit.section, lane: hit.lane };
      refreshTable();
    }
  },
  onEscape: () => selectThread(null),
  onEnter: () => {
    if (lastClicked) reveal(lastClicked);
  },
});

fitBtn.addEventListener('click', () => chart.setView(fitView(chart.fullTime)));
zoomInBtn.addEventListener('click', () => chart.setView(zoomAt(chart.view, (chart.view.t0 + chart.view.t1) / 2, 0.5, chart.fullTime, chart.columns())));
zoomOutBtn.addEventListener('click', () => chart.setView(zoomAt(chart.view, (chart.view.t0 + chart.view.t1) / 2, 2, chart.fullTime, chart.columns())));
function setMode(m: ChartMode): void {
  mode = m;
  modeBtn.textContent = mode === 'compare' ? 'Single run' : 'Compare models';
  modeBtn.setAttribute('aria-pressed', String(mode === 'compare'));
  saveState();
}
setMode(mode);
modeBtn.addEventListener('click', () => {
  // Another view starts unselected: a selection made in one view would dim the other without a word.
  selectThread(null);
  setMode(mode === 'compare' ? 'run' : 'compare');
  version++;
  startRun();
});
tableBtn.addEventListener('click', () => {
  tableView = !tableView;
  tableHost.hidden = !tableView;
  tableBtn.setAttribute('aria-pressed', String(tableView));
  if (tableView) refreshTable();
  saveState();
});
markersBox.addEventListener('change', () => {
  chart.showMarkers = markersBox.checked;
  chart.requestRender();
});
colourSel.addEventListener('change', () => {
  colourBy = colourSel.value === 'thread' ? 'thread' : 'state';
  chart.colourBy = colourBy;
  selectThread(null);
  refreshLegend();
  chart.requestRender();
  saveState();
});
cancelBtn.addEventListener('click', () => runner.cancel());
exportSel.addEventListener('change', () => {
  const f = exportSel.value;
  exportSel.value = '';
  if (f === 'svg' || f === 'png' || f === 'perfetto' || f === 'html') doExport(f);
});

const resize = (): void => {
  const r = chartWrap.getBoundingClientRect();
  const bar = scroller.hidden ? 0 : SCROLLBAR_W;
  chart.resize(r.width - bar, r.height, window.devicePixelRatio);
  minimap.resize(r.width - bar);
  syncScroller();
};
new ResizeObserver(resize).observe(chartWrap);

new MutationObserver(() => {
  theme = readTheme();
  chart.setTheme(theme);
  minimap.setTheme(theme);
  refreshLegend();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

function handle(msg: ToWebview): void {
  switch (msg.type) {
    case 'source':
      uri = msg.uri;
      documentUri = msg.documentUri ?? documentUri;
      source = msg.text;
      version = msg.version;
      vary = msg.vary ?? [];
      if (msg.mode && msg.mode !== mode) selectThread(null);
      if (msg.mode) setMode(msg.mode);
      startRun();
      break;
    case 'cursor':
      cursorOffset = msg.offset;
      applyCursor();
      break;
    case 'debugTime':
      chart.debugTime = msg.time;
      chart.requestRender();
      break;
    case 'run':
      if (msg.mode !== mode) selectThread(null);
      setMode(msg.mode);
      version++;
      startRun();
      break;
    case 'export':
      doExport(msg.format);
      break;
    case 'theme':
      theme = readTheme();
      chart.setTheme(theme);
      minimap.setTheme(theme);
      break;
    case 'predict':
      predicting = true;
      quizShown = false;
      hideWhy();
      document.body.classList.add('predicting');
      statusText.textContent = 'Predict first: the run is hidden until you answer.';
      // The run may already be drawn (the panel was open): ask about it now; else when it finishes.
      if (sections.length && shownText === source) showQuiz();
      break;
  }
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (isToWebview(e.data)) handle(e.data);
});

runner.init().then(
  () => {
    resize();
    api.postMessage({ type: 'ready' });
  },
  (err: unknown) => {
    statusText.textContent = 'The simulator could not start.';
    reportError(`The simulator could not start: ${describeError(err)}. Close the chart and run it again; if this persists, reinstall LWP Lab.`);
  },
);
