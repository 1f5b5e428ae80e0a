/**
 * The points a live engine has passed (Timeline): kept so that a backward
 * search can read the points of a stretch of the run already run instead of
 * restoring a checkpoint and replaying it, which at 10,000 threads costs a
 * copy of the whole state.
 *
 * Invariants: a stretch holds every point of the segments (after, to], in
 * the order the run made them, and nothing else (stretches may overlap: a
 * reader takes each segment from one of them); a run extends one stretch
 * at a time — the one after the checkpoint (or the run's start, -1) it ran
 * on from — and the points of segments a stretch already holds are not
 * logged twice (the run is deterministic: they are the same points); at
 * most `capacity` points are kept: past it the stretches used least
 * recently are dropped whole, and a stretch that alone would hold more
 * than a quarter of it is dropped and not extended. Points are stored as
 * numbers in one Float64Array per stretch (7 per point: no object per point
 * for the collector to trace); the thread a statement point concerns is
 * kept once per thread id, by what stays true of it in every copy of the
 * run (HitThread), never as one of an engine's objects.
 */
import type { Hit, HitThread, PointHit } from './probe';

const FIELDS = 7;

class Stretch {
  to: number;
  count = 0;
  data = new Float64Array(FIELDS * 256);
  /** Dropped: neither read nor extended. */
  dropped = false;
  constructor(readonly after: number) {
    this.to = after;
  }
}

/** The one object handed to a reader, refilled per point (copy what you keep). */
interface ReadPoint {
  seg: number;
  index: number;
  event: number;
  thread: HitThread | null;
  subject: number;
  pc: number;
  starts: number;
  time: number;
}

export class PointLog {
  /** Least recently used first. */
  private readonly stretches = new Map<number, Stretch>();
  private current: Stretch | null = null;
  private kept = 0;
  private readonly threads: HitThread[] = [];

  constructor(private readonly capacity: number) {}

  /** The live engine runs on from segment `after` (a checkpoint, or -1: the run's start). */
  begin(after: number): void {
    // The stretch left behind keeps only what it holds (its array grew by doubling).
    const left = this.current;
    if (left !== null && left.data.length > left.count * FIELDS) left.data = left.data.slice(0, left.count * FIELDS);
    let s = this.stretches.get(after);
    if (s === undefined) {
      s = new Stretch(after);
      if (this.capacity > 0) this.stretches.set(after, s);
      else s.dropped = true;
    }
    this.current = s;
  }

  /** A point the live engine has just made. */
  record(h: Hit): void {
    const s = this.current!;
    if (s.dropped || h.seg <= s.to) return;
    if (s.count >= this.capacity / 4) {
      this.drop(s);
      return;
    }
    if ((s.count + 1) * FIELDS > s.data.length) {
      // Doubling (a trimmed stretch may be extended again, even from empty).
      const grown = new Float64Array(Math.max(FIELDS * 256, s.data.length * 2));
      grown.set(s.data);
      s.data = grown;
    }
    const d = s.data;
    const b = s.count++ * FIELDS;
    d[b] = h.seg;
    d[b + 1] = h.index;
    d[b + 2] = h.event;
    d[b + 3] = h.subject;
    d[b + 4] = h.pc;
    d[b + 5] = h.starts;
    d[b + 6] = h.time;
    if (h.thread !== null) this.threads[h.thread.id] ??= { id: h.thread.id, name: h.thread.name, decl: h.thread.decl };
    if (++this.kept > this.capacity) this.forgetOldest();
  }

  /** The live engine has completed every segment up to `seg`. */
  reached(seg: number): void {
    const s = this.current!;
    if (!s.dropped && seg > s.to) s.to = seg;
  }

  /**
   * Calls `f` with every point of segments (after, to], in order, and
   * returns true — or returns false, calling nothing, if the log lacks any.
   */
  forEach(after: number, to: number, f: (p: PointHit) => void): boolean {
    // Stretches may overlap (a run may start between checkpoints): from
    // each segment on, read the stretch that reaches furthest past it.
    const parts: [Stretch, number][] = [];
    for (let at = after; at < to; ) {
      let best: Stretch | null = null;
      for (const s of this.stretches.values()) if (s.after <= at && s.to > at && (best === null || s.to > best.to)) best = s;
      if (best === null) return false;
      parts.push([best, at]);
      at = best.to;
    }
    const p: ReadPoint = { seg: 0, index: 0, event: 0, thread: null, subject: -1, pc: -1, starts: 0, time: 0 };
    for (const [s, from] of parts) {
      this.stretches.delete(s.after);
      this.stretches.set(s.after, s);
      const d = s.data;
      for (let i = 0; i < s.count; i++) {
        const b = i * FIELDS;
        if (d[b] <= from) continue;
        if (d[b] > to || d[b] > s.to) break;
        p.seg = d[b];
        p.index = d[b + 1];
        p.event = d[b + 2];
        p.subject = d[b + 3];
        p.pc = d[b + 4];
        p.starts = d[b + 5];
        p.time = d[b + 6];
        p.thread = p.event === 0 ? this.threads[p.subject] : null;
        f(p);
      }
    }
    return true;
  }

  private drop(s: Stretch): void {
    if (this.stretches.get(s.after) === s) this.stretches.delete(s.after);
    this.kept -= s.count;
    s.dropped = true;
    s.count = 0;
    s.data = new Float64Array(0);
  }

  private forgetOldest(): void {
    for (const s of this.stretches.values()) {
      if (this.kept <= this.capacity * 0.75) break;
      if (s !== this.current) this.drop(s);
    }
  }
}
