/**
 * The debugger's event breakpoints (the Breakpoints view's exception
 * filters): which points of a run each one stops at.
 */
import { ProbeEvent } from '../sim/probe';
import { EventKind } from '../sim/result';

export interface EventFilter {
  /** The filter id a client enables (DAP `setExceptionBreakpoints`). */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** The marker or ProbeEvent it stops at; null for the end of a run (`deadlock`, `limit`). */
  readonly kind: number | null;
  /** Whether the subject of `kind` is a thread id. */
  readonly threadSubject: boolean;
}

export const EVENT_FILTERS: readonly EventFilter[] = [
  { id: 'deadlock', label: 'Deadlock', description: 'The run ends in a deadlock: no event is pending while threads remain.', kind: null, threadSubject: false },
  { id: 'limit', label: 'Limit reached', description: 'The run stops at its time limit or a cap.', kind: null, threadSubject: false },
  { id: 'preemption', label: 'Preemption', description: 'The kernel takes a CPU from an LWP, or a library takes an LWP from a thread.', kind: EventKind.Preempt, threadSubject: false },
  { id: 'upcall', label: 'Upcall', description: 'The kernel hands a fresh LWP to a pool (scheduler activations), or a blocked call returns.', kind: EventKind.Upcall, threadSubject: true },
  { id: 'sigwaiting', label: 'SIGWAITING', description: 'Every LWP of a pool is blocked in the kernel: the library adds one.', kind: EventKind.Sigwaiting, threadSubject: false },
  { id: 'lwp-created', label: 'LWP created', description: 'A new LWP appears.', kind: EventKind.LwpCreate, threadSubject: false },
  { id: 'kernel-block', label: 'Thread blocked in the kernel', description: 'A thread’s LWP blocks in the kernel (io, a kernel object, a direct thread’s wait or sleep).', kind: ProbeEvent.KernelBlock, threadSubject: true },
];

/** Words for every point kind a step can stop at. */
export const EVENT_WORDS: Partial<Record<number, string>> = {
  [EventKind.KernelSwitch]: 'kernel switch',
  [EventKind.UserSwitch]: 'user switch',
  [EventKind.ModeSwitch]: 'mode switch',
  [EventKind.Upcall]: 'upcall',
  [EventKind.ThreadCreate]: 'thread started',
  [EventKind.ThreadExit]: 'thread exited',
  [EventKind.LwpCreate]: 'LWP created',
  [EventKind.LwpDestroy]: 'LWP destroyed',
  [EventKind.Sigwaiting]: 'SIGWAITING',
  [EventKind.Preempt]: 'preemption',
  [EventKind.LwpWake]: 'LWP woken',
  [ProbeEvent.KernelBlock]: 'blocked in the kernel',
};

/** Markers whose subject is a thread id (the thread a stop there concerns). */
export const THREAD_SUBJECT = new Set<number>([EventKind.ThreadCreate, EventKind.ThreadExit, EventKind.Upcall, EventKind.UserSwitch, ProbeEvent.KernelBlock]);
