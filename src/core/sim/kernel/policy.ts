/**
 * The kernel's scheduling policy: which runnable LWP a free CPU takes, how
 * long it may keep it, and when a waiting LWP takes a CPU from a running
 * one. The kernel (kernel.ts) holds the mechanism — CPUs, dispatch, costs,
 * the preemption points — and asks its policy at each decision.
 *
 * Invariants every policy keeps: the run queue holds exactly the LWPs that
 * are runnable and on no CPU; `take` returns them in the policy's order and
 * each once; no answer depends on anything but the policy's own state, the
 * LWPs it is asked about, and the CPUs passed in (so runs stay
 * deterministic); the answers are cheap (they are asked at every
 * preemption point).
 *
 * A new policy is a new file in this folder implementing KernelPolicy, plus
 * its entry in KERNEL_POLICIES (policies.ts), keyed by the IR's policy name.
 */
import type { Cpu, Lwp } from '../entities';

export interface KernelPolicy {
  /** LWPs waiting in the run queue. */
  readonly waiting: number;
  /** Queues a runnable LWP: at the head when it was preempted by a higher priority, else at the tail. */
  enqueue(lwp: Lwp, atHead: boolean): void;
  /** The next LWP to run, removed from the queue; undefined when none waits. */
  take(): Lwp | undefined;
  /** When the slice of `lwp`, dispatched at `now`, ends (Infinity: it runs until it gives the CPU up). */
  sliceEnd(lwp: Lwp, now: number): number;
  /** At a preemption point of the running `lwp`: a waiting LWP must take its CPU at once (it then goes to the head of the queue). */
  preemptsNow(lwp: Lwp): boolean;
  /** The running `lwp`'s slice ended or it yields: a waiting LWP deserves the CPU (it then goes to the tail). */
  hasSuccessor(lwp: Lwp): boolean;
  /**
   * `lwp` became runnable and found no idle CPU: the CPU it takes at once
   * (the kernel interrupts it), or null. Asked before it is queued.
   */
  wakeupVictim(lwp: Lwp, cpus: readonly Cpu[]): Cpu | null;
}
