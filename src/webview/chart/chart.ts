/**
 * The Gantt renderer: Canvas2D with per-pixel level of detail. Each frame,
 * for every visible lane, the pure layout step (core/chart/columns) turns
 * the time range into pixel columns; the columns are written as RGBA words
 * into one ImageData, which is put on the canvas once. Labels, the axis and
 * event markers are stamped into the same buffer as pre-rasterized sprites;
 * the label column is a cached layer, redrawn only when rows, scroll, size,
 * theme or selection change. Buffers are sized on resize and on new data, so
 * a pan or zoom frame allocates nothing and issues a handful of canvas calls.
 */
import { ColumnLayout } from '../../core/chart/columns';
import { intervalAt } from '../../core/chart/laneIndex';
import { adoptLaneLods, laneLod } from '../../core/chart/lod';
import { MIXED, mixHex, rgbaWord, RUNNING_STATES, styleOf, threadPalette } from '../../core/chart/palette';
import { presentStates } from './present';
import { formatTick, niceTicks } from '../../core/chart/ticks';
import { State } from '../../core/sim/result';
import type { ColourBy } from '../../shared/protocol';
import type { RunSection } from '../workerProtocol';
import { KIND_SLOTS, MARKER_STYLE, MarkerSprites } from './markers';
import { buildRows, type Row } from './rows';
import type { ChartTheme } from './theme';
import { clampView, fitView, type TimeView } from './view';

/** The label column's width bounds, CSS px: it fits its longest label within them, or the width the user dragged it to. */
export const MIN_LABEL_W = 90;
export const MAX_LABEL_FRACTION = 0.6;
export const AXIS_H = 26;
export const DEFAULT_ROW_H = 18;
/** Left padding of lane labels and of group headers in the label column, CSS px. */
const LANE_INDENT = 14;
const HEADER_INDENT = 4;
const NO_SLOTS = new Int32Array(0);
/** Markers are skipped for a frame that would have to walk more events than this (zoom in to see them). */
export const MAX_MARKER_EVENTS_PER_FRAME = 200_000;

export interface Hit {
  readonly row: number;
  readonly section: number;
  readonly lane: number;
  /** Time under the pointer, ns. */
  readonly t: number;
  /** Sorted position of the interval under the pointer in its section's lane index, or -1. */
  readonly pos: number;
  /** The column under the pointer is MIXED (several intervals share the pixel). */
  readonly mixed: boolean;
}

