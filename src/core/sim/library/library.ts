/**
 * A process's thread library: how its user threads get onto LWPs. One
 * implementation per threading model (oneToOne.ts, manyToOne.ts,
 * manyToMany.ts; the last two share pool.ts), chosen by LIBRARIES
 * (libraries.ts). The kernel (kernel/kernel.ts) calls in at the points
 * where the model matters; the interpreter calls in for statements that a
 * multiplexed thread performs in the library (sleep, yield, sync waits).
 *
 * Invariants every library keeps: a thread is in exactly one place — on an
 * LWP (OnLwp), in the library's ready queue (Ready), parked in the library
 * (Parked: a library sleep or sync wait, woken by makeReady), or not started
 * / exited; a direct thread (isDirect) lives on its own LWP from start to
 * exit and never passes through the ready queue; a thread's library quantum
 * (Thread.quantumLeft) is renewed whenever the library puts it on an LWP.
 */
import type { ThreadIR } from '../../check/ir';
import type { Lwp, Thread } from '../entities';

export interface ThreadLibrary {
  /** The LWPs of the process's pool now (0 without a pool): for reports. */
  readonly poolSize: number;
  /** At time 0, before the process's threads start: makes the LWPs the model starts with. */
  start(): void;
  /** Whether instances of `decl` run on an LWP of their own. */
  isDirect(decl: ThreadIR): boolean;
  /** Thread t starts (its instance counted): it goes onto its own LWP or into the ready queue. */
  threadStarted(t: Thread): void;
  /** A multiplexed thread can run again (woken, started, handed back); `payer`: the running LWP that caused it, if any. */
  makeReady(t: Thread, payer: Lwp | null): void;
  /** A pool LWP on a CPU has no thread: gives it the next ready one (true), or keeps it for later (false: it parks). */
  assign(l: Lwp): boolean;
  /** At a preemption point of a multiplexed thread: true when it left its LWP for a more urgent one. */
  preemptionPoint(l: Lwp, t: Thread): boolean;
  /** Before work of a multiplexed thread: true when its library quantum is spent and it left its LWP. */
  quantumExpired(l: Lwp, t: Thread): boolean;
  /** `yield` of a multiplexed thread (its pc already past it): true when it left its LWP. */
  yieldThread(l: Lwp, t: Thread): boolean;
  /** A multiplexed thread waits in the library (sleep, mutex, semaphore, join), for `ns` if ≥ 0; its LWP runs another. */
  park(l: Lwp, t: Thread, wait: number, detail: number, ns: number): void;
  /** LWP l of this process has just blocked in the kernel with thread t. */
  lwpBlocked(l: Lwp, t: Thread): void;
  /** LWP l of this process, blocked in the kernel, is about to become runnable. */
  lwpUnblocked(l: Lwp): void;
  /** LWP l has Role.Returning and is on a CPU: takes its thread back. */
  lwpReturned(l: Lwp): void;
  /** LWP l is being destroyed. */
  lwpDestroyed(l: Lwp): void;
  /** A PoolTimer event for LWP l: the hand-off delay that its pool's option number `option` armed (stale unless `generation` is l's delayGeneration and l is still blocked). */
  poolTimer(l: Lwp, option: number, generation: number): void;
  /** Every LWP of the pool now, those a pool option holds included (0 without a pool): for reports. */
  readonly poolLwps: number;
}
