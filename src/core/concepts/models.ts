import type { Concept } from './types';

/** The three binding policies (LANGUAGE.md §5) and the options that tune them. */
export const MODEL_CONCEPTS: readonly Concept[] = [
  {
    id: 'one-to-one',
    title: 'One-to-one model (1:1)',
    category: 'model',
    words: ['one-to-one', '1:1'],
    summary: 'Every user thread has its own LWP, created with it and gone when it exits.',
    body:
      'Each user thread is permanently paired with a kernel-scheduled LWP. The kernel sees every thread, so a blocking call ' +
      'blocks only the thread that made it and threads of one process run on several CPUs at once. There is no user-level ' +
      'switching: every switch between threads is a kernel switch, and creating a thread creates an LWP.',
    models: {
      'one-to-one':
        'Simulated: one LWP per thread instance, created at its start and destroyed at its exit. `sleep`, `lock` on a held mutex, ' +
        '`wait` and `join` block the LWP in the kernel; `yield` is `sched_yield` (a `mode-switch` and the tail of the kernel run queue). ' +
        'The process `scheduler` has no effect (warning); `bound` is redundant (warning).',
    },
    cost: '`kernel-create` per `spawn`; `kernel-switch` (plus `address-space-switch` across processes) per switch; no `user-switch`.',
    history:
      'Linux implements threads as processes (tasks) that share an address space and other resources through clone(); NPTL (2003) is 1:1. ' +
      'Solaris 8 shipped an alternate 1:1 libthread and in Solaris 9 1:1 became the only model; NetBSD 5.0 moved to a scalable 1:1 model, ' +
      'replacing its scheduler-activations M:N library. Windows threads are 1:1 too.',
  },
  {
    id: 'many-to-one',
    title: 'Many-to-one model (N:1)',
    category: 'model',
    words: ['many-to-one', 'N:1'],
    summary: 'All user threads of the process share exactly one LWP; the thread library switches between them.',
    body:
      'The thread library multiplexes every user thread of the process on a single LWP. Switches between threads are cheap ' +
      'user-level switches that never enter the kernel, but the kernel knows only the one LWP: the process can use at most one ' +
      'CPU, and when any thread makes a blocking system call the LWP blocks and every thread of the process stops with it.',
    models: {
      'many-to-one':
        'Simulated: one LWP for the whole process. `io` blocks that LWP, so every thread of the process waits until it returns. ' +
        '`sleep`, mutexes, library semaphores and `join` only park the thread; the LWP runs another one. `bound` is an error.',
    },
    cost: '`user-switch` between threads, `user-create` per `spawn`; `kernel-switch` only when the kernel switches LWPs.',
    history:
      'The model of early "green threads" packages such as Java 1.1 green threads and GNU Pth: portable, cheap, and unable to use a second CPU.',
  },
  {
    id: 'many-to-many',
    title: 'Many-to-many model (M:N)',
    category: 'model',
    words: ['many-to-many', 'M:N'],
    summary: 'User threads are multiplexed over a pool of N LWPs; bound threads get their own LWP.',
    body:
      'The two-level model: the kernel schedules a pool of LWPs on CPUs, and the thread library schedules user threads on the ' +
      'LWPs of the pool. Threads are cheap to create and switch, and up to N of them run in parallel. A blocking `io` takes its ' +
      'LWP with it, so the pool that can run user threads shrinks by one until the call returns — unless `upcalls on`, ' +
      '`sigwaiting on` or `handoff after D` replace the lost LWP. A pool LWP with no thread to run is parked in the kernel.',
    models: {
      'many-to-many':
        'Simulated: `lwps N` pool LWPs created at start (priority 0 for the kernel), plus one dedicated LWP per `bound` thread. ' +
        '`sleep`, mutexes, library semaphores and `join` park only the thread; `io` blocks the thread and its LWP.',
    },
    cost: '`user-switch` between threads on a pool LWP, `user-create` per `spawn` (`kernel-create` for bound threads), `kernel-switch` when the kernel switches LWPs.',
    history:
      'Solaris had a separate LWP layer from Solaris 2.2 and used many-to-many threads until Solaris 9, where 1:1 became the only model. ' +
      'Go\'s runtime is M:N today: goroutines on GOMAXPROCS run slots, a blocked thread\'s slot handed off (`handoff after D`). ' +
      'IRIX, SCO OpenServer, HP-UX and AIX also allowed many-to-many threading.',
  },
  {
    id: 'lwps',
    title: 'LWP pool size (`lwps N`)',
    category: 'option',
    words: ['lwps'],
    summary: 'How many LWPs the many-to-many library multiplexes its unbound threads over.',
    body:
      '`model many-to-many lwps N` gives the process a pool of N LWPs, all created at time 0. At most N unbound threads run at ' +
      'once. Bound threads are not counted: each has its own LWP. In the Solaris API this is the concurrency level that ' +
      '`thr_setconcurrency()` hinted at.',
    models: { 'many-to-many': 'The pool starts with N LWPs; `sigwaiting on` may grow it up to `max`. With `handoff after D`, N is the number of run slots (Go\'s GOMAXPROCS).' },
  },
  {
    id: 'max',
    title: 'Pool upper bound (`max N`)',
    category: 'option',
    words: ['max'],
    summary: 'The most LWPs SIGWAITING or hand-offs may grow a many-to-many pool to (default: no limit).',
    body:
      '`model many-to-many lwps 2 max 4`: the pool starts with 2 LWPs and `sigwaiting on` may add LWPs one at a time until it ' +
      'holds 4. With `handoff after D` it bounds every LWP of the pool: those holding a run slot, those blocked after handing ' +
      'theirs off, and idle ones. Without `max` the pool may grow without bound (up to the simulator\'s LWP cap).',
    models: { 'many-to-many': 'Only meaningful with `sigwaiting on` or `handoff after D`.' },
  },
  {
    id: 'bound',
    title: 'Bound thread',
    category: 'option',
    words: ['bound'],
    summary: 'A user thread permanently attached to its own LWP, never multiplexed.',
    body:
      'A bound thread gets a dedicated LWP created with it, so it is scheduled by the kernel directly: its priority is the ' +
      'LWP\'s kernel priority and it never waits for a pool LWP. Use it for a thread that must react in time (a watchdog, a ' +
      'real-time task) in a many-to-many process.',
    models: {
      'one-to-one': 'Redundant (warning): every thread is already bound.',
      'many-to-one': 'An error: the process has only one LWP.',
      'many-to-many': 'A dedicated LWP outside the pool, created with the thread; the LWP\'s kernel priority is the thread\'s.',
    },
    cost: '`kernel-create` when spawned (instead of `user-create`).',
    history: 'Solaris `THR_BOUND` (thr_create) and POSIX `PTHREAD_SCOPE_SYSTEM` contention scope.',
  },
  {
    id: 'upcalls',
    title: 'Upcalls (scheduler activations)',
    category: 'option',
    words: ['upcalls'],
    summary: 'When an LWP blocks in the kernel, the kernel gives the process a fresh one through an upcall (at once, or `after D`).',
    body:
      'With `upcalls on` the kernel and the thread library cooperate: when an LWP blocks in the kernel, the kernel creates a ' +
      'new LWP (an activation) and makes an upcall into the library on it, so the number of LWPs able to run user threads ' +
      'stays N. When the blocking call finishes, a second upcall tells the library, which puts the thread back on its ready ' +
      'queue and discards the old LWP. `upcalls on after 2ms` acts only for an LWP still blocked 2 ms after it blocked; a ' +
      'call that returns sooner resumes on its own LWP and makes no upcall.',
    models: {
      'one-to-one': 'No effect: there is no pool to keep full.',
      'many-to-one': 'No effect: many-to-many only.',
      'many-to-many': 'Two upcalls per blocking `io`: one when it blocks, one when it returns.',
    },
    cost: '`upcall` per upcall (counted in the `upcalls` metric).',
    history:
      'Scheduler activations were proposed by Anderson, Bershad, Lazowska and Levy (SOSP 1991); NetBSD built its M:N threads ' +
      'on them until 5.0 moved to 1:1.',
  },
  {
    id: 'sigwaiting',
    title: 'SIGWAITING',
    category: 'option',
    words: ['sigwaiting'],
    summary: 'When every pool LWP is blocked in the kernel while threads are ready, the library adds one more LWP.',
    body:
      'With `sigwaiting on`, when every LWP of the pool is blocked in the kernel and the library still has ready user threads, ' +
      'the kernel signals the process and the library creates one more LWP, up to `max`. The pool never shrinks back. ' +
      '`sigwaiting on after D` counts an LWP as blocked only once it has been blocked for D. Solaris sent the signal only when ' +
      'every LWP was in an *indefinite* wait (a terminal or network read, not a disk read); the simulator treats every ' +
      'kernel block of a pool LWP — `io` included — as one.',
    models: {
      'one-to-one': 'No effect: every thread has its own LWP.',
      'many-to-one': 'No effect: many-to-many only.',
      'many-to-many': 'Each signal adds one LWP (counted in the `sigwaiting` metric).',
    },
    cost: '`kernel-create` for each LWP it creates.',
    history:
      'Solaris 2 libthread (Stein and Shah, USENIX Summer 1992): the kernel sent SIGWAITING when all of a process\'s LWPs were ' +
      'blocked in indefinite waits, so the library could grow the pool. Solaris 2.6 added a scheduler-activation-style ' +
      'interface between the kernel and libthread (an upcall to the library when an LWP blocks).',
  },
  {
    id: 'handoff',
    title: 'Hand-off of run slots (Go-like)',
    category: 'option',
    words: ['handoff'],
    summary: '`lwps N` run slots; an LWP blocked in the kernel longer than D gives its slot to another LWP.',
    body:
      'With `handoff after D` the pool works as Go\'s runtime does: `lwps N` is the number of LWPs that may run user threads ' +
      'at once (GOMAXPROCS, Go\'s Ps). An LWP that blocks in the kernel keeps its slot for D; if it is still blocked then ' +
      '(Go\'s sysmon notices a P stuck in a system call), the slot goes to an idle LWP, or to a new one for a thread waiting ' +
      'to run. When the call returns, the LWP takes a free slot and carries on; if none is free, it puts its thread on the ' +
      'ready queue and goes idle. A call shorter than D never hands off. `max` bounds all the LWPs of the pool.',
    models: {
      'one-to-one': 'An error: many-to-many only.',
      'many-to-one': 'An error: many-to-many only.',
      'many-to-many': 'Counted in the `handoffs` metric; excludes `upcalls on` and `sigwaiting on`.',
    },
    cost: '`kernel-create` for each new LWP a hand-off needs (idle LWPs are reused).',
    history:
      'Go\'s scheduler (runtime/proc.go): sysmon retakes the P of an M blocked in a system call for more than a sysmon tick ' +
      '(20 µs to 10 ms) and hands it off; an M returning from a system call without a P puts its goroutine on the global run queue and stops.',
  },
  {
    id: 'after',
    title: 'Hand-off delay (`after D`)',
    category: 'option',
    words: ['after'],
    summary: 'How long an LWP must stay blocked in the kernel before the library acts on it.',
    body:
      '`upcalls on after D`, `sigwaiting on after D` and `handoff after D`: the library acts only for an LWP still blocked ' +
      'D after it blocked, at exactly that instant. A call that returns first (even at exactly D) resumes on its own LWP and ' +
      'nothing happens. Without `after`, upcalls and SIGWAITING act at once.',
  },
];
