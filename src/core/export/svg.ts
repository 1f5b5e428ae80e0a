/**
 * The Gantt chart as one standalone SVG (`lwp export --format svg`, and
 * Export → SVG in the panel, which exports every compared run). The same per-column level of detail as the
 * interactive chart keeps the file bounded by lanes × width, not by the
 * number of intervals: adjacent columns of one state become one rectangle.
 */
import type { RunResult } from '../sim/result';
import { formatDuration } from '../units';
import { ColumnLayout } from '../chart/columns';
import { escapeXml } from './escape';
import { buildLaneIndex, type LaneIndex } from '../chart/laneIndex';
import { intervalThread } from '../chart/threads';
import { LANE_STATES, legendEntries, MIXED, RUNNING_STATES, styleOf, type StateStyle } from '../chart/palette';
import { formatTick, niceTicks } from '../chart/ticks';

export interface SvgOptions {
  readonly title?: string | null;
  /** Width of the time area in pixels (default 1200; clamped to 100..20000). */
  readonly width?: number;
  /** Lane height in pixels (default 14; clamped to 4..60). */
  readonly laneHeight?: number;
  readonly theme?: 'light' | 'dark';
  /** A lane index already built for this trace (the panel has one). */
  readonly index?: LaneIndex;
  /** Time range to draw (default the whole run). */
  readonly range?: readonly [number, number];
  /**
   * Colour by thread (as the panel's "Colour: thread"): running user code
   * takes its thread's colour, by thread label; the legend names them.
   */
  readonly threadColours?: ReadonlyMap<string, string>;
}

/** One run of an export: the compare view exports each model's run under its own title. */
export interface SvgRun {
  readonly title: string;
  readonly result: Pick<RunResult, 'trace'>;
  readonly index?: LaneIndex;
}

const LABEL_PAD = 12;
const AXIS_H = 24;
const HEADER_H = 26;
const RUN_HEADER_H = 22;
const LEGEND_ROW = 18;
/** Rough width of a character of the 11 px sans-serif labels, to size the label column without a text engine. */
const CHAR_W = 6.6;

type RunForSvg = Pick<RunResult, 'trace'> & Partial<Pick<RunResult, 'status' | 'makespan'>>;

/** One run as an SVG: the title, then its lanes, then the legend of the states it shows. */
export function toSvg(result: RunForSvg, options: SvgOptions = {}): string {
  const title = options.title ?? 'LWP Lab run';
  const summary = result.status ? ` — ${result.status}, makespan ${formatDuration(result.makespan ?? result.trace.endTime)}` : '';
  return toSvgRuns(title + summary, [{ title: '', result, index: options.index }], options);
}

/**
 * Several runs in one SVG on one time axis (the compare view): the document
 * title, then each run under its own header row, then one legend of what the
 * picture shows — only the colours drawn, one entry per colour.
 */
