import type { Concept } from './types';

/** Scheduling policies: the kernel's over LWPs (LANGUAGE.md §6) and each library's over user threads (§5). */
export const POLICY_CONCEPTS: readonly Concept[] = [
  {
    id: 'kernel-scheduler',
    title: 'Kernel scheduler',
    category: 'machine',
    words: ['scheduler'],
    summary: 'How the kernel shares CPUs among runnable LWPs of all processes (default `round-robin quantum 10ms`).',
    body:
      'One run queue of runnable LWPs across all processes and CPUs. When an LWP is preempted, the user thread on it stays on ' +
      'it — the library is not told — which is how a lock holder can be descheduled while others wait for it.',
  },
  {
    id: 'kernel:round-robin',
    title: 'Kernel round-robin',
    category: 'kernel-policy',
    words: ['round-robin'],
    summary: 'Each LWP runs for at most one quantum, then goes to the tail of the run queue.',
    body: '`scheduler round-robin quantum Q` (Q defaults to 10ms).',
  },
  {
    id: 'kernel:fifo',
    title: 'Kernel FIFO',
    category: 'kernel-policy',
    words: ['fifo'],
    summary: 'An LWP runs until it blocks or exits; no time slicing.',
    body: 'Runnable LWPs wait in arrival order.',
  },
  {
    id: 'kernel:priority',
    title: 'Kernel priority',
    category: 'kernel-policy',
    words: ['priority'],
    summary: 'The highest-priority runnable LWPs always run, preempting lower ones at once; round-robin among equals.',
    body: 'An LWP\'s priority is its thread\'s in one-to-one and for bound threads, 0 for pool LWPs. Equals share at the quantum (default 10ms).',
  },
  {
    id: 'kernel:fair',
    title: 'Kernel fair share (Linux CFS)',
    category: 'kernel-policy',
    words: ['fair'],
    summary: 'Runs the LWP that has had the least weighted CPU time; slices share a target latency; a waking LWP that has run less preempts at once.',
    body:
      '`scheduler fair latency 6ms granularity 750us` (those are the defaults), modelled on Linux\'s Completely Fair Scheduler. ' +
      'Each LWP\'s virtual runtime grows by its running time × 1024 / its weight; the LWP with the smallest runs next. ' +
      'A slice is max(granularity, latency × weight / the weight of it and the LWPs waiting): two CPU-bound LWPs on one CPU get 3ms each. ' +
      'A woken LWP starts at most latency / 2 behind the queue\'s minimum, and takes the CPU from a running LWP that is ahead of it by more than the granularity. ' +
      'An LWP\'s weight is Linux\'s for nice = −priority (clamped to −20…19): each step of priority is about 1.25× the CPU share.',
  },
  {
    id: 'user-scheduler',
    title: 'Thread library scheduler',
    category: 'option',
    words: ['scheduler'],
    summary: 'How the process\'s thread library orders its ready user threads (default `fifo`).',
    body: 'Chooses which ready user thread an LWP runs next.',
    models: { 'one-to-one': 'No effect (warning): the kernel schedules every thread.' },
  },
  {
    id: 'user:fifo',
    title: 'Library FIFO',
    category: 'user-policy',
    words: ['fifo'],
    summary: 'A thread keeps its LWP until it blocks, yields or exits (the default).',
    body: 'Ready threads wait in arrival order.',
  },
  {
    id: 'user:round-robin',
    title: 'Library round-robin',
    category: 'user-policy',
    words: ['round-robin'],
    summary: 'The library preempts the thread on an LWP at each quantum.',
    body: '`scheduler round-robin quantum Q`; each preemption is a `user-switch`.',
  },
  {
    id: 'user:priority',
    title: 'Library priority',
    category: 'user-policy',
    words: ['priority'],
    summary: 'Highest priority first, FIFO among equals; a newly ready thread of higher priority preempts the lowest-priority running one at once.',
    body: 'Priorities come from each thread\'s `priority P` option.',
  },
];
