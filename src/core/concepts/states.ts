import { State, type StateValue } from '../sim/result';
import type { Concept } from './types';

/** Chart states (`State` in sim/result.ts) that are not already a cost; the chart legend reads these. */
export const STATE_CONCEPTS: readonly Concept[] = [
  s('state:cpu-idle', 'Idle', State.CpuIdle, 'The CPU has no runnable LWP.'),
  s('state:cpu-user', 'User mode', State.CpuUser, 'The CPU runs user code (`compute`) of the thread on its LWP.'),
  s('state:cpu-kernel', 'Kernel mode', State.CpuKernel, 'The CPU runs kernel code: a `syscall` body or the kernel part of a blocking call.'),
  s('state:cpu-spin', 'Spinning', State.CpuSpin, 'The CPU busy-waits for a spinlock: busy, but no progress.'),
  s('state:lwp-running', 'LWP running', State.LwpRunning, 'The LWP is on a CPU.'),
  s('state:lwp-runnable', 'LWP runnable', State.LwpRunnable, 'The LWP is in the kernel run queue, waiting for a CPU.'),
  s('state:lwp-blocked', 'LWP blocked', State.LwpBlocked, 'The LWP is blocked in the kernel (blocking call, kernel object, kernel sleep).'),
  s('state:lwp-parked', 'LWP parked', State.LwpParked, 'A pool LWP with no user thread to run, parked in the kernel; not runnable.'),
  s('state:thread-running', 'Thread running', State.ThreadRunning, 'The thread is on an LWP that is on a CPU.'),
  s('state:thread-ready', 'Thread ready', State.ThreadReady, 'Ready in the library\'s queue (in one-to-one: its LWP is runnable but not on a CPU).'),
  s('state:thread-stalled', 'Thread stalled', State.ThreadStalled, 'On an LWP that the kernel preempted or has not scheduled: the library thinks it runs.'),
  s('state:thread-blocked-kernel', 'Blocked in the kernel', State.ThreadBlockedKernel, 'Blocked in the kernel: `io`, a kernel semaphore or barrier, a one-to-one mutex wait.'),
  s('state:thread-blocked-sync', 'Waiting on a sync object', State.ThreadBlockedSync, 'Parked by the library on a mutex, a semaphore, a barrier or a join.'),
  s('state:thread-sleeping', 'Sleeping', State.ThreadSleeping, 'In `sleep`.'),
  s('state:thread-spinning', 'Thread spinning', State.ThreadSpinning, 'Busy-waiting for a spinlock.'),
  s('state:thread-exited', 'Exited', State.ThreadExited, 'The thread has finished.'),
];

function s(id: string, title: string, state: StateValue, summary: string): Concept {
  return { id, title, category: 'state', words: [], summary, body: summary, states: [state] };
}
