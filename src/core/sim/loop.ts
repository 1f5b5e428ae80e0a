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
 * at one instant is counted, so a loop that takes no time is caught.
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
} as const;

export type StopReason = 'none' | 'completed' | 'quiescent' | 'limit' | 'events' | 'cancelled' | 'trace' | 'threads' | 'lwps' | 'zero-time';

export interface LoopOptions {
  /** Simulated-time limit, ns. */
  readonly limit: number;
  readonly maxEvents: number;
  /** Polled every 4096 events; true cancels the run. */
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
  private readonly queue: EventQueue;

  constructor(
    /** Slotted SegmentEnd events (one per CPU): see EventQueue. */
    cpus: number,
    private readonly options: LoopOptions,
  ) {
    this.queue = new EventQueue(EventType.SegmentEnd, cpus);
  }

  /** Schedules an event at `time` (≥ now). */
  at(time: number, type: number, subject: number, generation: number): void {
    this.queue.push(time, type, subject, generation);
  }

  /** Counts one step at this instant; false past the cap (the caller stops the run). */
  step(): boolean {
    return ++this.instantSteps <= CAPS.zeroTimeSteps;
  }

  /** Runs until a stop reason is set; returns the end time (the limit when it stopped there). */
  run(handler: EventHandler): number {
    const q = this.queue;
    const { limit, maxEvents, shouldStop, onProgress } = this.options;
    while (this.stop === 'none') {
      if (q.size === 0) {
        this.stop = 'quiescent';
        break;
      }
      if (this.events >= maxEvents) {
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
