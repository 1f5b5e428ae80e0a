/**
 * The simulator's one hook for a debugger (src/core/debug): what it may
 * watch while a run goes on. A run without a probe (every run but a debug
 * session) pays one null test per statement and per marker.
 *
 * Invariants: the probe only watches — it must not change the simulation
 * (no call back into the parts), so a run gives the same bytes with or
 * without one; it is called at a point where the state is consistent (a
 * thread about to start a statement; a marker just recorded; an LWP just
 * blocked in the kernel).
 */
import type { Thread } from './entities';

/** What `happened` reports beyond the trace's markers (EventKind values, 1…11). */
export const ProbeEvent = {
  /** A thread's LWP blocked in the kernel (io, a direct sleep, a kernel object, a direct thread's wait). subject = thread id. */
  KernelBlock: 100,
} as const;

export interface Probe {
  /** `t` is about to run the instruction at `t.pc` from its beginning (phase 0); a retry of the same instruction calls again. */
  statement(t: Thread): void;
  /** A marker (EventKind, with the trace's argument: a thread or LWP id) or a ProbeEvent. */
  happened(kind: number, subject: number): void;
}
