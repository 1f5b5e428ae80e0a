/**
 * The sweep view (docs/sweeps.md): a metric against the swept parameter,
 * one line per value of a second parameter, drawn as SVG (a few hundred
 * marks at most: no canvas, no chart library). Hover shows a point's
 * values; a click asks the host to open that run's Gantt chart. Every
 * message from the host is validated; text goes in through textContent.
 */
import {
  isToSweepView,
  SWEEP_METRICS,
  type FromSweepView,
  type SweepMetric,
  type SweepParamInfo,
  type SweepPointInfo,
  type ToSweepView,
} from '../../shared/sweepProtocol';
import { clear, el } from '../dom';
import { markBooted, rawHostApi } from '../vscodeApi';
import { layoutPlot, type Plot, type PlotPoint } from './plot';

const raw = rawHostApi();
const post = (m: FromSweepView): void => raw.postMessage(m);

const SVG = 'http://www.w3.org/2000/svg';
/** Dashes per line: a line that lies on another (equal results) still shows the one under it through its gaps. */
const DASHES = ['', '7 5', '2 4', '10 4 2 4'];
const M = { l: 80, r: 20, t: 16, b: 56 };

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number>> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

let params: readonly SweepParamInfo[] = [];
let points: readonly SweepPointInfo[] = [];
let metric: SweepMetric = 'makespan';
const saved = raw.getState() as { metric?: unknown } | null;
if (saved && typeof saved.metric === 'string' && (SWEEP_METRICS as readonly string[]).includes(saved.metric))
  metric = saved.metric as SweepMetric;

const titleEl = el('span', { class: 'title' });
const select = el(
  'select',
  { 'aria-label': 'Metric', id: 'metric' },
  SWEEP_METRICS.map((m) => el('option', { value: m, text: m, selected: m === metric })),
);
const progress = el('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Sweep progress' });
const progressText = el('span', { class: 'progress-text', role: 'status' });
const cancelBtn = el('button', { type: 'button', hidden: true, text: 'Cancel' });
const rerunBtn = el('button', { type: 'button', hidden: true, text: 'Run again' });
const message = el('div', { class: 'message', role: 'alert', hidden: true });
const plotHost = el('div', { class: 'plot' });
const legend = el('ul', { class: 'legend', 'aria-label': 'Lines' });
const note = el('div', { class: 'note' });
const tip = el('div', { class: 'tip', role: 'tooltip', hidden: true });
const app = el('div', { class: 'app' }, [
  el('div', { class: 'toolbar' }, [
    titleEl,
    el('span', { class: 'spacer' }),
    el('label', { for: 'metric', text: 'metric ' }),
    select,
    progress,
    progressText,
    cancelBtn,
    rerunBtn,
  ]),
  message,
  plotHost,
  legend,
  note,
  tip,
]);
document.body.append(app);
let lastWidth = 0;
new ResizeObserver(() => {
  if (plotHost.clientWidth === lastWidth) return;
  lastWidth = plotHost.clientWidth;
  draw();
}).observe(plotHost);
markBooted();

select.addEventListener('change', () => {
  metric = select.value as SweepMetric;
  raw.setState({ metric });
  draw();
});
cancelBtn.addEventListener('click', () => post({ type: 'cancel' }));
rerunBtn.addEventListener('click', () => post({ type: 'rerun' }));

function showMessage(text: string | null): void {
  message.hidden = text === null;
  message.textContent = text ?? '';
}

function running(on: boolean): void {
  progress.hidden = !on;
  cancelBtn.hidden = !on;
  if (on) rerunBtn.hidden = true;
}

function draw(): void {
  clear(plotHost);
  clear(legend);
  note.textContent = '';
  if (params.length === 0 || points.length === 0) return;
  const plot = layoutPlot(params, points, metric);
  plotHost.append(chart(plot));
  // Each legend entry draws its line's colour and dash, as the chart does.
  plot.series.forEach((s, k) => {
    const mark = svg('svg', { width: 24, height: 8, class: 'swatch', 'aria-hidden': 'true' });
    mark.append(svg('line', { x1: 0, x2: 24, y1: 4, y2: 4, stroke: s.colour, 'stroke-width': 2.5, 'stroke-dasharray': DASHES[k % DASHES.length] }));
    legend.append(el('li', {}, [mark, s.label]));
  });
  const bad = points.filter((p) => p.status !== 'completed').length;
  note.textContent = [
    plot.note,
    bad ? `${bad} point${bad === 1 ? '' : 's'} did not complete (hollow marks): their ${metric} is where the run stopped.` : null,
    'Click a point to open its Gantt chart.',
  ]
    .filter(Boolean)
    .join(' ');
}

