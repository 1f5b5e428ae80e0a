/**
 * Event markers as pre-rasterized sprites stamped into the frame's image
 * buffer. Building thousands of sub-paths per frame and filling them cost
 * more than all the lanes together (Skia's closePath and raster on a
 * software canvas); a sprite is drawn once per row height and pixel ratio
 * with the 2D API (so it is antialiased exactly as before) and then blended
 * into the pixel words, a few dozen word writes per marker.
 */
import { EventKind } from '../../core/sim/result';

export type MarkerShape = 'tick' | 'dot' | 'diamond' | 'square';

export const MARKER_STYLE: Readonly<Record<number, { readonly color: string; readonly shape: MarkerShape }>> = {
  [EventKind.KernelSwitch]: { color: '#D55E00', shape: 'tick' },
  [EventKind.UserSwitch]: { color: '#E69F00', shape: 'tick' },
  [EventKind.Upcall]: { color: '#CC79A7', shape: 'dot' },
  [EventKind.ThreadCreate]: { color: '#0072B2', shape: 'diamond' },
  [EventKind.LwpCreate]: { color: '#0072B2', shape: 'diamond' },
  [EventKind.Sigwaiting]: { color: '#D55E00', shape: 'square' },
  [EventKind.Handoff]: { color: '#009E73', shape: 'square' },
};

/** Event kinds are small integers; one slot per kind in the per-lane dedup table. */
export const KIND_SLOTS = 16;

/** One kind's sprite: covered pixels as (dx, dy) from the anchor, with their coverage. */
interface Sprite {
  readonly dx: Int16Array;
  readonly dy: Int16Array;
  readonly alpha: Uint8Array;
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Marker size in CSS px for a row height (as the 2D-path markers had it). */
export function markerSize(rowHeight: number): number {
  return Math.max(3, Math.min(5, rowHeight / 4));
}

export function traceShape(ctx: CanvasRenderingContext2D, kind: MarkerShape, x: number, y: number, s: number): void {
  switch (kind) {
    case 'tick':
      ctx.moveTo(x - s, y);
      ctx.lineTo(x + s, y);
      ctx.lineTo(x, y + s * 1.4);
      ctx.closePath();
      break;
    case 'dot':
      ctx.moveTo(x + s, y + s);
      ctx.arc(x, y + s, s, 0, Math.PI * 2);
      break;
    case 'diamond':
      ctx.moveTo(x, y);
      ctx.lineTo(x + s, y + s);
      ctx.lineTo(x, y + 2 * s);
      ctx.lineTo(x - s, y + s);
      ctx.closePath();
      break;
    case 'square':
      ctx.rect(x - s, y, 2 * s, 2 * s);
      break;
  }
}

export class MarkerSprites {
  private readonly sprites: (Sprite | null)[] = new Array<Sprite | null>(KIND_SLOTS).fill(null);
  private key = '';

  /** Re-rasterizes the sprites when the row height or pixel ratio changed. */
  prepare(rowHeight: number, dpr: number): void {
    const key = `${rowHeight}|${dpr}`;
    if (key === this.key) return;
    this.key = key;
    const s = markerSize(rowHeight);
    const pad = 1;
    const size = Math.ceil((2 * s + 2 * pad) * dpr) + 1;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    // Anchor (the marker's x and row top) at device pixel (ax, ay) of the scratch canvas.
    const ax = Math.round((s + pad) * dpr);
    const ay = Math.round(pad * dpr);
    for (const [kindText, style] of Object.entries(MARKER_STYLE)) {
      const kind = Number(kindText);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, size, size);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = style.color;
      ctx.beginPath();
      traceShape(ctx, style.shape, ax / dpr, ay / dpr, s);
      ctx.fill();
      const d = ctx.getImageData(0, 0, size, size).data;
      const dx: number[] = [];
      const dy: number[] = [];
      const alpha: number[] = [];
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const a = d[(y * size + x) * 4 + 3];
          if (a === 0) continue;
          dx.push(x - ax);
          dy.push(y - ay);
          alpha.push(a);
        }
      }
      const hex = style.color;
      this.sprites[kind] = {
        dx: Int16Array.from(dx),
        dy: Int16Array.from(dy),
        alpha: Uint8Array.from(alpha),
        r: parseInt(hex.slice(1, 3), 16),
        g: parseInt(hex.slice(3, 5), 16),
        b: parseInt(hex.slice(5, 7), 16),
      };
    }
  }

  /** Blends the sprite of `kind` into `words` (width `w`, height `h`, opaque RGBA words) anchored at device pixel (x, y). */
  stamp(words: Uint32Array, w: number, h: number, kind: number, x: number, y: number): void {
    const sp = this.sprites[kind];
    if (!sp) return;
    const { dx, dy, alpha, r, g, b } = sp;
    for (let i = 0; i < alpha.length; i++) {
      const px = x + dx[i];
      const py = y + dy[i];
      if (px < 0 || px >= w || py < 0 || py >= h) continue;
      const o = py * w + px;
      const a = alpha[i];
      if (a === 255) {
        words[o] = 0xff000000 | (b << 16) | (g << 8) | r;
        continue;
      }
      const d = words[o];
      const na = 255 - a;
      const or = (r * a + (d & 255) * na + 127) / 255;
      const og = (g * a + ((d >>> 8) & 255) * na + 127) / 255;
      const ob = (b * a + ((d >>> 16) & 255) * na + 127) / 255;
      words[o] = (0xff000000 | (ob << 16) | (og << 8) | or) >>> 0;
    }
  }
}
