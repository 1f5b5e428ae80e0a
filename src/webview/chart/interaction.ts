/**
 * Pointer, wheel and keyboard gestures on the chart canvas, turned into view
 * changes (chart.setView / setScroll) and clicks.
 *
 * Wheel: Ctrl/⌘ + wheel or a trackpad pinch zooms at the pointer; Shift +
 * wheel or a horizontal wheel pans; a plain vertical wheel scrolls the lanes,
 * or zooms when every lane already fits. Drag pans in both directions; two
 * touch pointers pinch-zoom. Keys: + / = / W zoom in, - / S zoom out,
 * ← → / A D pan, ↑ ↓ scroll a lane, 0 / F / Home fit, Escape clears the
 * selection, Enter reveals the selected interval's statement. The label
 * column's edge drags to resize it; a double click there fits it again.
 */
import { MIN_LABEL_W, type GanttChart, type Hit } from './chart';
import { fitView, panBy, zoomAt } from './view';

export interface InteractionHandlers {
  readonly onClick: (hit: Hit | null) => void;
  readonly onHover: (hit: Hit | null, clientX: number, clientY: number) => void;
  readonly onEscape: () => void;
  readonly onEnter: () => void;
}

/** A click is a press and release that moved less than this many pixels. */
const CLICK_SLOP = 4;
/** The label column's edge can be grabbed this many pixels either side of it. */
const EDGE_GRAB = 4;

export function attachInteraction(chart: GanttChart, h: InteractionHandlers): void {
  const canvas = chart.canvas;
  const pointers = new Map<number, { x: number; y: number }>();
  let drag: { x: number; y: number; t0: number; t1: number; scroll: number; moved: boolean } | null = null;
  let pinchDist = 0;
  /** Dragging the label column's edge (widths in CSS px). */
  let edgeDrag: { x: number; w: number } | null = null;
  const onEdge = (p: { x: number; y: number }): boolean => Math.abs(p.x - chart.labelW) <= EDGE_GRAB;

  const local = (e: { clientX: number; clientY: number }): { x: number; y: number } => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const zoom = (factor: number, x?: number): void => {
    const v = chart.view;
    const anchor = x !== undefined && x >= chart.labelW ? chart.timeAt(x) : (v.t0 + v.t1) / 2;
    chart.setView(zoomAt(v, anchor, factor, chart.fullTime, chart.columns()));
  };
  const pan = (fraction: number): void => {
    const v = chart.view;
    chart.setView(panBy(v, (v.t1 - v.t0) * fraction, chart.fullTime, chart.columns()));
  };

  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const { x } = local(e);
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const dx = e.deltaX * unit;
      const dy = e.deltaY * unit;
      if (e.ctrlKey || e.metaKey) {
        zoom(Math.exp(dy * 0.01), x);
      } else if (e.shiftKey || Math.abs(dx) > Math.abs(dy)) {
        const d = e.shiftKey && dx === 0 ? dy : dx;
        pan(d / chart.chartWidthCss());
      } else if (chart.maxScroll() > 0) {
        chart.setScroll(chart.scrollY + dy);
      } else {
        zoom(Math.exp(dy * 0.002), x);
      }
    },
    { passive: false },
  );

  canvas.addEventListener('pointerdown', (e) => {
    canvas.focus();
    pointers.set(e.pointerId, local(e));
    canvas.setPointerCapture(e.pointerId);
    if (pointers.size === 1 && onEdge(local(e))) {
      edgeDrag = { x: local(e).x, w: chart.labelW };
      drag = null;
    } else if (pointers.size === 1) {
      const p = local(e);
      drag = { x: p.x, y: p.y, t0: chart.view.t0, t1: chart.view.t1, scroll: chart.scrollY, moved: false };
    } else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      pinchDist = Math.hypot(a.x - b.x, a.y - b.y);
      drag = null;
    }
  });
  canvas.addEventListener('pointermove', (e) => {
    const p = local(e);
    if (pointers.has(e.pointerId)) pointers.set(e.pointerId, p);
    if (edgeDrag) {
      chart.setLabelWidth(Math.max(MIN_LABEL_W, edgeDrag.w + p.x - edgeDrag.x));
      return;
    }
    canvas.style.cursor = onEdge(p) ? 'col-resize' : '';
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      if (pinchDist > 0 && d > 0) zoom(pinchDist / d, (a.x + b.x) / 2);
      pinchDist = d;
      return;
    }
    if (drag) {
      const dx = p.x - drag.x;
      const dy = p.y - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
      drag.moved = true;
      const span = drag.t1 - drag.t0;
      chart.setView(panBy({ t0: drag.t0, t1: drag.t1 }, (-dx / chart.chartWidthCss()) * span, chart.fullTime, chart.columns()));
      chart.setScroll(drag.scroll - dy);
      h.onHover(null, e.clientX, e.clientY);
      return;
    }
    h.onHover(chart.hit(p.x, p.y), e.clientX, e.clientY);
  });
  const end = (e: PointerEvent): void => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinchDist = 0;
    if (edgeDrag) {
      edgeDrag = null;
      return;
    }
    if (drag && !drag.moved && e.type === 'pointerup') {
      const p = local(e);
      h.onClick(chart.hit(p.x, p.y));
    }
    drag = null;
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('pointerleave', (e) => h.onHover(null, e.clientX, e.clientY));

  // A double click on the label column's edge fits it to the labels again.
  canvas.addEventListener('dblclick', (e) => {
    if (onEdge(local(e))) chart.setLabelWidth(null);
  });

  canvas.addEventListener('keydown', (e) => {
    let handled = true;
    switch (e.key) {
      case '+':
      case '=':
      case 'w':
      case 'W':
        zoom(0.8);
        break;
      case '-':
      case '_':
      case 's':
      case 'S':
        zoom(1.25);
        break;
      case 'ArrowLeft':
      case 'a':
      case 'A':
        pan(-0.1);
        break;
      case 'ArrowRight':
      case 'd':
      case 'D':
        pan(0.1);
        break;
      case 'ArrowUp':
        chart.setScroll(chart.scrollY - chart.rowHeight);
        break;
      case 'ArrowDown':
        chart.setScroll(chart.scrollY + chart.rowHeight);
        break;
      case 'PageUp':
        chart.setScroll(chart.scrollY - chart.canvas.clientHeight * 0.8);
        break;
      case 'PageDown':
        chart.setScroll(chart.scrollY + chart.canvas.clientHeight * 0.8);
        break;
      case '0':
      case 'f':
      case 'F':
      case 'Home':
        chart.setView(fitView(chart.fullTime));
        break;
      case 'Escape':
        h.onEscape();
        break;
      case 'Enter':
        h.onEnter();
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  });
}