function chart(plot: Plot): SVGSVGElement {
  // Drawn at the panel's own width, so the labels keep the editor's font size however narrow the panel is.
  const W = Math.max(360, Math.min(1200, plotHost.clientWidth - 16));
  const H = Math.round(Math.max(260, Math.min(480, W * 0.6)));
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    width: W,
    height: H,
    class: 'sweep-chart',
    role: 'img',
    'aria-label': `${plot.y.title} against ${plot.x.title}`,
  });
  const pw = W - M.l - M.r;
  const ph = H - M.t - M.b;
  const sx = (x: number): number => M.l + ((x - plot.x.min) / (plot.x.max - plot.x.min || 1)) * pw;
  const sy = (y: number): number => M.t + ph - ((y - plot.y.min) / (plot.y.max - plot.y.min || 1)) * ph;
  for (const t of plot.y.ticks) {
    root.append(svg('line', { x1: M.l, x2: M.l + pw, y1: sy(t.value), y2: sy(t.value), class: 'grid' }));
    root.append(svg('text', { x: M.l - 6, y: sy(t.value) + 4, 'text-anchor': 'end', class: 'tick' }, t.label));
  }
  for (const t of plot.x.ticks)
    root.append(svg('text', { x: sx(t.value), y: M.t + ph + 16, 'text-anchor': 'middle', class: 'tick' }, t.label));
  root.append(svg('line', { x1: M.l, x2: M.l + pw, y1: M.t + ph, y2: M.t + ph, class: 'axis' }));
  root.append(svg('line', { x1: M.l, x2: M.l, y1: M.t, y2: M.t + ph, class: 'axis' }));
  root.append(svg('text', { x: M.l + pw / 2, y: H - 12, 'text-anchor': 'middle', class: 'axis-title' }, plot.x.title));
  root.append(
    svg('text', { transform: `translate(16 ${M.t + ph / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-title' }, plot.y.title),
  );
  plot.series.forEach((s, k) => {
    root.append(
      svg('polyline', {
        points: s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' '),
        fill: 'none',
        stroke: s.colour,
        'stroke-width': 2,
        'stroke-dasharray': DASHES[k % DASHES.length],
      }),
    );
    for (const p of s.points) {
      const c = svg('circle', {
        cx: sx(p.x).toFixed(1),
        cy: sy(p.y).toFixed(1),
        r: 4.5,
        stroke: s.colour,
        'stroke-width': 2,
        fill: p.status === 'completed' ? s.colour : 'none',
        class: 'pt',
        tabindex: 0,
        'data-index': p.index,
      });
      c.append(svg('title', {}, describe(p, s.label)));
      c.addEventListener('mouseenter', (e) => showTip(p, s.label, e));
      c.addEventListener('mouseleave', () => (tip.hidden = true));
      c.addEventListener('focus', () => showTip(p, s.label, null));
      c.addEventListener('blur', () => (tip.hidden = true));
      c.addEventListener('click', () => post({ type: 'openPoint', index: p.index }));
      c.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') post({ type: 'openPoint', index: p.index });
      });
      root.append(c);
    }
  });
  return root;
}

function describe(p: PlotPoint, series: string): string {
  return `${params[0].name} = ${p.xLabel}${params.length > 1 ? `, ${series}` : ''}: ${metric} ${p.yLabel}${p.status === 'completed' ? '' : ` (${p.status})`}`;
}

function showTip(p: PlotPoint, series: string, e: MouseEvent | null): void {
  tip.textContent = describe(p, series);
  tip.hidden = false;
  const box = plotHost.getBoundingClientRect();
  const x = e ? e.clientX : box.left + box.width / 2;
  const y = e ? e.clientY : box.top + 20;
  tip.style.left = `${Math.min(window.innerWidth - 260, x + 12)}px`;
  tip.style.top = `${y + 12}px`;
}

function receive(m: ToSweepView): void {
  switch (m.type) {
    case 'start':
      titleEl.textContent = `${m.title}: ${m.total} point${m.total === 1 ? '' : 's'}`;
      progress.max = m.total;
      progress.value = 0;
      progressText.textContent = `sweeping… 0 of ${m.total}`;
      showMessage(null);
      running(true);
      break;
    case 'progress':
      progress.max = m.total;
      progress.value = m.done;
      progressText.textContent = `sweeping… ${m.done} of ${m.total}`;
      break;
    case 'result':
      params = m.params;
      points = m.points;
      running(false);
      progressText.textContent = '';
      showMessage(null);
      draw();
      document.body.dataset.points = String(points.length);
      document.body.dataset.version = String(m.version);
      break;
    case 'cancelled':
      running(false);
      rerunBtn.hidden = false;
      progressText.textContent = `cancelled after ${m.done} of ${m.total} points`;
      break;
    case 'failed':
      running(false);
      progressText.textContent = '';
      showMessage(m.message);
      break;
  }
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (isToSweepView(e.data)) receive(e.data);
  else
    post({
      type: 'error',
      message: `dropped a message that does not follow the protocol: ${JSON.stringify(e.data)?.slice(0, 200) ?? String(e.data)}`,
    });
});
post({ type: 'ready' });