export class GanttChart {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private sections: readonly RunSection[] = [];
  rows: readonly Row[] = [];
  private endTime = 1;
  view: TimeView = { t0: 0, t1: 1 };
  scrollY = 0;
  rowHeight = DEFAULT_ROW_H;
  showMarkers = true;
  /** 'thread': pixels running user code take their thread's colour (theme.threadBase) instead of the state's. */
  colourBy: ColourBy = 'state';
  /** Per section: the thread id to emphasise (others dimmed), or -1. */
  private selectedIds: Int32Array = new Int32Array(0);
  selectedLabel: string | null = null;
  /** Statement start offset whose intervals are outlined, or -1. */
  highlightSrc = -1;
  /** A debug session's time (ns): a cursor there, the future greyed; null: none. */
  debugTime: number | null = null;
  private theme: ChartTheme;
  private dpr = 1;
  private cssW = 0;
  private cssH = 0;
  private image: ImageData | null = null;
  private words: Uint32Array = new Uint32Array(0);
  private layout = new ColumnLayout(1);
  private variants: Uint32Array[] = [];
  private hl: Uint8Array = new Uint8Array(0);
  /** Per lane (× KIND_SLOTS): the 3-px column of the last marker stamped, to draw one per column. */
  private lastMarkerCol: Int32Array = new Int32Array(0);
  /** Lane → visible row for the section being marked, or -1. */
  private laneRow: Int32Array = new Int32Array(0);
  private readonly sprites = new MarkerSprites();
  private labelCache: string[] = [];
  /** The label column, drawn once per change of what it shows and copied each frame. */
  private labelLayer: HTMLCanvasElement | null = null;
  private labelKey: readonly unknown[] = [];
  private frameRequested = false;
  /**
   * False for the first frame of new data that came without the worker's
   * summaries (`RunSection.lod`): it is laid out by the exact scan, and the
   * per-lane LOD summaries are built afterwards in idle slices (or on demand
   * by the next coarse frame), so a new run shows without waiting for them.
   */
  private lodAllowed = false;
  private lodGeneration = 0;
  /** Duration of the last frame, ms (shown nowhere; read by the benchmark). */
  lastFrameMs = 0;
  onViewChange: (() => void) | null = null;
  /** Called when what the legend must show changed: the states on screen, or the threads' colours. */
  onLegendChange: (() => void) | null = null;
  /** Width of the label column, CSS px. */
  labelW = MIN_LABEL_W;
  /** The width the user dragged the label column to, or null to fit the labels. */
  private userLabelW: number | null = null;
  /** Width the longest label needs, CSS px (measured on new data). */
  private neededLabelW = MIN_LABEL_W;
  /** Trace states the shown runs contain (the legend shows only these). */
  presentStates: ReadonlySet<number> = new Set();
  /** The last frame drew a MIXED column (the legend then explains the grey hatch). */
  mixedShown = false;
  /** Colour by thread: per section, thread id → slot in threadWords (-1: none). */
  private threadSlots: Int32Array[] = [];
  private threadWords: Uint32Array = new Uint32Array(1);
  private threadDimWords: Uint32Array = new Uint32Array(1);
  /** Colour by thread: each thread's label and colour, in slot order (the legend's key). */
  threadKey: readonly { readonly label: string; readonly colour: string }[] = [];

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme) {
    this.canvas = canvas;
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This webview cannot draw on a canvas (2D context unavailable).');
    this.ctx = ctx;
    this.theme = theme;
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.labelCache = [];
    this.assignThreadColours();
    this.measureLabels();
    this.requestRender();
  }

  /**
   * Threads' colours for "Colour: thread": one slot per thread label, in
   * order of first appearance over the sections (the same thread has the same
   * colour in every compared run), coloured apart from each other and from
   * every state colour the runs show.
   */
  private assignThreadColours(): void {
    const slotOf = new Map<string, number>();
    this.threadSlots = this.sections.map((sec) => {
      const lanes = sec.result.trace.lanes;
      let maxId = 0;
      for (const l of lanes) if (l.kind === 'thread') maxId = Math.max(maxId, l.id);
      const slots = new Int32Array(maxId + 1).fill(-1);
      for (const l of lanes) {
        if (l.kind !== 'thread') continue;
        let k = slotOf.get(l.label);
        if (k === undefined) slotOf.set(l.label, (k = slotOf.size));
        slots[l.id] = k;
      }
      return slots;
    });
    const dark = this.theme.dark;
    const avoid = [this.theme.background];
    for (const s of this.presentStates) {
      const style = styleOf(s);
      if (style && !style.blank && !RUNNING_STATES.has(s)) avoid.push(dark ? style.dark : style.light);
    }
    const colours = threadPalette(slotOf.size, avoid);
    this.threadKey = [...slotOf.keys()].map((label, k) => ({ label, colour: colours[k] }));
    this.threadWords = Uint32Array.from(colours.length ? colours : ['#000000'], (c) => rgbaWord(c));
    this.threadDimWords = Uint32Array.from(colours.length ? colours : ['#000000'], (c) => rgbaWord(mixHex(c, this.theme.background, 0.72)));
  }

  /** Colour of a thread (global id) of a section under "Colour: thread", or null. */
  threadColourOf(section: number, id: number): string | null {
    const slot = this.threadSlots[section]?.[id] ?? -1;
    return slot >= 0 ? (this.threadKey[slot]?.colour ?? null) : null;
  }

  /** Sizes the label column to its longest label (a sample of the longest texts when there are thousands of rows). */
  private measureLabels(): void {
    const ctx = this.ctx;
    const texts: [string, number][] = [];
    for (const row of this.rows) {
      // Header rows span the whole width (their lanes are empty), so only lane labels size the column.
      if (row.kind === 'lane') texts.push([row.info.label, LANE_INDENT + 6]);
    }
    const sample = texts.length > 400 ? [...texts].sort((a, b) => b[0].length - a[0].length).slice(0, 200) : texts;
    let need = MIN_LABEL_W;
    ctx.font = this.theme.font;
    for (const [text, pad] of sample) need = Math.max(need, Math.ceil(ctx.measureText(text).width) + pad);
    this.neededLabelW = need;
    this.applyLabelWidth();
  }

  /** The label column's width for the current size: the dragged width, or what the labels need, within bounds. */
  private applyLabelWidth(): void {
    const w = this.widthFor(this.cssW);
    if (w === this.labelW || this.cssW === 0) return;
    // The canvas keeps its size: only the time area's buffers change, and the next frame paints both parts.
    this.labelW = w;
    this.canvas.dataset.labelWidth = String(w);
    this.allocateTimeArea();
    this.requestRender();
  }

  private widthFor(cssW: number): number {
    const max = Math.max(MIN_LABEL_W, Math.floor(Math.max(cssW, 1) * MAX_LABEL_FRACTION));
    return Math.round(Math.min(max, Math.max(MIN_LABEL_W, this.userLabelW ?? this.neededLabelW)));
  }

  /** The user dragged the label column's edge to `w` CSS px (null: fit the labels again). */
  setLabelWidth(w: number | null): void {
    this.userLabelW = w;
    this.applyLabelWidth();
    this.onViewChange?.();
  }

  get draggedLabelWidth(): number | null {
    return this.userLabelW;
  }

  /** New runs. `keepView` keeps the time range, scroll and selection (live re-run while typing). */
  setData(sections: readonly RunSection[], keepView: boolean): void {
    const wasFit = this.sections.length === 0 || this.view.t1 - this.view.t0 >= this.endTime;
    this.sections = sections;
    this.rows = buildRows(sections);
    this.presentStates = presentStates(sections);
    this.assignThreadColours();
    this.endTime = Math.max(1, ...sections.map((s) => s.result.trace.endTime));
    this.labelCache = [];
    const maxLanes = Math.max(1, ...sections.map((s) => s.result.trace.lanes.length));
    this.lastMarkerCol = new Int32Array(maxLanes * KIND_SLOTS);
    this.laneRow = new Int32Array(maxLanes);
    this.view = keepView && !wasFit ? clampView(this.view, this.endTime, this.columns()) : fitView(this.endTime);
    if (!keepView) this.scrollY = 0;
    this.scrollY = Math.min(this.scrollY, this.maxScroll());
    this.setSelectedLabel(this.selectedLabel);
    // With the worker's summaries the first frame folds them (O(pixels)); without, it scans exactly and they are built after.
    let haveLod = sections.length > 0;
    for (const s of sections) if (!s.lod || !adoptLaneLods(s.index, s.lod)) haveLod = false;
    this.lodAllowed = haveLod;
    this.lodGeneration++;
    this.measureLabels();
    this.onLegendChange?.();
    this.requestRender();
  }

  /** Builds the LOD summaries of every lane in slices of about 8 ms, stopping if the data changes. */
  private prebuildLod(): void {
    const gen = this.lodGeneration;
    const jobs: [RunSection, number][] = [];
    for (const sec of this.sections) for (let l = 0; l < sec.index.laneCount; l++) jobs.push([sec, l]);
    let next = 0;
    const slice = (): void => {
      if (gen !== this.lodGeneration) return;
      const until = performance.now() + 8;
      while (next < jobs.length && performance.now() < until) {
        const [sec, lane] = jobs[next++];
        laneLod(sec.index, lane);
      }
      if (next < jobs.length) setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  }

  get run(): readonly RunSection[] {
    return this.sections;
  }

  get fullTime(): number {
    return this.endTime;
  }

  setSelectedLabel(label: string | null): void {
    this.selectedLabel = label;
    this.selectedIds = new Int32Array(this.sections.length).fill(-1);
    if (label !== null) {
      this.sections.forEach((s, i) => {
        const lane = s.result.trace.lanes.find((l) => l.kind === 'thread' && l.label === label);
        if (lane) this.selectedIds[i] = lane.id;
      });
    }
    this.requestRender();
  }

  resize(cssW: number, cssH: number, dpr: number): void {
    this.labelW = this.widthFor(cssW);
    this.canvas.dataset.labelWidth = String(this.labelW);
    this.cssW = Math.max(this.labelW + 50, Math.floor(cssW));
    this.cssH = Math.max(AXIS_H + 20, Math.floor(cssH));
    this.dpr = Math.max(1, Math.min(3, dpr || 1));
    this.canvas.width = Math.round(this.cssW * this.dpr);
    this.canvas.height = Math.round(this.cssH * this.dpr);
    this.canvas.style.width = `${this.cssW}px`;
    this.canvas.style.height = `${this.cssH}px`;
    this.allocateTimeArea();
    // Setting the canvas size cleared it. Paint now, not on the next animation frame: resize runs in a
    // ResizeObserver callback, after this frame's animation callbacks, so waiting would show a blank frame.
    this.render();
  }

  /** Sizes the frame buffers to the time area (after a resize, or a new label column width). */
  private allocateTimeArea(): void {
    const w = this.chartWidthPx();
    const h = this.canvas.height - Math.round(AXIS_H * this.dpr);
    this.image = new ImageData(w, Math.max(1, h));
    this.words = new Uint32Array(this.image.data.buffer);
    this.layout = new ColumnLayout(w);
    this.variants = [0, 1, 2, 3].map(() => new Uint32Array(w));
    this.hl = new Uint8Array(w);
    this.view = clampView(this.view, this.endTime, w);
    this.scrollY = Math.min(this.scrollY, this.maxScroll());
    this.labelCache = [];
  }

  /** Time-area width in device pixels: one layout column per device pixel. */
  chartWidthPx(): number {
    return Math.max(1, this.canvas.width - Math.round(this.labelW * this.dpr));
  }

  /** Time-area width in CSS pixels. */
  chartWidthCss(): number {
    return this.cssW - this.labelW;
  }

  columns(): number {
    return this.chartWidthPx();
  }

  maxScroll(): number {
    return Math.max(0, this.rows.length * this.rowHeight - (this.cssH - AXIS_H));
  }

  setView(v: TimeView): void {
    this.view = clampView(v, this.endTime, this.columns());
    this.requestRender();
    this.onViewChange?.();
  }

  setScroll(y: number): void {
    this.scrollY = Math.min(Math.max(0, y), this.maxScroll());
    this.requestRender();
    this.onViewChange?.();
  }

  /** Time at a CSS x coordinate of the canvas. */
  timeAt(x: number): number {
    return this.view.t0 + ((x - this.labelW) / this.chartWidthCss()) * (this.view.t1 - this.view.t0);
  }

  xOf(t: number): number {
    return this.labelW + ((t - this.view.t0) / (this.view.t1 - this.view.t0)) * this.chartWidthCss();
  }

  rowAt(y: number): number {
    if (y < AXIS_H) return -1;
    const r = Math.floor((y - AXIS_H + this.scrollY) / this.rowHeight);
    return r >= 0 && r < this.rows.length ? r : -1;
  }

  /** Top of a row in CSS pixels (may be off screen). */
  rowTop(r: number): number {
    return AXIS_H + r * this.rowHeight - this.scrollY;
  }

  hit(x: number, y: number): Hit | null {
    const r = this.rowAt(y);
    const row = this.rows[r];
    if (!row || row.kind !== 'lane' || x < this.labelW) return null;
    const t = this.timeAt(x);
    const sec = this.sections[row.section];
    const pos = intervalAt(sec.index, row.lane, t);
    const col = Math.floor((x - this.labelW) * this.dpr);
    this.layout.layout(sec.index, row.lane, this.view.t0, (this.view.t1 - this.view.t0) / this.columns(), this.columns());
    const mixed = this.layout.state[col] === 255;
    return { row: r, section: row.section, lane: row.lane, t, pos, mixed };
  }

  requestRender(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.render();
    });
  }

  /** Draws the frame now. */
  render(): void {
    const t0 = performance.now();
    const ctx = this.ctx;
    const dpr = this.dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    // The image covers the time area and the label layer the rest, so only an empty chart needs a background fill.
    if (this.image && this.sections.length) {
      this.layout.lod = this.lodAllowed;
      this.paintLanes();
      if (!this.lodAllowed) {
        this.lodAllowed = true;
        this.prebuildLod();
      }
    } else {
      ctx.fillStyle = this.theme.background;
      ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    }
    ctx.drawImage(this.labels(), 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.drawHeaderTexts();
    this.drawAxis();
    this.drawSelectionOutline();
    this.lastFrameMs = performance.now() - t0;
  }

  private paintLanes(): void {
    const img = this.image!;
    const words = this.words;
    const w = img.width;
    const h = img.height;
    const th = this.theme;
    const base = th.base;
    const alt = th.alt;
    const dimBase = th.dimBase;
    const dimAlt = th.dimAlt;
    const edgeWord = th.edge;
    const patternedState = th.patterned;
    const highlightWord = th.highlightWord;
    const hlSrc = this.highlightSrc;
    words.fill(th.bgWord);
    const dpr = this.dpr;
    const rowH = this.rowHeight * dpr;
    const scroll = this.scrollY * dpr;
    const nsPerCol = (this.view.t1 - this.view.t0) / w;
    const first = Math.max(0, Math.floor(scroll / rowH));
    const layout = this.layout;
    const st = layout.state;
    const idx = layout.index;
    const edge = layout.edge;
    const v0 = this.variants[0];
    const v1 = this.variants[1];
    const v2 = this.variants[2];
    const v3 = this.variants[3];
    const hl = this.hl;
    const byThread = this.colourBy === 'thread';
    const threadBase = this.threadWords;
    const threadDim = this.threadDimWords;
    let mixedShown = false;
    const gap = Math.max(1, Math.round(dpr * 2));
    const rows = this.rows;
    for (let r = first; r < rows.length; r++) {
      const top = Math.round(r * rowH - scroll);
      if (top >= h) break;
      const row = rows[r];
      if (row.kind !== 'lane') continue;
      const sec = this.sections[row.section];
      const ix = sec.index;
      const thread = ix.thread;
      const order = ix.order;
      const src = sec.result.trace.src;
      const sel = this.selectedIds[row.section] ?? -1;
      const slots = this.threadSlots[row.section] ?? NO_SLOTS;
      layout.layout(ix, row.lane, this.view.t0, nsPerCol, w);
      let patterned = false;
      let anyHl = false;
      for (let c = 0; c < w; c++) {
        const s = st[c];
        const p = idx[c];
        const dim = sel >= 0 && (p < 0 || thread[p] !== sel);
        const e = edge[c] !== 0 && s !== 0;
        // Colour by thread: user code (a CPU in user mode, a running LWP or thread) shows who ran; every other state keeps its state colour.
        const slot = byThread && p >= 0 && (s === State.CpuUser || s === State.LwpRunning || s === State.ThreadRunning) ? (slots[thread[p]] ?? -1) : -1;
        if (s === MIXED) mixedShown = true;
        const b = e ? edgeWord[s] : slot >= 0 ? (dim ? threadDim : threadBase)[slot] : dim ? dimBase[s] : base[s];
        if (patternedState[s] !== 0 && !e) {
          patterned = true;
          const a = dim ? dimAlt[s] : alt[s];
          // Diagonal hatch: stripe where (x + y) % 4 == 0, y picked per row below.
          v0[c] = (c & 3) === 0 ? a : b;
          v1[c] = (c + 1) & 3 ? b : a;
          v2[c] = (c + 2) & 3 ? b : a;
          v3[c] = (c + 3) & 3 ? b : a;
        } else {
          v0[c] = b;
          v1[c] = b;
          v2[c] = b;
          v3[c] = b;
        }
        if (hlSrc >= 0) {
          const isHl = p >= 0 && src[order[p]] === hlSrc ? 1 : 0;
          hl[c] = isHl;
          if (isHl) anyHl = true;
        }
      }
      const y0 = Math.max(0, top + 1);
      const y1 = Math.min(h, Math.round((r + 1) * rowH - scroll) - gap + 1);
      for (let y = y0; y < y1; y++) {
        const off = y * w;
        const k = patterned ? y & 3 : 0;
        words.set(k === 0 ? v0 : k === 1 ? v1 : k === 2 ? v2 : v3, off);
        if (anyHl && (y - y0 < 2 || y1 - y <= 2)) {
          for (let c = 0; c < w; c++) if (hl[c]) words[off + c] = highlightWord;
        }
      }
    }
    if (mixedShown !== this.mixedShown) {
      this.mixedShown = mixedShown;
      this.onLegendChange?.();
    }
    if (this.showMarkers) this.stampMarkers(words, w, h);
    this.ctx.putImageData(img, Math.round(this.labelW * dpr), Math.round(AXIS_H * dpr));
    if (this.debugTime !== null) this.drawDebugTime(this.debugTime);
  }

  /** The debugger's time: the future (right of it) greyed, a line at it. */
  private drawDebugTime(t: number): void {
    const left = this.labelW;
    const right = left + this.chartWidthCss();
    const x = Math.max(left, Math.min(right, this.xOf(t)));
    const ctx = this.ctx;
    ctx.save();
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.globalAlpha = 0.55;
    ctx.fillStyle = this.theme.background;
    ctx.fillRect(x, AXIS_H, right - x, this.cssH - AXIS_H);
    ctx.globalAlpha = 1;
    ctx.fillStyle = this.theme.foreground;
    ctx.fillRect(Math.round(x) - 1, AXIS_H, 2, this.cssH - AXIS_H);
    ctx.restore();
  }

  private visibleRows(): [number, number] {
    const first = Math.max(0, Math.floor(this.scrollY / this.rowHeight));
    const last = Math.min(this.rows.length, Math.ceil((this.scrollY + this.cssH - AXIS_H) / this.rowHeight));
    return [first, last];
  }

  /** The label column as a canvas, redrawn only when something it shows changed. */
  private labels(): HTMLCanvasElement {
    const k = this.labelKey;
    let layer = this.labelLayer;
    if (layer && k[0] === this.rows && k[1] === this.scrollY && k[2] === this.rowHeight && k[3] === this.cssH && k[4] === this.dpr && k[5] === this.theme && k[6] === this.selectedLabel && k[7] === this.canvas.height && k[8] === this.labelW) return layer;
    this.labelKey = [this.rows, this.scrollY, this.rowHeight, this.cssH, this.dpr, this.theme, this.selectedLabel, this.canvas.height, this.labelW];
    if (!layer) layer = this.labelLayer = document.createElement('canvas');
    layer.width = Math.round(this.labelW * this.dpr);
    layer.height = this.canvas.height;
    const ctx = layer.getContext('2d', { alpha: false });
    if (!ctx) return layer;
    ctx.fillStyle = this.theme.background;
    ctx.fillRect(0, 0, layer.width, layer.height);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.drawLabels(ctx);
    return layer;
  }

  private drawLabels(ctx: CanvasRenderingContext2D): void {
    const th = this.theme;
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, AXIS_H, this.labelW, this.cssH - AXIS_H);
    ctx.clip();
    ctx.textBaseline = 'middle';
    const [first, last] = this.visibleRows();
    // Lane labels first, then headers: one font switch instead of one per row (each parses the font string).
    ctx.font = th.font;
    for (let r = first; r < last; r++) {
      const row = this.rows[r];
      if (row.kind !== 'lane') continue;
      const selected = row.info.kind === 'thread' && row.info.label === this.selectedLabel;
      ctx.fillStyle = selected ? th.focus : th.foreground;
      ctx.fillText(this.truncated(ctx, r, row.info.label, this.labelW - LANE_INDENT - 6), LANE_INDENT, this.rowTop(r) + this.rowHeight / 2);
    }
    ctx.strokeStyle = th.grid;
    for (let r = first; r < last; r++) {
      const row = this.rows[r];
      if (row.kind !== 'header') continue;
      ctx.beginPath();
      ctx.moveTo(0, this.rowTop(r) + 0.5);
      ctx.lineTo(this.cssW, this.rowTop(r) + 0.5);
      ctx.stroke();
    }
    ctx.restore();
  }

  private drawHeaderTexts(): void {
    const ctx = this.ctx;
    const th = this.theme;
    const [first, last] = this.visibleRows();
    // Header rows have no intervals, so their titles run across the whole width, written once and in full
    // ("LWPs — server (many-to-many)"); a run's header (compare) sits on a band.
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, AXIS_H, this.cssW, this.cssH - AXIS_H);
    ctx.clip();
    ctx.textBaseline = 'middle';
    ctx.font = `bold ${th.font}`;
    for (let r = first; r < last; r++) {
      const row = this.rows[r];
      if (row.kind !== 'header') continue;
      const top = this.rowTop(r);
      if (row.level === 0) {
        ctx.fillStyle = th.band;
        ctx.fillRect(0, top, this.cssW, this.rowHeight);
      }
      ctx.fillStyle = row.level === 0 ? th.foreground : th.muted;
      ctx.fillText(fitTitle(ctx, row.text, this.cssW - HEADER_INDENT - 4), HEADER_INDENT, top + this.rowHeight / 2);
    }
    ctx.restore();
  }

  private truncated(ctx: CanvasRenderingContext2D, r: number, text: string, max: number): string {
    const cached = this.labelCache[r];
    if (cached !== undefined) return cached;
    const out = ctx.measureText(text).width > max ? cutKeepingModel(ctx, text, max) : text;
    this.labelCache[r] = out;
    return out;
  }

  private drawAxis(): void {
    const ctx = this.ctx;
    const th = this.theme;
    ctx.fillStyle = th.background;
    ctx.fillRect(0, 0, this.cssW, AXIS_H);
    const cw = this.chartWidthCss();
    const ticks = niceTicks(this.view.t0, this.view.t1, Math.max(2, Math.floor(cw / 100)));
    ctx.strokeStyle = th.grid;
    ctx.fillStyle = th.muted;
    ctx.font = th.font;
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'center';
    ctx.beginPath();
    for (const v of ticks.values) {
      const x = Math.round(this.xOf(v)) + 0.5;
      ctx.moveTo(x, AXIS_H - 6);
      ctx.lineTo(x, AXIS_H);
    }
    ctx.moveTo(this.labelW, AXIS_H - 0.5);
    ctx.lineTo(this.cssW, AXIS_H - 0.5);
    ctx.stroke();
    for (const v of ticks.values) ctx.fillText(formatTick(v, ticks.step), this.xOf(v), AXIS_H - 9);
    ctx.textAlign = 'start';
  }

  /**
   * Event markers, one per kind per lane per 3 CSS px, stamped into the
   * image. One pass over the events in view; the lane → row table and the
   * dedup table are preallocated.
   */
  private stampMarkers(words: Uint32Array, w: number, h: number): void {
    const [first, last] = this.visibleRows();
    const dpr = this.dpr;
    this.sprites.prepare(this.rowHeight, dpr);
    const laneRow = this.laneRow;
    const lastCol = this.lastMarkerCol;
    const cw = this.chartWidthCss();
    const { t0, t1 } = this.view;
    const cssPerNs = cw / (t1 - t0);
    for (let s = 0; s < this.sections.length; s++) {
      const t = this.sections[s].result.trace;
      if (t.eventCount === 0) continue;
      laneRow.fill(-1);
      let any = false;
      for (let r = first; r < last; r++) {
        const row = this.rows[r];
        if (row.kind === 'lane' && row.section === s) {
          laneRow[row.lane] = r;
          any = true;
        }
      }
      if (!any) continue;
      const times = t.eventTime;
      let lo = 0;
      let hi = t.eventCount;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid] < t0) lo = mid + 1;
        else hi = mid;
      }
      let end = lo;
      while (end < t.eventCount && times[end] <= t1 && end - lo <= MAX_MARKER_EVENTS_PER_FRAME) end++;
      if (end - lo > MAX_MARKER_EVENTS_PER_FRAME) continue;
      lastCol.fill(-1);
      const kinds = t.eventKind;
      const lanes = t.eventLane;
      for (let i = lo; i < end; i++) {
        const kind = kinds[i];
        if (kind >= KIND_SLOTS || MARKER_STYLE[kind] === undefined) continue;
        const lane = lanes[i];
        const r = lane < laneRow.length ? laneRow[lane] : -1;
        if (r < 0) continue;
        const x = (times[i] - t0) * cssPerNs;
        const col = Math.round((x + this.labelW) / 3);
        const slot = lane * KIND_SLOTS + kind;
        if (lastCol[slot] === col) continue;
        lastCol[slot] = col;
        this.sprites.stamp(words, w, h, kind, Math.round(x * dpr), Math.round((r * this.rowHeight - this.scrollY) * dpr));
      }
    }
  }

  private drawSelectionOutline(): void {
    if (this.selectedLabel === null) return;
    const ctx = this.ctx;
    const [first, last] = this.visibleRows();
    ctx.strokeStyle = this.theme.focus;
    ctx.lineWidth = 1;
    for (let r = first; r < last; r++) {
      const row = this.rows[r];
      if (row.kind === 'lane' && row.info.kind === 'thread' && row.info.label === this.selectedLabel) {
        ctx.strokeRect(0.5, this.rowTop(r) + 0.5, this.cssW - 1, this.rowHeight - 1);
      }
    }
  }
}

/**
 * A header title in `max` px. Too long, it loses its middle parts first
 * (`a · b · c` → `a · … · c`), then the end of its first part before a
 * trailing "(…)", so the model and the makespan stay readable longest.
 */
export function fitTitle(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  const parts = text.split(' · ');
  while (parts.length > 2) {
    parts.splice(parts.length - 2, 1);
    const t = [...parts.slice(0, -1), '…', parts[parts.length - 1]].join(' · ');
    if (ctx.measureText(t).width <= max) return t;
  }
  return cutKeepingModel(ctx, text, max);
}

/**
 * The longest `head…(tail)` of `text` that fits in `max` px: a label or title
 * ending with its model, "(many-to-many)", is cut before it, never in it.
 */
function cutKeepingModel(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  const paren = text.endsWith(')') ? text.lastIndexOf(' (') : -1;
  const keep = paren > 0 ? text.slice(paren) : '';
  const head = paren > 0 ? text.slice(0, paren) : text;
  let lo = 0;
  let hi = head.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(head.slice(0, mid) + '…' + keep).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return head.slice(0, lo) + '…' + keep;
}
