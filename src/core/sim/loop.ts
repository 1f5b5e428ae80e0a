/**
 * The event loop, in the manner of SimPy's environment: simulated time, the
 * queue of future events, and the run until a stop. It knows nothing of
 * CPUs or threads: each popped event goes to the handler (the engine).
 *
 * Invariants: time never goes back (`now` is the time of the last event
 * popped); events at one instant are handled in the order they were
 * scheduled; an event past the simulated-time limit is never handled; the
 * loop stops at the first stop reason any part sets (`stop` leaves 'none'
 * once, and the run ends after the event being handled); every step taken
 * at one instant is counted, so a loop that takes no time is caught; every
 * step of the run is counted too, against the run's step cap, and
 * cancellation is polled every STEP_POLL steps as well as every 4,096 events,
 * so a run whose instants are long (millions of statements each) still stops
 * at its cap and promptly when cancelled.
 */
import { CAPS } from './caps';
import { EventQueue } from './queue';

/** Event types; `subject` and `generation` as documented per type. */
export const EventType = {
  /** A CPU's current segment ends (or its quantum expires). subject = CPU, generation = the CPU's. */
  SegmentEnd: 1,
  /** A kernel block (io, a direct thread's sleep) ends. subject = LWP id, generation = its block generation. */
  LwpTimer: 2,
  /** A library timer (sleep of a multiplexed thread) ends. subject = thread id, generation = its block generation. */
  ThreadTimer: 3,
  /** A declared thread starts. subject = thread id. */
  ThreadStart: 4,
  /** A pool option's hand-off delay ends. subject = LWP id × 4 + the option's index in its pool, generation = the LWP's delayGeneration. */
  PoolTimer: 5,
} as const;

export type StopReason = 'none' | 'completed' | 'quiescent' | 'limit' | 'events' | 'steps' | 'cancelled' | 'trace' | 'threads' | 'lwps' | 'zero-time';

/** Steps between two polls of cancellation (and progress) on work rather than on events: a few ms of work. */
const STEP_POLL = 65_536;

export interface LoopOptions {
  /** Simulated-time limit, ns. */
  readonly limit: number;
  readonly maxEvents: number;
  /** Steps (statements, dispatch decisions) of the whole run; past it the run stops ('steps'). */
  readonly maxSteps: number;
  /** Polled every 4096 events and every STEP_POLL steps; true cancels the run. */
  readonly shouldStop: (() => boolean) | undefined;
  readonly onProgress: ((simTimeNs: number, events: number) => void) | undefined;
}

export interface EventHandler {
  /** Handles one event (stale ones included: the handler recognises them by their generation). */
  handle(type: number, subject: number, generation: number): void;
  /** Runs after each event: whatever the event set in motion at this instant. */
  settle(): void;
}

export class EventLoop {
  now = 0;
  events = 0;
  stop: StopReason = 'none';
  /** Steps taken at the current instant (statements, dispatch decisions), against CAPS.zeroTimeSteps. */
  instantSteps = 0;
  /** Steps of the run up to the last poll, and the steps granted then until the next one. */
  private stepsPolled = 0;
  private stepsGranted: number;
  private stepCredit: number;
  private readonly queue: EventQueue;

  constructor(
    /** Slotted SegmentEnd events (one per CPU): see EventQueue. */
    cpus: number,
    private readonly options: LoopOptions,
  ) {
    this.queue = new EventQueue(EventType.SegmentEnd, cpus);
    this.stepsGranted = this.stepCredit = Math.min(STEP_POLL, options.maxSteps + 1);
  }

  /** Schedules an event at `time` (≥ now). */
  at(time: number, type: number, subject: number, generation: number): void {
    this.queue.push(time, type, subject, generation);
  }

  /** Steps taken by the run so far. */
  get steps(): number {
    return this.stepsPolled + this.stepsGranted - this.stepCredit;
  }

  /**
   * Counts one step; false when the run must stop: past the zero-time cap
   * (`stop` still 'none': the caller names the thread), or, with `stop` set,
   * past the run's step cap or cancelled.
   */
  step(): boolean {
    if (--this.stepCredit === 0 && !this.poll()) return false;
    return ++this.instantSteps <= CAPS.zeroTimeSteps;
  }

  /** Every STEP_POLL steps (and exactly at the step past the cap): the run's step cap, cancellation, progress. */
  private poll(): boolean {
    const { maxSteps, shouldStop, onProgress } = this.options;
    this.stepsPolled += this.stepsGranted;
    // Steps until the first one past the cap.
    const room = maxSteps + 1 - this.stepsPolled;
    this.stepsGranted = this.stepCredit = room > 0 ? Math.min(STEP_POLL, room) : STEP_POLL;
    if (this.stop !== 'none') return false;
    if (room <= 0) this.stop = 'steps';
    else if (shouldStop && shouldStop()) this.stop = 'cancelled';
    if (onProgress) onProgress(this.now, this.events);
    return this.stop === 'none';
  }

  /**
   * Runs until a stop reason is set, or, for a debugger, until `until` events
   * have been handled in all (then `stop` is still 'none' and a later call
   * goes on exactly where this one paused); returns the end time (the limit
   * when it stopped there).
   */
  run(handler: EventHandler, until = Infinity): number {
    const q = this.queue;
    const { limit, maxEvents, shouldStop, onProgress } = this.options;
    // One comparison per event serves both caps: the pause is told apart inside.
    const cap = Math.min(maxEvents, until);
    while (this.stop === 'none') {
      if (q.size === 0) {
        this.stop = 'quiescent';
        break;
      }
      if (this.events >= cap) {
        if (this.events < maxEvents) return this.now;
        // At the event cap the limit still comes first when both are reached.
        if (q.peekTime() > limit) this.stop = 'limit';
        else this.stop = 'events';
        break;
      }
      // Popped before the limit test: past the limit the run ends and the
      // queue is not read again, so that event is simply not handled.
      q.pop();
      const t = q.outTime;
      if (t > limit) {
        this.stop = 'limit';
        break;
      }
      this.events++;
      if (t !== this.now) {
        this.now = t;
        this.instantSteps = 0;
      }
      handler.handle(q.outType, q.outSubject, q.outGeneration);
      handler.settle();
      if ((this.events & 4095) === 0) {
        if (shouldStop && this.stop === 'none' && shouldStop()) this.stop = 'cancelled';
        if (onProgress) onProgress(this.now, this.events);
      }
    }
    return this.stop === 'limit' ? limit : this.now;
  }
}
