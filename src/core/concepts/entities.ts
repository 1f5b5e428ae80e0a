import type { Concept } from './types';
import { COST_PRESETS } from '../language/costPresets';

/** The things a scenario is made of (LANGUAGE.md §4) and the declarations that make them. */
export const ENTITY_CONCEPTS: readonly Concept[] = [
  {
    id: 'lwp',
    title: 'LWP (light-weight process)',
    category: 'entity',
    words: ['LWP'],
    summary: 'The kernel-scheduled entity: a kernel thread with a user-level context that user threads run on.',
    body:
      'An LWP is what the kernel schedules on a CPU. It knows nothing about user threads: a user thread runs only while the ' +
      'thread library has placed it on an LWP and the kernel has placed that LWP on a CPU. A blocking system call blocks the ' +
      'LWP, and with it whatever user thread it carries.',
    models: {
      'one-to-one': 'One LWP per thread, created and destroyed with it.',
      'many-to-one': 'Exactly one LWP per process.',
      'many-to-many': 'A pool of `lwps N`, plus one per bound thread; `upcalls` and `sigwaiting` add more.',
    },
    history:
      'The term is older than SunOS (e.g. Kepecs, "Lightweight Processes for UNIX Implementation and Applications", USENIX 1985). ' +
      'SunOS/Solaris gave it its two-level meaning — LWPs between kernel threads and user threads, from Solaris 2.2 (Powell et al., ' +
      '"SunOS Multi-thread Architecture", USENIX Winter 1991).',
  },
  {
    id: 'user-thread',
    title: 'User thread',
    category: 'entity',
    words: ['thread'],
    summary: 'A thread of the program, scheduled by the thread library onto LWPs; `thread name * N { … }` declares N instances.',
    body:
      '`thread worker * 4 { … }` declares four instances, `worker#1` … `worker#4`, that run the same script. Options: `bound`, ' +
      '`priority P`, `start D`, `spawned`. A thread starts at its `start` time (default 0) at no cost, unless it is `spawned`, in ' +
      'which case only a `spawn` statement starts it.',
    models: {
      'one-to-one': 'Each instance gets its own LWP.',
      'many-to-one': 'All instances share the process\'s one LWP.',
      'many-to-many': 'Instances share the pool, except bound ones.',
    },
  },
  {
    id: 'kernel-thread',
    title: 'Kernel thread',
    category: 'entity',
    words: [],
    summary: 'The unit the kernel schedules; an LWP is a kernel thread that carries a user-level context.',
    body:
      'The kernel scheduler places kernel threads on CPUs. In this simulator every kernel thread the user program can use is an ' +
      'LWP; kernel-internal threads are not modelled.',
    history: 'Linux makes no distinction: every thread is a task, scheduled like a process that happens to share resources with others.',
  },
  {
    id: 'process',
    title: 'Process',
    category: 'entity',
    words: ['process'],
    summary: 'An address space holding user threads, LWPs and library synchronization objects, with a threading model.',
    body:
      'Threads of one process share its memory and its library objects. Switching a CPU between LWPs of different processes ' +
      'also pays `address-space-switch`. Options: `model`, `upcalls`, `sigwaiting`, `scheduler`.',
  },
  {
    id: 'cpu',
    title: 'CPU',
    category: 'machine',
    words: ['cpus'],
    summary: 'Number of CPUs (default 1). A CPU runs at most one LWP at any instant.',
    body: 'The kernel scheduler uses the idle CPU with the lowest number first. `lwp run --cpus N` overrides this value.',
  },
  {
    id: 'machine',
    title: 'Machine',
    category: 'machine',
    words: ['machine'],
    summary: 'The hardware and kernel: `cpus`, the kernel `scheduler`, `costs` and the simulated-time `limit`.',
    body: 'At most one `machine { … }` block; everything in it has a default (1 CPU, round-robin with a 10ms quantum, the default costs, a 60s limit).',
  },
  {
    id: 'scenario',
    title: 'Scenario',
    category: 'machine',
    words: ['scenario'],
    summary: 'The title of this scenario, shown in reports and the chart.',
    body: '`scenario "Title"` — at most one per file.',
  },
  {
    id: 'costs',
    title: 'Costs',
    category: 'machine',
    words: ['costs'],
    summary: 'Set the price of each mechanism: `costs { kernel-switch 5us  user-switch 200ns }`, a preset (`costs linux`), or both.',
    body:
      'Each mechanism\'s price is CPU time, drawn as overhead on the CPU that pays it. Names: `mode-switch`, `kernel-switch`, ' +
      '`address-space-switch`, `user-switch`, `user-create`, `kernel-create`, `upcall`. Presets: ' +
      COST_PRESETS.map((p) => `\`${p.word}\``).join(', ') +
      '; entries in braces after a preset override it (`costs linux { kernel-switch 3us }`).',
  },
  {
    id: 'limit',
    title: 'Time limit',
    category: 'machine',
    words: ['limit'],
    summary: 'The simulated-time bound (default 60s); a run that reaches it ends with status `limit`.',
    body: 'Use it to stop scenarios with `forever` loops or spinning threads. The run\'s result is `limit`, and the report says which threads still spin.',
  },
  {
    id: 'quantum',
    title: 'Quantum',
    category: 'machine',
    words: ['quantum'],
    summary: 'The longest a round-robin scheduler lets one LWP (kernel) or one thread (library) run before the next gets its turn.',
    body:
      'In the machine\'s `scheduler round-robin quantum Q` (default 10ms) the kernel puts an LWP at the tail of its run queue ' +
      'after Q. In a process\'s `scheduler round-robin quantum Q` the thread library preempts the user thread on an LWP after Q.',
  },
  {
    id: 'latency',
    title: 'Target latency (fair)',
    category: 'machine',
    words: ['latency'],
    summary: 'The period in which `scheduler fair` tries to run every runnable LWP once (default 6ms, Linux\'s sched_latency_ns).',
    body:
      'Slices are shares of it by weight: two equal CPU-bound LWPs on one CPU get latency / 2 each. A woken LWP is placed at most ' +
      'latency / 2 behind the least-run one. A current Linux (EEVDF, 6.6+) gives slices of about its base slice instead; `latency 3ms` ' +
      'comes closer to what such a kernel shows for two threads.',
  },
  {
    id: 'granularity',
    title: 'Minimum granularity (fair)',
    category: 'machine',
    words: ['granularity'],
    summary: 'The shortest slice `scheduler fair` gives (default 750us, Linux\'s sched_min_granularity_ns), and how far ahead a running LWP must be for a waking one to preempt it.',
    body: 'With many runnable LWPs, latency × weight / total falls below it and every slice is the granularity. It may not exceed the latency.',
  },
  {
    id: 'start',
    title: 'Start time',
    category: 'option',
    words: ['start'],
    summary: 'When the thread starts (default 0), at no cost.',
    body: '`thread late start 5ms { … }`. Ignored for `spawned` threads, which start when spawned.',
  },
  {
    id: 'thread-priority',
    title: 'Thread priority',
    category: 'option',
    words: ['priority'],
    summary: 'The thread\'s priority, an integer; higher is more urgent (default 0).',
    body:
      'Used by a `priority` scheduler. In a many-to-many process it orders the library\'s ready queue; for one-to-one threads and ' +
      'bound threads it is also the LWP\'s kernel priority. Pool LWPs have kernel priority 0.',
  },
  {
    id: 'spawned',
    title: 'Spawned thread',
    category: 'option',
    words: ['spawned'],
    summary: 'The thread does not start on its own; `spawn name` statements create its instances.',
    body: 'Spawning a thread that is not declared `spawned` is an error; a `spawned` thread that is never spawned is a warning.',
  },
  {
    id: 'model',
    title: 'Threading model',
    category: 'option',
    words: ['model'],
    summary: 'How the process binds user threads to LWPs: `one-to-one` (1:1), `many-to-one` (N:1) or `many-to-many lwps N` (M:N).',
    body: 'The binding policy decides what a blocking call stops, whether threads of one process run in parallel, and what each switch costs.',
  },
  {
    id: 'parked-lwp',
    title: 'Parked LWP',
    category: 'entity',
    words: [],
    summary: 'A pool LWP with no user thread to run: it blocks in the kernel and is not runnable.',
    body:
      'When the library has no ready thread for an LWP, the LWP parks in the kernel. When a thread becomes ready and a parked LWP ' +
      'exists, the library wakes the LWP, and the waker pays one `mode-switch`.',
    models: { 'many-to-many': 'Pool LWPs park when the ready queue is empty.', 'many-to-one': 'The one LWP parks when no thread is ready.' },
    cost: '`mode-switch` for the wake-up, paid by the waker.',
  },
  {
    id: 'kernel-vs-library-objects',
    title: 'Kernel objects and library objects',
    category: 'sync',
    words: [],
    summary: 'A sync object declared at top level is a kernel object shared by all processes; one declared in a process belongs to its thread library.',
    body:
      'Waiting on a kernel object blocks the LWP in the kernel in every model. Waiting on a library object parks only the user ' +
      'thread in many-to-one and many-to-many, so the LWP can run another thread; in one-to-one the LWP blocks in the kernel either way.',
  },
  {
    id: 'deadlock',
    title: 'Deadlock',
    category: 'result',
    words: ['deadlock'],
    summary: 'Unfinished threads remain and no event can ever happen again.',
    body:
      'The report names, for each stuck thread, what it waits for — a mutex and its holder, a semaphore, a join, or an LWP when ' +
      'every LWP of its process is blocked in the kernel — with the statement it is stuck at.',
  },
  {
    id: 'expect',
    title: 'Expectation',
    category: 'result',
    words: ['expect', 'is'],
    summary: 'A checked claim about the run: `expect makespan < 40ms`, `expect status is completed`, `expect p.t#2.blocked == 0ns`.',
    body:
      'Each expectation passes or fails after the run; a failure is shown on its line with the actual value. Durations compare ' +
      'with durations, plain numbers with counts and ratios. `p.t.finish` without `#n` must hold for every instance. Files with ' +
      'expectations appear as tests in the Testing view and run with `lwp test`.',
  },
  {
    id: 'ask',
    title: 'Question',
    category: 'result',
    words: ['ask', 'first', 'last'],
    summary: 'A question for the learner, answered before the run is shown: `ask makespan`, `ask status`, `ask first p.a p.b "Which finishes first?"`.',
    body:
      'Questions never fail: the run computes each true answer. "LWP: Predict Then Run" and `lwp quiz` ask them before showing the run, ' +
      'then mark each prediction right or wrong and explain it. A duration is right within 10 %, a ratio within 0.05, a count exactly; ' +
      '`first` and `last` name which of the listed threads finishes first or last. An optional string is the question as the learner reads it.',
  },
  {
    id: 'completed',
    title: 'Completed',
    category: 'result',
    words: ['completed'],
    summary: 'Every thread exited; the makespan is that instant.',
    body: 'The run status when all threads finish.',
  },
  {
    id: 'limit-status',
    title: 'Limit reached',
    category: 'result',
    words: ['limit'],
    summary: 'Simulated time reached the machine\'s `limit` before every thread exited.',
    body: 'Often a `forever` loop, or threads spinning on a spinlock whose holder has no LWP to run on; the report says which.',
  },
];
