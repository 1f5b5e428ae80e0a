import type { Concept } from './types';

/** Synchronization objects (LANGUAGE.md §3, §7). */
export const SYNC_CONCEPTS: readonly Concept[] = [
  {
    id: 'mutex',
    title: 'Mutex',
    category: 'sync',
    words: ['mutex'],
    summary: 'A lock with an owner; a thread that finds it held waits (FIFO) without using a CPU.',
    body:
      '`mutex m` in a process is a library object; at top level it is a kernel object shared by all processes. Only the owner ' +
      'may unlock it; ownership passes to the first waiter.',
    models: {
      'one-to-one': 'A waiter\'s LWP blocks in the kernel; waking it costs one `mode-switch`.',
      'many-to-one': 'A waiter is parked by the library; the LWP runs another thread.',
      'many-to-many': 'A waiter is parked by the library; the LWP runs another thread.',
    },
  },
  {
    id: 'spinlock',
    title: 'Spinlock',
    category: 'sync',
    words: ['spinlock'],
    summary: 'A lock whose waiters busy-wait on the CPU until it is free.',
    body:
      'Cheap when held briefly by a thread that is running. Dangerous with user-level threads: if the holder has no LWP (or its ' +
      'LWP is not on a CPU), the spinners burn CPU and the holder never frees it.',
    models: {
      'one-to-one': 'Spinners waste CPU while the holder\'s LWP is preempted.',
      'many-to-one': 'A spinner holds the only LWP: if the holder is another thread of the process, it can never run.',
      'many-to-many': 'Spinners can occupy every pool LWP so the holder never runs again.',
    },
    cost: 'Spinning time is counted in `spinTime`.',
  },
  {
    id: 'semaphore',
    title: 'Semaphore',
    category: 'sync',
    words: ['semaphore'],
    summary: 'A counter: `wait` takes a unit (waiting at 0), `post` adds one. `semaphore s = N` sets the initial count (default 0).',
    body: 'No owner: any thread may post. At top level a kernel semaphore, which blocks the LWP in the kernel in every model.',
    models: { 'one-to-one': 'A waiting LWP blocks in the kernel.' },
  },
  {
    id: 'barrier',
    title: 'Barrier',
    category: 'sync',
    words: ['barrier'],
    summary: '`barrier b = N`: threads that `arrive b` wait until N have arrived; the N-th releases them all and the barrier starts its next round.',
    body:
      'The count is required (at least 1). In a process a library barrier; at top level a kernel barrier, which blocks the LWP ' +
      'in the kernel in every model. A barrier in a loop synchronizes every iteration; if fewer than N threads can ever arrive, ' +
      'the run ends in a deadlock that names who never arrives.',
    models: {
      'one-to-one': 'A waiter\'s LWP blocks in the kernel (one `mode-switch`); the last arriver pays one `mode-switch` per waiter it wakes.',
      'many-to-one': 'Waiters are parked by the library; the LWP runs another thread, so the N threads share it in turn.',
      'many-to-many': 'Waiters are parked by the library (a `bound` waiter blocks its own LWP); their LWPs run other threads.',
    },
    cost: 'A kernel barrier costs one `mode-switch` per `arrive`.',
  },
];
