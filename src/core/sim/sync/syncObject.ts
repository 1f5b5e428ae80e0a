/**
 * The sync objects threads wait on: every statement on one is `acquire`
 * (lock, wait) or `release` (unlock, post), and the object decides what that
 * means. One class per kind (mutex.ts, spinlock.ts, semaphore.ts), chosen
 * by SYNC_KINDS (syncKinds.ts) from the IR's kind; `join` waits on the
 * instances of a thread declaration, a JoinTarget (join.ts) per declaration,
 * which exits release.
 *
 * Invariants every object keeps: acquire and release return true exactly
 * when the thread goes on at once, and then have moved its pc past the
 * statement and reset its phase; when they return false the thread pays an
 * overhead first (phase remembers how far it got, and the statement runs
 * again), spins, or waits, and whoever ends the wait moves the waiter's pc
 * past the statement before waking it; a kernel (top-level) object enters
 * the kernel on every operation and blocks the LWP in every model, a
 * library object parks a multiplexed thread in its library and blocks a
 * direct thread's LWP (SyncContext.block decides).
 */
import type { SyncIR } from '../../check/ir';
import type { Span } from '../../syntax/ast';
import type { Cpu, Lwp, Thread } from '../entities';
import type { StuckThread } from '../result';

export interface SyncState {
  readonly holder: Thread | null;
  readonly waiters: readonly Thread[];
  readonly count: number | null;
}

export interface SyncObject {
  readonly ir: SyncIR;
  /** A kernel (top-level) object. */
  readonly kernel: boolean;
  /** lock / wait: true when t goes on now; false when it pays, spins or waits. */
  acquire(c: Cpu, l: Lwp, t: Thread): boolean;
  /** unlock / post: true when t goes on now; false when it pays first. */
  release(l: Lwp, t: Thread): boolean;
  /** Where t took this object, if t holds it (a thread exiting with it held is reported there). */
  heldBy(t: Thread): Span | null;
  /** What a debugger shows of it now: the holder (mutex, spinlock), the waiters (spinners) in order, the count (semaphore units; barrier arrivals this round). */
  inspect(): SyncState;
  /** What t, stopped at its acquire of this object when the run ended, waits for (the end-of-run reports). */
  describeWaiter(t: Thread, span: Span): StuckThread;
}
