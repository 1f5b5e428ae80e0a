/**
 * What sync objects may do to threads and LWPs: the engine's services, named
 * so that an object depends on this interface and not on the engine's parts.
 */
import type { Diagnostic } from '../../diagnostic';
import type { Cpu, Lwp, Thread } from '../entities';

export interface SyncContext {
  /** The machine's CPUs (a spinlock looks for its spinners on them). */
  readonly cpus: readonly Cpu[];
  /** One kernel entry of l; true when it costs time (return false from the statement: it runs again after). */
  modeSwitch(l: Lwp): boolean;
  /** t waits: its LWP blocks in the kernel (a kernel object, or a direct thread), else t parks in its library. */
  block(c: Cpu, l: Lwp, t: Thread, wait: number, detail: number, inKernel: boolean): void;
  /** Wakes w, whose wait is over (its pc already past the statement); `payer` pays a kernel wake-up when `chargeKernelWake`. */
  wake(w: Thread, payer: Lwp | null, chargeKernelWake: boolean): void;
  /** t spins on CPU c until interrupted. */
  spin(c: Cpu, l: Lwp, t: Thread): void;
  /** Cuts the work segment on c (a spinner that got the lock). */
  interrupt(c: Cpu): void;
  /** The threads started and not exited (the end-of-run reports: who never arrives at a barrier). */
  unfinishedThreads(): readonly Thread[];
  /** Lock `sync` is now held by t (null: free); the trace keeps who held what when. */
  lockHolder(sync: number, t: Thread | null): void;
  /** Reports a runtime finding once per key. */
  report(key: string, make: () => Diagnostic): void;
}

/**
 * Where a statement that may wait in the kernel stands (Thread.phase). Its
 * effect is decided when it starts — it takes what it waits for, or queues
 * as a waiter — and its kernel entry (`mode-switch`) is paid after, the
 * statement running again once paid. A waker that serves a queued waiter
 * moves its pc past the statement and sets phase 0, so a waiter served
 * during its entry goes on instead of blocking.
 */
export const EntryPhase = {
  /** Queued as a waiter; its entry paid, it blocks. */
  Waiting: 1,
  /** Took it at the start (a kernel object's entry still to pay); it goes on. */
  Took: 2,
} as const;

/** t goes past its current statement; true (the statement is done). */
export function passed(t: Thread): boolean {
  t.phase = 0;
  t.pc++;
  return true;
}

/**
 * t takes what it waits for at the start of its call; a kernel object's
 * entry is paid after (false until paid: the statement runs again, phase
 * Took), then t goes on.
 */
export function tookAtEntry(cx: SyncContext, l: Lwp, t: Thread, kernel: boolean): boolean {
  if (kernel) {
    t.phase = EntryPhase.Took;
    if (cx.modeSwitch(l)) return false;
  }
  return passed(t);
}

/**
 * t, already queued as a waiter, blocks: a kernel wait (or any wait of a
 * thread with its own LWP) pays its entry first (the statement runs again
 * with phase Waiting, unless a waker served it meanwhile), then blocks.
 * Also the way back in for a statement resumed in phase Waiting.
 */
export function waitAtEntry(cx: SyncContext, c: Cpu, l: Lwp, t: Thread, wait: number, detail: number, kernel: boolean): false {
  if (t.phase !== EntryPhase.Waiting && (kernel || t.direct)) {
    t.phase = EntryPhase.Waiting;
    if (cx.modeSwitch(l)) return false;
  }
  cx.block(c, l, t, wait, detail, kernel);
  return false;
}
