/**
 * A run the debugger can move through in both directions: one live engine
 * advanced segment by segment, and checkpoints — copies of the engine taken
 * every `every` events — to go back to. The simulator is deterministic, so
 * a position is just a number of events: going back to point (seg, index)
 * is restoring the last checkpoint before it and replaying forward, which
 * costs at most `every` events whatever the distance.
 *
 * Invariants: `liveSeg` is the number of segments the live engine has
 * completed (-1: not started; 0: its start at time 0; n ≥ 1: n events
 * handled), always at a segment boundary; a checkpoint at n is a copy of
 * the engine after segment n, never run itself (restoring copies it again);
 * every multiple of `every` the live engine has passed has its checkpoint,
 * or is one of at most MAX_DEFERRED boundaries whose checkpoint the work
 * ahead will make (a step that crosses new ground does not wait for a copy;
 * until it is made, a seek there replays from the checkpoint before),
 * and when there are more than `maxCheckpoints`, or their objects exceed
 * `maxCheckpointObjects`, the spacing doubles and the checkpoints off it are
 * dropped — spaced by the state's size as well as by count, since a large
 * heap of checkpoints slows every step through the collector's marking; the run is simulated without a trace
 * (metrics are still exact), with a DebugProbe attached.
 *
 * Two things spare a step its costliest part, a copy of the state (which
 * grows with the run's threads: tens of ms at 10,000 threads): the point
 * log and the spare. The log keeps the points the live engine has passed
 * (pointLog.ts), so a backward search reads the points of a stretch already
 * run instead of restoring a checkpoint to replay it. The spare is an engine
 * made ahead, while the debugger waits for its user (`prepare`): a copy of a
 * checkpoint run on to where the next step will likely start, which a seek
 * there (or after it) takes instead of copying and replaying.
 */
import type { Scenario } from '../check/ir';
import { CAPS } from '../sim/caps';
import { CodeTable } from '../sim/code';
import { Engine } from '../sim/engine';
import { copyGraph } from './copy';
import { PointLog } from './pointLog';
import { DebugProbe, type HitListener, type PointHit } from './probe';

export interface TimelineOptions {
  /** Events between two checkpoints (default 8,192). */
  readonly checkpointEvery?: number;
  /** Checkpoints kept before the spacing doubles (default 256). */
  readonly maxCheckpoints?: number;
  /** Objects (summed over the checkpoints) kept before the spacing doubles (default 1,000,000: 64 checkpoints of a 10,000-thread run). */
  readonly maxCheckpointObjects?: number;
  readonly maxEvents?: number;
  readonly maxSteps?: number;
  /** Points kept in the log (default 1,000,000: 56 MB of numbers, outside the collector's objects). */
  readonly maxLoggedPoints?: number;
}

/**
 * Events per slice while a listener looks for a point: one, so that the live
 * engine stops right after the segment of the point found (a slice costs a
 * call, tens of ns).
 */
const SEARCH_SLICE = 1;

/** Checkpoints left to the work ahead at most; past them the run copies as it goes. */
const MAX_DEFERRED = 4;

export class Timeline {
  private live: Engine;
  private liveSeg = -1;
  private every: number;
  private readonly maxCheckpoints: number;
  private readonly maxCheckpointObjects: number;
  /** Objects per checkpoint (copyGraph's count), to weigh them against maxCheckpointObjects. */
  private readonly checkpointObjects = new Map<number, number>();
  private readonly checkpoints = new Map<number, Engine>();
  private readonly log: PointLog;
  private spare: { readonly at: number; readonly engine: Engine } | null = null;
  /** Boundaries passed whose checkpoints the work ahead makes (MAX_DEFERRED at most), oldest first. */
  private readonly deferred: number[] = [];
  /** The last segment, once the run has ended (the live engine has reached it). */
  endSeg: number | null = null;
  private readonly shared: (o: object) => boolean;