export function toSvgRuns(title: string, runs: readonly SvgRun[], options: SvgOptions = {}): string {
  const width = clampInt(options.width ?? 1200, 100, 20_000);
  const laneH = clampInt(options.laneHeight ?? 14, 4, 60);
  const dark = options.theme === 'dark';
  const fg = dark ? '#CCCCCC' : '#1F1F1F';
  const bg = dark ? '#1E1E1E' : '#FFFFFF';
  const grid = dark ? '#3A3A3A' : '#E0E0E0';
  const band = dark ? '#2A2A2A' : '#F0F0F0';
  const endTime = Math.max(1, ...runs.map((r) => r.result.trace.endTime));
  const [t0, t1] = options.range && options.range[1] > options.range[0] ? options.range : [0, endTime];
  const nsPerCol = (t1 - t0) / width;
  const labelW = Math.ceil(Math.min(480, Math.max(80, ...runs.flatMap((r) => r.result.trace.lanes.map((l) => l.label.length * CHAR_W))) + LABEL_PAD));
  const chartTop = HEADER_H + AXIS_H;
  const totalW = labelW + width + 10;
  const threadColours = options.threadColours;

  const body: string[] = [];
  const present = new Set<number>();
  const threadsShown = new Map<string, string>();
  const layout = new ColumnLayout(width);
  let y = chartTop;
  body.push(`<g shape-rendering="crispEdges">`);
  for (const run of runs) {
    const trace = run.result.trace;
    const ix = run.index ?? buildLaneIndex(trace);
    if (run.title) {
      body.push(`<rect x="0" y="${y}" width="${totalW}" height="${RUN_HEADER_H - 2}" fill="${band}"/>`);
      body.push(`<text x="8" y="${y + RUN_HEADER_H - 7}" font-weight="bold" fill="${fg}">${escapeXml(run.title)}</text>`);
      y += RUN_HEADER_H;
    }
    const threadLabel = new Map<number, string>();
    for (const l of trace.lanes) if (l.kind === 'thread') threadLabel.set(l.id, l.label);
    for (let l = 0; l < trace.lanes.length; l++) {
      body.push(`<text x="${labelW - 6}" y="${y + laneH - 3}" text-anchor="end" fill="${fg}">${escapeXml(trace.lanes[l].label)}</text>`);
      layout.layout(ix, l, t0, nsPerCol, width);
      let c = 0;
      while (c < width) {
        const s = layout.state[c];
        const colour = columnColour(c);
        let e = c + 1;
        while (e < width && layout.state[e] === s && columnColour(e) === colour) e++;
        const style = styleOf(s);
        if (style && !style.blank) {
          if (colour) threadsShown.set(colour[0], colour[1]);
          else present.add(s);
          body.push(`<rect x="${labelW + c}" y="${y + 1}" width="${e - c}" height="${laneH - 2}" fill="${colour ? colour[1] : fill(style, s, dark)}"/>`);
        }
        c = e;
      }
      y += laneH;
    }
    // Colour by thread: the thread of the interval standing for the column (one shared column, LaneIndex.thread).
    function columnColour(c: number): readonly [string, string] | null {
      if (!threadColours || !RUNNING_STATES.has(layout.state[c])) return null;
      const p = layout.index[c];
      const label = p >= 0 ? threadLabel.get(intervalThread(ix, p)) : undefined;
      const colour = label === undefined ? undefined : threadColours.get(label);
      return label !== undefined && colour !== undefined ? [label, colour] : null;
    }
  }
  body.push('</g>');
  const chartBottom = y;

  const entries = legendEntries(present);
  const legendCols = 4;
  const legendTop = chartBottom + 12;
  const items: [string, string][] = [...entries.map((e): [string, string] => [e.meaning, fill(e.style, e.states[0], dark)]), ...[...threadsShown].map(([label, colour]): [string, string] => [`${label} running`, colour])];
  const height = legendTop + Math.ceil(items.length / legendCols) * LEGEND_ROW + 8;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${height}" viewBox="0 0 ${totalW} ${height}" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<defs>${patternDefs(dark)}</defs>`);
  out.push(`<rect width="100%" height="100%" fill="${bg}"/>`);
  out.push(`<text x="8" y="17" font-size="13" font-weight="bold" fill="${fg}">${escapeXml(title)}</text>`);
  const ticks = niceTicks(t0, t1, Math.max(2, Math.floor(width / 110)));
  out.push(`<g stroke="${grid}" stroke-width="1">`);
  for (const v of ticks.values) {
    const x = labelW + ((v - t0) / (t1 - t0)) * width;
    out.push(`<line x1="${fx(x)}" y1="${chartTop - 4}" x2="${fx(x)}" y2="${chartBottom}"/>`);
  }
  out.push('</g>');
  out.push(`<g fill="${fg}" text-anchor="middle">`);
  for (const v of ticks.values) {
    const x = labelW + ((v - t0) / (t1 - t0)) * width;
    out.push(`<text x="${fx(x)}" y="${chartTop - 8}">${escapeXml(formatTick(v, ticks.step))}</text>`);
  }
  out.push('</g>');
  out.push(...body);
  out.push(`<g fill="${fg}">`);
  items.forEach(([name, paint], k) => {
    const x = 8 + (k % legendCols) * 240;
    const ly = legendTop + Math.floor(k / legendCols) * LEGEND_ROW;
    out.push(`<rect x="${x}" y="${ly}" width="14" height="12" fill="${paint}" stroke="${grid}"/>`);
    out.push(`<text x="${x + 20}" y="${ly + 10}">${escapeXml(name)}</text>`);
  });
  out.push('</g></svg>\n');
  return out.join('\n');
}

function fill(style: StateStyle, state: number, dark: boolean): string {
  return style.pattern ? `url(#p${state})` : dark ? style.dark : style.light;
}

function patternDefs(dark: boolean): string {
  const defs: string[] = [];
  for (const s of [...LANE_STATES.cpu, ...LANE_STATES.lwp, ...LANE_STATES.thread, MIXED]) {
    const style = styleOf(s);
    if (!style?.pattern) continue;
    const base = dark ? style.dark : style.light;
    const stripe = dark ? '#000000' : '#FFFFFF';
    defs.push(
      `<pattern id="p${s}" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="${base}"/><rect width="1.3" height="4" fill="${stripe}" fill-opacity="0.55"/></pattern>`,
    );
  }
  return defs.join('');
}

function fx(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

function clampInt(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : lo;
}
