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
];
