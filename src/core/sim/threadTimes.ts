/**
 * Part of the trace side (see traceBuilder.ts): each thread's time per
 * category in a run without a trace, where threads have no lanes.
 *
 * Invariants: one record per live thread, reused once it exits, so the
 * array is as large as the most threads alive at once, not every thread
 * ever made; a record holds what a lane would keep without intervals — the
 * open state, since when, and the time summed per CATEGORY — and is updated
 * exactly as TraceBuilder.setState updates a lane (so the sums are the same
 * bits as a traced run's); when a thread exits or the run ends, its first
 * TIMES sums are copied to `final`, indexed by thread id.
 */
import { CATEGORY } from './categories';
import { State } from './result';
import { withLength } from '../typed';

/** Times kept per thread: running, ready, blocked (categories 0–2 of CATEGORY). */
export const TIMES = 3;

/** A record's layout: 8 doubles, one cache line. */
const STRIDE = 8;
const R_STATE = 0;
const R_START = 1;
const R_SUMS = 2; // … R_SUMS + CATS - 1

export class ThreadTimes {
  private records: Float64Array;
  private used = 0;
  private readonly free: number[] = [];
  /** The thread on each record (-1: free). */
  private threadOf: Int32Array;
  /** TIMES sums per thread id, final once the thread has exited or the run has ended. */
  private final: Float64Array;

  /** `capacity`: the threads expected alive at once (the arrays double beyond it). */
  constructor(capacity: number) {
    this.records = new Float64Array(capacity * STRIDE);
    this.threadOf = new Int32Array(capacity).fill(-1);
    this.final = new Float64Array(capacity * TIMES);
  }

  /** A record for thread `id`, Absent since 0 with nothing summed. */
  open(id: number): number {
    let r = this.free.pop();
    if (r === undefined) {
      r = this.used++;
      if (r === this.threadOf.length) {
        this.records = withLength(this.records, 2 * r * STRIDE);
        this.threadOf = withLength(this.threadOf, 2 * r);
        this.threadOf.fill(-1, r);
      }
    }
    this.records.fill(0, r * STRIDE, r * STRIDE + STRIDE);
    this.records[r * STRIDE + R_STATE] = State.Absent;
    this.threadOf[r] = id;
    if (id * TIMES >= this.final.length) this.final = withLength(this.final, Math.max(2 * id, 16) * TIMES);
    return r;
  }

  /** The thread on record `r` is in `state` from `now` on: only a change of category closes anything. */
  set(r: number, state: number, now: number): void {
    const h = this.records;
    const b = r * STRIDE;
    const old = h[b + R_STATE];
    if (old === state) return;
    h[b + R_STATE] = state;
    const oc = CATEGORY[old];
    if (CATEGORY[state] === oc) return;
    const from = h[b + R_START];
    if (now > from) h[b + R_SUMS + oc] += now - from;
    h[b + R_START] = now;
  }

  /** The thread exits at `now`: its times are final, its record free. */
  exit(r: number, now: number): void {
    this.set(r, State.ThreadExited, now);
    this.keep(r);
    this.threadOf[r] = -1;
    this.free.push(r);
  }

  /** At the end of the run: closes every live thread's open state at `end` (as TraceBuilder.finish closes lanes) and keeps its times. */
  closeAll(end: number): void {
    const h = this.records;
    for (let r = 0; r < this.used; r++) {
      if (this.threadOf[r] < 0) continue;
      const b = r * STRIDE;
      const from = h[b + R_START];
      if (end > from) h[b + R_SUMS + CATEGORY[h[b + R_STATE]]] += end - from;
      this.keep(r);
    }
  }

  /** The time on live record `r` in category `cat` up to `now`, its open state included (for a debugger, mid-run). */
  soFar(r: number, cat: number, now: number): number {
    const b = r * STRIDE;
    const open = CATEGORY[this.records[b + R_STATE]] === cat ? now - this.records[b + R_START] : 0;
    return this.records[b + R_SUMS + cat] + Math.max(0, open);
  }

  /** Thread `id`'s time in category `cat` (< TIMES). */
  time(id: number, cat: number): number {
    return this.final[id * TIMES + cat];
  }

  private keep(r: number): void {
    const at = this.threadOf[r] * TIMES;
    const b = r * STRIDE + R_SUMS;
    for (let k = 0; k < TIMES; k++) this.final[at + k] = this.records[b + k];
  }
}
