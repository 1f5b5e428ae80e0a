/**
 * The Gantt chart as one standalone SVG (`lwp export --format svg`, and
 * Export → SVG in the panel). The same per-column level of detail as the
 * interactive chart keeps the file bounded by lanes × width, not by the
 * number of intervals: adjacent columns of one state become one rectangle.
 */
import type { RunResult } from '../sim/result';
import { formatDuration } from '../units';
import { ColumnLayout } from '../chart/columns';
import { escapeXml } from './escape';
import { buildLaneIndex, type LaneIndex } from '../chart/laneIndex';
import { LANE_STATES, MIXED, styleOf, type StateStyle } from '../chart/palette';
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
}

const LABEL_W = 200;
const AXIS_H = 24;
const HEADER_H = 26;
const LEGEND_ROW = 18;

export function toSvg(result: Pick<RunResult, 'trace'> & Partial<Pick<RunResult, 'status' | 'makespan'>>, options: SvgOptions = {}): string {
  const trace = result.trace;
  const width = clampInt(options.width ?? 1200, 100, 20_000);
  const laneH = clampInt(options.laneHeight ?? 14, 4, 60);
  const dark = options.theme === 'dark';
  const fg = dark ? '#CCCCCC' : '#1F1F1F';
  const bg = dark ? '#1E1E1E' : '#FFFFFF';
  const grid = dark ? '#3A3A3A' : '#E0E0E0';
  const ix = options.index ?? buildLaneIndex(trace);
  const endTime = Math.max(trace.endTime, 1);
  const [t0, t1] = options.range && options.range[1] > options.range[0] ? options.range : [0, endTime];
  const nsPerCol = (t1 - t0) / width;
  const lanes = trace.lanes;
  const chartTop = HEADER_H + AXIS_H;
  const legendStates = [...LANE_STATES.cpu, ...LANE_STATES.lwp, ...LANE_STATES.thread, MIXED];
  const legendCols = 4;
  const legendTop = chartTop + lanes.length * laneH + 12;
  const height = legendTop + Math.ceil(legendStates.length / legendCols) * LEGEND_ROW + 8;
  const totalW = LABEL_W + width + 10;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${height}" viewBox="0 0 ${totalW} ${height}" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<defs>${patternDefs(dark)}</defs>`);
  out.push(`<rect width="100%" height="100%" fill="${bg}"/>`);
  const title = options.title ?? 'LWP Lab run';
  const summary = result.status ? ` — ${result.status}, makespan ${formatDuration(result.makespan ?? trace.endTime)}` : '';
  out.push(`<text x="8" y="17" font-size="13" font-weight="bold" fill="${fg}">${escapeXml(title + summary)}</text>`);

  const ticks = niceTicks(t0, t1, Math.max(2, Math.floor(width / 110)));
  out.push(`<g stroke="${grid}" stroke-width="1">`);
  for (const v of ticks.values) {
    const x = LABEL_W + ((v - t0) / (t1 - t0)) * width;
    out.push(`<line x1="${fx(x)}" y1="${chartTop - 4}" x2="${fx(x)}" y2="${chartTop + lanes.length * laneH}"/>`);
  }
  out.push('</g>');
  out.push(`<g fill="${fg}" text-anchor="middle">`);
  for (const v of ticks.values) {
    const x = LABEL_W + ((v - t0) / (t1 - t0)) * width;
    out.push(`<text x="${fx(x)}" y="${chartTop - 8}">${escapeXml(formatTick(v, ticks.step))}</text>`);
  }
  out.push('</g>');

  const layout = new ColumnLayout(width);
  out.push(`<g shape-rendering="crispEdges">`);
  for (let l = 0; l < lanes.length; l++) {
    const y = chartTop + l * laneH;
    const lane = lanes[l];
    out.push(`<text x="${LABEL_W - 6}" y="${y + laneH - 3}" text-anchor="end" fill="${fg}">${escapeXml(lane.label)}</text>`);
    layout.layout(ix, l, t0, nsPerCol, width);
    let c = 0;
    while (c < width) {
      const s = layout.state[c];
      let e = c + 1;
      while (e < width && layout.state[e] === s) e++;
      const style = styleOf(s);
      if (style) out.push(`<rect x="${LABEL_W + c}" y="${y + 1}" width="${e - c}" height="${laneH - 2}" fill="${fill(style, s, dark)}"/>`);
      c = e;
    }
  }
  out.push('</g>');

  out.push(`<g fill="${fg}">`);
  legendStates.forEach((s, k) => {
    const style = styleOf(s)!;
    const x = 8 + (k % legendCols) * 220;
    const y = legendTop + Math.floor(k / legendCols) * LEGEND_ROW;
    out.push(`<rect x="${x}" y="${y}" width="14" height="12" fill="${fill(style, s, dark)}" stroke="${grid}"/>`);
    out.push(`<text x="${x + 20}" y="${y + 10}">${escapeXml(legendName(s, style))}</text>`);
  });
  out.push('</g></svg>\n');
  return out.join('\n');
}

function legendName(s: number, style: StateStyle): string {
  if (s === MIXED) return style.label;
  const kind = LANE_STATES.cpu.some((x) => x === s) ? 'CPU' : LANE_STATES.lwp.some((x) => x === s) ? 'LWP' : 'thread';
  return `${kind}: ${style.label}`;
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