  constructor(
    readonly scenario: Scenario,
    private readonly options: TimelineOptions = {},
  ) {
    this.every = Math.max(1, options.checkpointEvery ?? 8_192);
    this.maxCheckpoints = Math.max(2, options.maxCheckpoints ?? 256);
    this.maxCheckpointObjects = Math.max(1, options.maxCheckpointObjects ?? 1_000_000);
    this.log = new PointLog(Math.max(0, options.maxLoggedPoints ?? 1_000_000));
    const ir = reachable(scenario);
    this.shared = (o) => ir.has(o) || o instanceof CodeTable;
    this.live = this.fresh();
  }

  /** The live engine, paused at a segment boundary. */
  get engine(): Engine {
    return this.live;
  }

  get probe(): DebugProbe {
    return this.live.probe as DebugProbe;
  }

  /** Segments the live engine has completed. */
  get position(): number {
    return this.liveSeg;
  }

  get ended(): boolean {
    return this.live.stop !== 'none' && this.liveSeg >= 0;
  }

  get checkpointCount(): number {
    return this.checkpoints.size;
  }

  /** The nearest checkpoint at or before segment boundary `b` (-1: the fresh engine). */
  checkpointAtOrBefore(b: number): number {
    let best = -1;
    for (const c of this.checkpoints.keys()) if (c <= b && c > best) best = c;
    return best;
  }

  /**
   * Puts the live engine just before segment `seg` (after seg - 1; past the
   * end: at the end), running on from the nearest of: the live engine, the
   * spare, a copy of the last checkpoint.
   */
  seek(seg: number): void {
    let b = seg - 1;
    if (this.endSeg !== null && b > this.endSeg) b = this.endSeg;
    if (this.liveSeg === b) return;
    const base = this.checkpointAtOrBefore(b);
    const liveUsable = this.liveSeg >= base && this.liveSeg < b;
    const spare = this.spare;
    if (spare !== null && spare.at <= b && spare.at >= base && !(liveUsable && this.liveSeg >= spare.at)) this.takeSpare();
    else if (!liveUsable) this.restore(base);
    this.runThrough(b, null);
  }

  /** Restores the checkpoint at `c` (-1: a fresh engine) as the live engine. */
  private restore(c: number): void {
    this.live = c < 0 ? this.fresh() : copyGraph(this.checkpoints.get(c)!, this.shared);
    this.probe.listener = null;
    this.liveSeg = c;
    this.log.begin(c);
  }

  private takeSpare(): void {
    const spare = this.spare!;
    this.spare = null;
    this.live = spare.engine;
    this.probe.listener = null;
    this.liveSeg = spare.at;
    this.log.begin(spare.at);
  }

  /**
   * Work done ahead, while nothing waits for the timeline, one piece per
   * call: first the checkpoints a run left for later, then a spare engine
   * standing just before segment `seg` (≤ the live position), made from a
   * copy of the last checkpoint before it, so that a later `seek` there or
   * after it starts from the spare rather than copying and replaying.
   * Returns true while there is more to do.
   */
  prepare(seg: number): boolean {
    const boundary = this.deferred.shift();
    if (boundary !== undefined) {
      if (boundary % this.every === 0 && !this.checkpoints.has(boundary)) {
        const sizes = { objects: 0 };
        this.keepCheckpoint(boundary, this.engineAt(boundary, sizes), sizes.objects);
      }
      return true;
    }
    const b = Math.min(seg - 1, this.liveSeg);
    if (b < 0 || this.spare?.at === b) return false;
    this.spare = { at: b, engine: this.engineAt(b) };
    return false;
  }

