/**
 * The sweep chart's layout, without the DOM: which points make which line,
 * the axes' ranges, ticks and labels with units. A metric is drawn against
 * the first parameter; with a second parameter, one line per value of it;
 * further parameters (the command line allows them) are held at their first
 * value, and the caption says so.
 */
import { formatTick, niceStep, niceTicks } from '../../core/chart/ticks';
import { THREAD_HUES } from '../../core/chart/palette';
import { formatDuration } from '../../core/units';
import { DURATION_METRICS, type SweepMetric, type SweepParamInfo, type SweepPointInfo, type SweepUnit } from '../../shared/sweepProtocol';

export interface PlotPoint {
  /** Index of the point in the sweep (what a click opens). */
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly status: SweepPointInfo['status'];
}

export interface Series {
  readonly label: string;
  readonly colour: string;
  readonly points: readonly PlotPoint[];
}

export interface Axis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly { readonly value: number; readonly label: string }[];
  readonly title: string;
}

export interface Plot {
  readonly series: readonly Series[];
  readonly x: Axis;
  readonly y: Axis;
  /** Parameters past the second, held at their first value: `held: costs.upcall = 1us`. */
  readonly note: string | null;
}

/** A parameter value for people: durations with units, words as they are. */
export function valueLabel(v: number | string, unit: SweepUnit): string {
  if (typeof v === 'string') return v;
  return unit === 'duration' ? formatDuration(v) : v.toLocaleString('en-US');
}

/** A metric value for people: durations with units, the utilization in %, counts as numbers. */
export function metricLabel(v: number, m: SweepMetric): string {
  if (DURATION_METRICS.includes(m)) return formatDuration(v);
  if (m === 'cpuUtilization') return `${(v * 100).toFixed(1)}%`;
  return v.toLocaleString('en-US');
}

/** An axis title with its unit: `makespan (time)`, `CPU utilization (%)`. */
export function metricTitle(m: SweepMetric): string {
  if (DURATION_METRICS.includes(m)) return `${m} (time)`;
  if (m === 'cpuUtilization') return 'cpuUtilization (%)';
  return `${m} (count)`;
}

function paramTitle(p: SweepParamInfo): string {
  return p.unit === 'duration' ? `${p.name} (time)` : p.unit === 'word' ? p.name : `${p.name} (count)`;
}

/** Steps of 1, 2 or 5 × 10^k for plain numbers (counts, shares), about `target` of them. */
function numberTicks(min: number, max: number, target: number, integer: boolean): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  let step = niceStep(span / target);
  if (integer) step = Math.max(1, Math.round(step));
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9 && out.length <= target * 2; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function numericAxis(min: number, max: number, duration: boolean, integer: boolean, title: string, percent = false): Axis {
  if (duration) {
    const t = niceTicks(min, max, 6);
    return { min, max, title, ticks: t.values.map((v) => ({ value: v, label: formatTick(v, t.step) })) };
  }
  return {
    min,
    max,
    title,
    ticks: numberTicks(min, max, 6, integer).map((v) => ({
      value: v,
      label: percent ? `${Math.round(v * 100)}%` : v.toLocaleString('en-US'),
    })),
  };
}

export function layoutPlot(params: readonly SweepParamInfo[], points: readonly SweepPointInfo[], metric: SweepMetric): Plot {
  const xp = params[0];
  const gp = params.length > 1 ? params[1] : null;
  // Parameters past the second are held at their first value.
  const held = params.slice(2).map((p, k) => ({ p, k: k + 2, v: points[0]?.values[k + 2] }));
  const keep = (pt: SweepPointInfo): boolean => held.every((h) => pt.values[h.k] === h.v);
  const words = xp.unit === 'word' ? [...new Set(points.map((p) => String(p.values[0])))] : [];
  const xOf = (v: number | string): number => (typeof v === 'string' ? words.indexOf(v) : v);
  const groups = new Map<string, PlotPoint[]>();
  points.forEach((pt, index) => {
    if (!keep(pt)) return;
    const key = gp ? valueLabel(pt.values[1], gp.unit) : metric;
    const y = pt.metrics[metric];
    const list = groups.get(key) ?? [];
    list.push({
      index,
      x: xOf(pt.values[0]),
      y,
      xLabel: valueLabel(pt.values[0], xp.unit),
      yLabel: metricLabel(y, metric),
      status: pt.status,
    });
    groups.set(key, list);
  });
  const series: Series[] = [...groups].map(([label, pts], k) => ({
    label: gp ? `${gp.name} = ${label}` : label,
    colour: THREAD_HUES[k % THREAD_HUES.length],
    points: [...pts].sort((a, b) => a.x - b.x),
  }));
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  let x: Axis;
  if (xp.unit === 'word')
    x = { min: -0.5, max: Math.max(0.5, words.length - 0.5), title: xp.name, ticks: words.map((w, i) => ({ value: i, label: w })) };
  else {
    const lo = xs.length ? Math.min(...xs) : 0;
    const hi = xs.length ? Math.max(...xs) : 1;
    x = numericAxis(lo, hi > lo ? hi : lo + 1, xp.unit === 'duration', xp.unit !== 'duration', paramTitle(xp));
  }
  // The y axis starts at 0: a curve of makespans reads as "how much", not as a zoom on the differences.
  const yHi = ys.length ? Math.max(...ys) : 1;
  const yMax = metric === 'cpuUtilization' ? 1 : yHi > 0 ? yHi * 1.05 : 1;
  const y = numericAxis(
    0,
    yMax,
    DURATION_METRICS.includes(metric),
    metric !== 'cpuUtilization',
    metricTitle(metric),
    metric === 'cpuUtilization',
  );
  const note = held.length
    ? `held at: ${held.map((h) => `${h.p.name} = ${h.v === undefined ? '' : valueLabel(h.v, h.p.unit)}`).join(', ')}`
    : null;
  return { series, x, y, note };
}
