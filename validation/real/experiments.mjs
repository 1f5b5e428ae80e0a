// The experiments of `npm run validate:real` (scripts/validate-real.mjs): for
// each, how the real programs are run, how the simulator is run on the
// matching scenario of this folder, which figure is compared, and the
// tolerance — fixed here, before any run, and never moved to make a result
// agree. Figures are ratios and shapes (speedups, makespan ratios, finish
// over ideal, fractions, statuses), not absolute times: the machine is
// shared. Cost rows compare absolute per-operation costs, measured in CPU
// time, with what the simulator charges; they check a cost table, not a
// mechanism.
//
// The scenarios use issue 14's fidelity features where the runtime has them:
// `scheduler fair` (set to the kernel's EEVDF slice), `handoff after D` for
// Go, `costs linux`. `pending` may name what the simulator still lacks for
// an experiment.

/** The CPU a one-CPU experiment is pinned to, and the pair for two. */
export const ONE_CPU = '1';
export const TWO_CPUS = '0,1';

/**
 * Tolerances, fixed in advance.
 *  ratio [lo, hi]: real / simulated must lie in [lo, hi].
 *  within d:       |real - simulated| <= d (fractions).
 *  equal:          the same value (statuses).
 */
export const TOLERANCE = {
  shape: { kind: 'ratio', lo: 0.75, hi: 1.33 }, // speedups, makespan ratios, finish/ideal
  slice: { kind: 'ratio', lo: 0.67, hi: 1.5 }, // time-slice length
  cost: { kind: 'ratio', lo: 0.5, hi: 2 }, // one operation's cost: the right order, within 2x
  fraction: { kind: 'within', d: 0.25 }, // share of trials in which something happened
  status: { kind: 'equal' },
};

const speedup = (one, two) => one.makespan_ns / two.makespan_ns;

/** A share of a blocking call during which other threads computed, as a word: under 5 % is a stall. */
const overlapWord = (share) => (share >= 0.05 ? 'overlapped' : 'stalled');

/** Per-thread fields of a simulated run, by thread id. */
const thread = (sim, id) => {
  const t = sim.threads.find((x) => x.id === id);
  if (!t) throw new Error(`no thread ${id} in the simulated run`);
  return t;
};

/**
 * A figure marked `wall` is made of wall-clock times, which the neighbours
 * on a shared machine lengthen: when the load average exceeds the CPUs, a
 * wall figure outside its tolerance is reported as inconclusive rather than
 * as a disagreement (scripts/validate-real.mjs). The others are made of CPU
 * time or outcomes and always count.
 *
 * Each experiment: `runs` are the real runs of one repetition (program,
 * arguments, CPUs; `needs` a runtime that may be missing); `real(r)` turns one
 * repetition's results (by run key) into the figure; `sims` are simulator runs
 * and `sim(s)` the simulated figure. `pending` says what in issue 14 should
 * move the simulated figure.
 */
