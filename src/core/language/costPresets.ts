/**
 * The named cost presets of `costs NAME` (LANGUAGE.md §8): the one table of
 * their values, each with where it comes from. The checker loads a preset
 * before the entries in braces; hovers, completion and the glossary
 * (concepts/costs.ts) render these same rows, so a number changed here
 * changes everywhere.
 *
 * A preset lists only the costs it has a source for; the others keep their
 * defaults (registry.ts COSTS). Every value is in ns.
 */
import type { CostName } from './registry';

export interface PresetCost {
  readonly ns: number;
  /** Where the value comes from: the measurement or table, and how it maps onto this cost. */
  readonly from: string;
}

export interface CostPreset {
  readonly word: string;
  readonly title: string;
  /** The machine and the software measured. */
  readonly machine: string;
  /** The citation (paper and table, or how and where it was measured). */
  readonly source: string;
  readonly costs: Partial<Record<CostName, PresetCost>>;
}

/**
 * Issue 14's measurements on the project's Linux machine (x86-64, a current
 * kernel; validation/real/ holds the programs that re-measure them). Kept
 * as named figures so that the derived costs below say what they are built from.
 */
const LINUX = {
  syscallNs: 1_000, // a null system call, entry and return
  futexHandOffNs: 2_300, // one hand-off of a futex ping-pong between two threads on one CPU
  goroutineSwitchNs: 120, // runtime.Gosched between two goroutines, GOMAXPROCS=1
  pthreadCreateJoinNs: 28_000, // pthread_create of an empty thread and its pthread_join
  goroutineSpawnWaitNs: 300, // go f() of an empty function and the wait for it (GOMAXPROCS=1)
} as const;

const LINUX_KERNEL: Partial<Record<CostName, PresetCost>> = {
  'mode-switch': { ns: LINUX.syscallNs, from: 'a null system call (entry and return): 1.0 µs' },
  'kernel-switch': {
    ns: LINUX.futexHandOffNs - 2 * LINUX.syscallNs,
    from: 'a futex hand-off, 2.3 µs, less the two kernel entries the simulator charges for it (the waker’s post and the waiter’s wait, 2 × 1.0 µs): 0.3 µs',
  },
  'kernel-create': {
    ns: LINUX.pthreadCreateJoinNs - 2 * LINUX.syscallNs - 2 * (LINUX.futexHandOffNs - 2 * LINUX.syscallNs),
    from: 'pthread_create + pthread_join of an empty thread, 28 µs, less what the simulator charges besides the creation (the join’s block and the exit’s wake-up, 2 × 1.0 µs, and two kernel switches, 2 × 0.3 µs): 25.4 µs',
  },
};

export const COST_PRESETS: readonly CostPreset[] = [
  {
    word: 'default',
    title: 'The defaults',
    machine: 'orders of magnitude of a current machine',
    source: 'LANGUAGE.md §8',
    costs: {},
  },
  {
    word: 'linux',
    title: 'Linux: POSIX threads and Go',
    machine: 'x86-64 Linux (the project’s machine): NPTL for kernel costs, Go’s runtime for user-level ones',
    source: 'measured for issue 14 (system call, futex ping-pong, goroutine switch, pthread_create+join, goroutine spawn+wait; programs and method in validation/real/ and docs/validation.md)',
    costs: {
      ...LINUX_KERNEL,
      'user-switch': { ns: LINUX.goroutineSwitchNs, from: 'a goroutine switch (Gosched, one P): 0.12 µs' },
      'user-create': {
        ns: LINUX.goroutineSpawnWaitNs - 2 * LINUX.goroutineSwitchNs,
        from: 'a goroutine spawn + wait, 0.3 µs, less the two user switches the simulator charges for it (to the child and back, 2 × 0.12 µs): 0.06 µs',
      },
    },
  },
  {
    word: 'firefly',
    title: 'DEC SRC Firefly: FastThreads and Topaz',
    machine: 'DEC SRC Firefly (CVAX processors), Topaz kernel threads, FastThreads on Topaz',
    source:
      'Anderson, Bershad, Lazowska, Levy, “Scheduler Activations”, SOSP 1991 / ACM TOCS 10(1) 1992: Table IV (Null Fork 34 / 948 µs, Signal-Wait 37 / 441 µs for FastThreads on Topaz / Topaz threads) and §5.2 (2.4 ms Signal-Wait through the kernel with activations); the calibration is docs/validation.md',
    costs: {
      'mode-switch': { ns: 19_000, from: 'a kernel trap: 19 µs, a value this project assumes with the 7 µs procedure call (no page of the paper gives them; docs/validation.md)' },
      'kernel-switch': { ns: 182_500, from: 'calibrated: Topaz Signal-Wait 441 µs = 4 traps × 19 µs + 2 kernel switches' },
      'address-space-switch': { ns: 0, from: 'not exercised: every Firefly benchmark is one address space' },
      'user-switch': { ns: 4_500, from: 'calibrated: FastThreads Signal-Wait 37 µs = 4 package calls × 7 µs + 2 user switches (on scheduler activations it is 6 µs: `costs firefly { user-switch 6us }`)' },
      'user-create': { ns: 4_000, from: 'calibrated: FastThreads Null Fork 34 µs = 3 package calls × 7 µs + the creation + 2 user switches × 4.5 µs' },
      'kernel-create': { ns: 538_000, from: 'calibrated: Topaz Null Fork 948 µs = the creation + 2 traps + 2 kernel switches + the child’s 7 µs call' },
      upcall: { ns: 580_000, from: '§5.2: Signal-Wait through the kernel on the untuned activations prototype took 2.4 ms ≈ 4 traps + 4 upcalls, so (2400 − 76) / 4 ≈ 580 µs' },
    },
  },
  {
    word: 'pth',
    title: 'GNU Pth on Linux',
    machine: 'GNU Pth 2.0 (many-to-one) on the same Linux machine as `linux`',
    source:
      'measured for issue 14 (a Pth yield ping-pong: 27 µs per switch, about 20 system calls each in strace); why: every Pth switch passes through its scheduler thread (pth_sched.c), two machine-context switches that save and restore the signal mask (sigprocmask), gettimeofday for its time accounting, and the event manager’s sigpending and select() poll',
    costs: {
      ...LINUX_KERNEL,
      'user-switch': { ns: 27_000, from: 'a Pth thread switch (pth_yield ping-pong): 27 µs, about 20 system calls' },
    },
  },
];

export const COST_PRESET_WORDS: readonly string[] = COST_PRESETS.map((p) => p.word);

export function costPreset(word: string): CostPreset | undefined {
  return COST_PRESETS.find((p) => p.word === word);
}
