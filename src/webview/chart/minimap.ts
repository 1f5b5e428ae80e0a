/**
 * The overview strip: the whole run at a glance (CPU lanes of the first
 * section, or every lane when there are no CPUs), with the visible window
 * outlined. Its image is laid out once per run; a view change only redraws
 * the window. Click or drag moves the view there.
 */
import { ColumnLayout } from '../../core/chart/columns';
import type { GanttChart } from './chart';
import type { ChartTheme } from './theme';

export class Minimap {
  private readonly ctx: CanvasRenderingContext2D;
  private image: ImageData | null = null;
  private cssW = 0;
  private readonly cssH = 28;
  /** The chart's label width the image was laid out for (a dragged label column lays it out again). */
  private builtFor = 0;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly chart: GanttChart,
    private theme: ChartTheme,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas unavailable');
    this.ctx = ctx;
    let dragging = false;
    const move = (e: PointerEvent): void => {
      const r = canvas.getBoundingClientRect();
      const frac = (e.clientX - r.left - chart.labelW) / (this.cssW - chart.labelW);
      const v = chart.view;
      const span = v.t1 - v.t0;
      const centre = frac * chart.fullTime;
      chart.setView({ t0: centre - span / 2, t1: centre + span / 2 });
    };
    canvas.addEventListener('pointerdown', (e) => {
      dragging = true;
      canvas.setPointerCapture(e.pointerId);
      move(e);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (dragging) move(e);
    });
    canvas.addEventListener('pointerup', () => {
      dragging = false;
    });
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.rebuild();
  }

  resize(cssW: number): void {
    this.cssW = Math.max(this.chart.labelW + 50, Math.floor(cssW));
    this.canvas.width = this.cssW;
    this.canvas.height = this.cssH;
    this.canvas.style.width = `${this.cssW}px`;
    this.canvas.style.height = `${this.cssH}px`;
    this.rebuild();
  }

  /** Lays the whole run out again (new run, theme or size). */
  rebuild(): void {
    const sec = this.chart.run[0];
    this.builtFor = this.chart.labelW;
    const w = this.cssW - this.builtFor;
    if (!sec || w <= 0) {
      this.image = null;
      this.draw();
      return;
    }
    const lanes = sec.result.trace.lanes;
    let picked = lanes.map((_, i) => i).filter((i) => lanes[i].kind === 'cpu');
    if (picked.length === 0) picked = lanes.map((_, i) => i);
    picked = picked.slice(0, this.cssH);
    const img = new ImageData(w, this.cssH);
    const words = new Uint32Array(img.data.buffer);
    words.fill(this.theme.bgWord);
    const layout = new ColumnLayout(w);
    const bandH = Math.max(1, Math.floor(this.cssH / picked.length));
    picked.forEach((lane, k) => {
      layout.layout(sec.index, lane, 0, this.chart.fullTime / w, w);
      for (let y = k * bandH; y < Math.min(this.cssH, (k + 1) * bandH); y++) {
        for (let c = 0; c < w; c++) words[y * w + c] = this.theme.base[layout.state[c]]!;
      }
    });
    this.image = img;
    this.draw();
  }

  draw(): void {
    const ctx = this.ctx;
    ctx.fillStyle = this.theme.background;
    ctx.fillRect(0, 0, this.cssW, this.cssH);
    ctx.fillStyle = this.theme.muted;
    ctx.font = this.theme.font;
    ctx.textBaseline = 'middle';
    ctx.fillText('Overview', 4, this.cssH / 2);
    if (!this.image) return;
    if (this.builtFor !== this.chart.labelW) {
      this.rebuild();
      return;
    }
    const LABEL_W = this.builtFor;
    ctx.putImageData(this.image, LABEL_W, 0);
    const v = this.chart.view;
    const w = this.cssW - LABEL_W;
    const x0 = LABEL_W + (v.t0 / this.chart.fullTime) * w;
    const x1 = LABEL_W + (v.t1 / this.chart.fullTime) * w;
    ctx.fillStyle = this.theme.dark ? 'rgba(0,0,0,0.45)' : 'rgba(255,255,255,0.6)';
    ctx.fillRect(LABEL_W, 0, x0 - LABEL_W, this.cssH);
    ctx.fillRect(x1, 0, this.cssW - x1, this.cssH);
    ctx.strokeStyle = this.theme.focus;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 + 1, 1, Math.max(2, x1 - x0 - 2), this.cssH - 2);
  }
}