  /** A new engine standing after segment b (≤ the live position): a copy of the last checkpoint before it (`sizes` learns its objects), run on. */
  private engineAt(b: number, sizes?: { objects: number }): Engine {
    const c = this.checkpointAtOrBefore(b);
    const engine = c < 0 ? this.fresh() : copyGraph(this.checkpoints.get(c)!, this.shared, sizes);
    // Run without a listener (a checkpoint's probe keeps the one it was
    // copied with): the probe still counts statement starts, which belong
    // to the state.
    (engine.probe as DebugProbe).listener = null;
    if (c < 0) {
      engine.start();
      engine.advance(0);
    }
    if (b > Math.max(c, 0)) engine.advance(b);
    return engine;
  }

  /**
   * Calls `f` with every point of segments (after, to], in order, if the
   * log has them all, and returns true; else returns false.
   */
  forEachLogged(after: number, to: number, f: (p: PointHit) => void): boolean {
    return this.log.forEach(after, to, f);
  }

  /**
   * Runs the live engine through segment `last` (or to the end of the run),
   * `listener` seeing every point; with `found`, in slices, stopping after
   * the slice in which `found()` became true. True when the run has ended.
   */
  runThrough(last: number, listener: HitListener | null, found?: () => boolean): boolean {
    const probe = this.probe;
    probe.listener = (h) => {
      this.log.record(h);
      if (listener !== null) listener(h);
    };
    try {
      while (this.liveSeg < last && this.live.stop === 'none') {
        const e = this.live;
        if (this.liveSeg < 0) {
          this.log.begin(-1);
          e.start();
          e.advance(0);
          this.liveSeg = 0;
        } else {
          const nextCheckpoint = (Math.floor(this.liveSeg / this.every) + 1) * this.every;
          let target = Math.min(last, nextCheckpoint);
          if (found) target = Math.min(target, this.liveSeg + SEARCH_SLICE);
          e.advance(target);
          this.liveSeg = e.events;
        }
        this.log.reached(this.liveSeg);
        if (e.stop !== 'none') this.endSeg = this.liveSeg;
        else if (this.liveSeg % this.every === 0) {
          this.keep(this.liveSeg);
          this.log.begin(this.liveSeg);
        }
        if (found && found()) break;
      }
    } finally {
      probe.listener = null;
    }
    return this.live.stop !== 'none';
  }

  /** The live engine is at boundary `seg`: its checkpoint now, or later by the work ahead. */
  private keep(seg: number): void {
    if (this.checkpoints.has(seg) || this.deferred.includes(seg)) return;
    if (this.deferred.length < MAX_DEFERRED) {
      this.deferred.push(seg);
      return;
    }
    const sizes = { objects: 0 };
    this.keepCheckpoint(seg, copyGraph(this.live, this.shared, sizes), sizes.objects);
  }

  /** Keeps `engine` — a copy no one runs, standing at boundary `seg`, of `objects` objects — as the checkpoint there. */
  private keepCheckpoint(seg: number, engine: Engine, objects: number): void {
    this.checkpoints.set(seg, engine);
    this.checkpointObjects.set(seg, objects);
    // Two checkpoints are always kept, whatever their size.
    while (this.checkpoints.size > 2 && (this.checkpoints.size > this.maxCheckpoints || this.objectsKept() > this.maxCheckpointObjects)) {
      this.every *= 2;
      for (const c of [...this.checkpoints.keys()]) {
        if (c % this.every === 0) continue;
        this.checkpoints.delete(c);
        this.checkpointObjects.delete(c);
      }
    }
  }

  private objectsKept(): number {
    let n = 0;
    for (const k of this.checkpointObjects.values()) n += k;
    return n;
  }

  private fresh(): Engine {
    const e = new Engine(this.scenario, {
      maxEvents: this.options.maxEvents ?? CAPS.events,
      maxSteps: this.options.maxSteps ?? CAPS.steps,
      maxIntervals: CAPS.intervals,
      shouldStop: undefined,
      onProgress: undefined,
      recordTrace: false,
    });
    e.attachProbe(new DebugProbe(e.loop));
    return e;
  }
}

/** Every object of the Scenario IR: a run only reads them, so copies share them. */
function reachable(root: object): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return seen;
}