export const EXPERIMENTS = [
  ...[
    ['1:1 POSIX threads', 'pthreads', 'one-to-one'],
    ['N:1 GNU Pth', 'pth', 'many-to-one'],
    ['M:N Go', 'goroutines', 'many-to-many'],
  ].map(([label, prog, model]) => ({
    id: `compute-speedup-${prog}`,
    title: `compute scaling, ${label}: speedup 1 -> 2 CPUs (4 threads x 50 ms CPU)`,
    runs: {
      one: { prog, args: ['compute', '4', '50'], cpus: ONE_CPU },
      two: { prog, args: ['compute', '4', '50'], cpus: TWO_CPUS },
    },
    real: (r) => speedup(r.one, r.two),
    wall: true,
    sims: {
      one: { file: 'compute-scaling.lwp', flags: ['--model', model, '--cpus', '1'] },
      two: { file: 'compute-scaling.lwp', flags: ['--model', model, '--cpus', '2'] },
    },
    sim: (s) => s.one.makespan / s.two.makespan,
    tolerance: TOLERANCE.shape,
    unit: 'x',
  })),
  // Whether two threads ever computed at the same instant on two CPUs, seen
  // from inside (one notes another's progress while it runs without a
  // break): the shape that survives any load, since a neighbour can only
  // make such instants rarer, never create them under N:1.
  ...[
    ['1:1 POSIX threads', 'pthreads', 'one-to-one'],
    ['N:1 GNU Pth', 'pth', 'many-to-one'],
    ['M:N Go', 'goroutines', 'many-to-many'],
  ].map(([label, prog, model]) => ({
    id: `compute-parallel-${prog}`,
    title: `compute on 2 CPUs, ${label}: did two threads ever compute at the same instant?`,
    runs: { two: { prog, args: ['compute', '4', '50'], cpus: TWO_CPUS } },
    real: (r) => (r.two.parallel_windows > 0 ? 'parallel' : 'serial'),
    sims: { two: { file: 'compute-scaling.lwp', flags: ['--model', model, '--cpus', '2'] } },
    // In parallel if the run is shorter than its threads' running times end to end.
    sim: (s) => (s.two.makespan < 0.95 * s.two.threads.reduce((n, t) => n + t.running, 0) ? 'parallel' : 'serial'),
    tolerance: TOLERANCE.status,
  })),
  // The same work on two CPUs under each model against 1:1, run back to back:
  // on a loaded machine a ratio of neighbouring runs holds better than a
  // speedup, whose two halves meet different neighbours.
  ...[
    ['N:1 GNU Pth', 'pth', 'many-to-one'],
    ['M:N Go', 'goroutines', 'many-to-many'],
  ].map(([label, prog, model]) => ({
    id: `compute-vs-1to1-${prog}`,
    title: `compute on 2 CPUs, ${label}: makespan / makespan of 1:1`,
    runs: {
      base: { prog: 'pthreads', args: ['compute', '4', '50'], cpus: TWO_CPUS },
      model: { prog, args: ['compute', '4', '50'], cpus: TWO_CPUS },
    },
    real: (r) => r.model.makespan_ns / r.base.makespan_ns,
    wall: true,
    sims: {
      base: { file: 'compute-scaling.lwp', flags: ['--model', 'one-to-one', '--cpus', '2'] },
      model: { file: 'compute-scaling.lwp', flags: ['--model', model, '--cpus', '2'] },
    },
    sim: (s) => s.model.makespan / s.base.makespan,
    tolerance: TOLERANCE.shape,
    unit: 'x',
  })),
  ...[
    ['N:1 GNU Pth', 'pth', 'blocking-io-nto1.lwp'],
    ['M:N Go', 'goroutines', 'blocking-io-go.lwp'],
  ].map(([label, prog, file]) => ({
    id: `io-${prog}`,
    title: `blocking I/O on 1 CPU, ${label}: makespan / makespan of 1:1`,
    runs: {
      base: { prog: 'pthreads', args: ['io'], cpus: ONE_CPU },
      model: { prog, args: ['io'], cpus: ONE_CPU },
    },
    real: (r) => r.model.makespan_ns / r.base.makespan_ns,
    wall: true,
    sims: { base: { file: 'blocking-io-1to1.lwp' }, model: { file } },
    sim: (s) => s.model.makespan / s.base.makespan,
    tolerance: TOLERANCE.shape,
    unit: 'x',
  })),
  // Whether the other threads computed during the blocking call at all, in
  // CPU time: the textbook shape, which no neighbour can fake or hide (a
  // stalled process computes nothing, whatever the load).
  ...[
    ['1:1 POSIX threads', 'pthreads', 'blocking-io-1to1.lwp'],
    ['N:1 GNU Pth', 'pth', 'blocking-io-nto1.lwp'],
    ['M:N Go', 'goroutines', 'blocking-io-go.lwp'],
  ].map(([label, prog, file]) => ({
    id: `io-overlap-${prog}`,
    title: `blocking I/O on 1 CPU, ${label}: did the other threads compute during the call?`,
    runs: { run: { prog, args: ['io'], cpus: ONE_CPU } },
    real: (r) => overlapWord(r.run.overlap),
    sims: { run: { file } },
    // What the run saves against doing everything one after another, over the call's 30 ms.
    sim: (s) => overlapWord((s.run.threads.reduce((n, t) => n + t.running, 0) + 30e6 - s.run.makespan) / 30e6),
    tolerance: TOLERANCE.status,
  })),
  {
    id: 'timeslice',
    title: 'time slice of two CPU hogs on 1 CPU (median)',
    runs: { hogs: { prog: 'pthreads', args: ['slice', '150'], cpus: ONE_CPU } },
    real: (r) => r.hogs.slice_ns, // in the hog's own CPU time: a neighbour's turn does not lengthen it
    sims: { hogs: { file: 'timeslice.lwp', slices: true } },
    sim: (s) => s.hogs.sliceNs,
    tolerance: TOLERANCE.slice,
    unit: 'ns',
  },
  {
    id: 'wake',
    title: 'thread waking from I/O beside a CPU hog on 1 CPU: finish / ideal',
    runs: { wake: { prog: 'pthreads', args: ['wake'], cpus: ONE_CPU } },
    // The ideal plus the hog's CPU time while the waker was ready or running:
    // what other processes of a shared machine took is left out.
    real: (r) => r.wake.finish_hog_only_ns / r.wake.ideal_ns,
    sims: { wake: { file: 'wake.lwp' } },
    sim: (s) => thread(s.wake, 'app.waker').finish / 50e6,
    tolerance: TOLERANCE.shape,
    unit: 'x',
  },
  {
    id: 'pingpong-cpus',
    title: 'semaphore ping-pong, 1:1: hand-off on 2 CPUs / on 1 CPU (wall)',
    runs: {
      one: { prog: 'pthreads', args: ['pingpong', '20000'], cpus: ONE_CPU },
      two: { prog: 'pthreads', args: ['pingpong', '20000'], cpus: TWO_CPUS },
    },
    real: (r) => r.two.handoff_ns / r.one.handoff_ns,
    wall: true,
    sims: {
      one: { file: 'pingpong.lwp', flags: ['--cpus', '1'] },
      two: { file: 'pingpong.lwp', flags: ['--cpus', '2'] },
    },
    sim: (s) => s.two.makespan / s.one.makespan,
    tolerance: TOLERANCE.shape,
    unit: 'x',
  },
  ...[
    ['N:1 GNU Pth, read(2)', 'pth', 'deadlock', 'pool-deadlock-nto1.lwp'],
    ['N:1 GNU Pth, pth_read (the cure)', 'pth', 'deadlock-cure', 'pool-deadlock-pth-read.lwp'],
    ['1:1 POSIX threads', 'pthreads', 'deadlock', 'pool-deadlock-1to1.lwp'],
    ['M:N Go, GOMAXPROCS 1', 'goroutines', 'deadlock', 'pool-deadlock-go.lwp'],
  ].map(([label, prog, exp, file]) => ({
    id: `pool-${prog}-${exp}`,
    title: `LWP-pool deadlock shape, ${label}: outcome`,
    runs: { run: { prog, args: [exp], cpus: exp === 'deadlock' && prog === 'goroutines' ? ONE_CPU : TWO_CPUS, hangMs: 1000 } },
    real: (r) => r.run.status,
    sims: { run: { file } },
    sim: (s) => s.run.status,
    tolerance: TOLERANCE.status,
  })),
  ...[
    ['a 5 ms call', 'long', '5000'],
    ['a ~70 us call', 'short', '20'],
  ].map(([label, key, us]) => ({
    id: `handoff-${key}`,
    title: `Go hand-off, ${label} (GOMAXPROCS 1): share of calls whose slot is handed off`,
    runs: { run: { prog: 'goroutines', args: ['handoff', us, '20', '2'], cpus: ONE_CPU } },
    real: (r) => r.run.handoff_fraction,
    wall: true, // the monitor thread needs the CPU to notice
    sims: { run: { file: `go-handoff-${key}.lwp` } },
    sim: (s) => (thread(s.run, 'app.other').finish < thread(s.run, 'app.caller').finish ? 1 : 0),
    tolerance: TOLERANCE.fraction,
    unit: '',
  })),
  {
    id: 'handoff-delay',
    title: 'Go hand-off delay of a 5 ms call (median over calls handed off)',
    runs: { run: { prog: 'goroutines', args: ['handoff', '5000', '20', '2'], cpus: ONE_CPU } },
    real: (r) => (r.run.delay_ns >= 0 ? r.run.delay_ns : NaN),
    wall: true,
    sims: { run: { file: 'go-handoff-long.lwp' } },
    sim: (s) => thread(s.run, 'app.other').ready,
    tolerance: TOLERANCE.cost,
    unit: 'ns',
  },
  // Costs: one operation, in the process's CPU time on one CPU (what the
  // neighbours on a shared machine do not add to), against what the
  // simulator charges for the same program with today's costs.
  ...[
    ['system call (getppid)', 'pthreads', ['syscall', '200000'], 'per_call_ns', 'micro-syscall.lwp', [], 1000],
    ['futex hand-off (semaphore ping-pong, 1 CPU)', 'pthreads', ['pingpong', '20000'], 'cpu_per_handoff_ns', 'pingpong.lwp', [], 4000],
    [
      'futex hand-off across 2 CPUs (wall clock: the waiting CPU idles)',
      'pthreads',
      ['pingpong', '20000'],
      'handoff_ns',
      'pingpong.lwp',
      ['--cpus', '2'],
      4000,
      TWO_CPUS,
    ],
    ['pthread_create + join', 'pthreads', ['create', '3000'], 'per_op_ns', 'micro-create.lwp', [], 1000],
    [
      'goroutine switch (channel ping-pong, per hand-off)',
      'goroutines',
      ['pingpong', '200000'],
      'cpu_per_handoff_ns',
      'go-pingpong.lwp',
      [],
      4000,
    ],
    [
      'goroutine switch (runtime.Gosched)',
      'goroutines',
      ['gosched', '200000'],
      'per_switch_ns',
      'micro-yield.lwp',
      ['--model', 'many-to-many'],
      2000,
    ],
    ['goroutine spawn + wait', 'goroutines', ['spawn', '200000'], 'per_op_ns', 'micro-create.lwp', ['--model', 'many-to-many'], 1000],
    ['Pth user switch (pth_yield)', 'pth', ['switch', '20000'], 'per_switch_ns', 'micro-yield.lwp', [], 2000],
    ['pth_spawn + pth_join', 'pth', ['create', '20000'], 'per_op_ns', 'micro-create.lwp', ['--model', 'many-to-one'], 1000],
  ].map(([label, prog, args, field, file, flags, ops, cpus = ONE_CPU]) => ({
    id: `cost-${prog}-${args[0]}${cpus === ONE_CPU ? '' : '-2cpus'}`,
    title: `cost: ${label}`,
    cost: true,
    wall: cpus !== ONE_CPU,
    runs: { run: { prog, args, cpus } },
    real: (r) => r.run[field],
    sims: { run: { file, flags } },
    sim: (s) => s.run.makespan / ops,
    tolerance: TOLERANCE.cost,
    unit: 'ns',
  })),
];
