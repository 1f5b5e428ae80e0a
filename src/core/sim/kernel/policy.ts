/**
 * The kernel's scheduling policy: which runnable LWP a free CPU takes, how
 * long it may keep it, and when a waiting LWP takes a CPU from a running
 * one. The kernel (kernel.ts) holds the mechanism — CPUs, dispatch, costs,
 * the preemption points — and asks its policy at each decision.
 *
 * Invariants every policy keeps: the run queue holds exactly the LWPs that
 * are runnable and on no CPU; `take` returns them in the policy's order and
 * each once; no answer depends on anything but the policy's own state, the
 * LWPs it is asked about, the CPUs passed in and `now` (so runs stay
 * deterministic); the answers are cheap (they are asked at every
 * preemption point).
 *
 * Running time is told only to a policy that keeps it (`tracksRunTime`):
 * the kernel then calls `ran` with the time an LWP has been on its CPU since
 * it was last told (`Cpu.runStart`, set at dispatch) whenever the LWP leaves
 * the CPU and before asking `hasSuccessor`, and `woke` whenever an LWP
 * becomes runnable from blocked, parked or new, before it goes anywhere.
 * For the others the kernel skips both calls (its hot path stays as it was).
 *
 * A new policy is a new file in this folder implementing KernelPolicy, plus
 * its entry in KERNEL_POLICIES (policies.ts), keyed by the IR's policy name.
 */
import type { Cpu, Lwp } from '../entities';

export interface KernelPolicy {
  /** LWPs waiting in the run queue. */
  readonly waiting: number;
  /** Whether the kernel tells it running time and wake-ups (`ran`, `woke`). */
  readonly tracksRunTime: boolean;
  /** Queues a runnable LWP: at the head when it was preempted by a higher priority, else at the tail. */
  enqueue(lwp: Lwp, atHead: boolean): void;
  /** The next LWP to run, removed from the queue; undefined when none waits. */
  take(): Lwp | undefined;
  /** When the slice of `lwp` ends if it starts at `start` (its dispatch costs paid); Infinity: it runs until it gives the CPU up. */
  sliceEnd(lwp: Lwp, start: number): number;
  /** At a preemption point of the running `lwp`: a waiting LWP must take its CPU at once (it then goes to the head of the queue). */
  preemptsNow(lwp: Lwp): boolean;
  /** The running `lwp`'s slice ended or it yields: a waiting LWP deserves the CPU (it then goes to the tail). */
  hasSuccessor(lwp: Lwp): boolean;
  /**
   * `lwp` became runnable and found no idle CPU: the CPU it takes at once
   * (the kernel interrupts it), or null. Asked before it is queued; `now`
   * lets a policy count the running LWPs' current runs (since `Cpu.runStart`).
   */
  wakeupVictim(lwp: Lwp, cpus: readonly Cpu[], now: number): Cpu | null;
  /** With `tracksRunTime`: `lwp` ran `ns` on its CPU since it was last told. */
  ran(lwp: Lwp, ns: number): void;
  /** With `tracksRunTime`: `lwp` becomes runnable (woken, unparked or new), before it goes to a CPU or the queue. */
  woke(lwp: Lwp): void;
}
