/**
 * Random scenarios for property tests (fast-check): every model, pool
 * option, policy and cost set, with the useful work each declaration asks.
 */
import fc from 'fast-check';

export interface Gen {
  readonly text: string;
  /** Useful work (compute + syscall, ns) per thread declaration: key `process/declIndex`. */
  readonly work: ReadonlyMap<string, number>;
  readonly manyToOne: readonly number[];
}

const dur = fc.integer({ min: 0, max: 30 }).map((k) => k * 100_000);
type Stmt = { text: string; work: number };

const simple: fc.Arbitrary<Stmt> = fc.oneof(
  dur.map((d) => ({ text: `compute ${d}ns`, work: d })),
  dur.map((d) => ({ text: `syscall ${d}ns`, work: d })),
  dur.map((d) => ({ text: `io ${d}ns`, work: 0 })),
  dur.map((d) => ({ text: `sleep ${d}ns`, work: 0 })),
  fc.constant({ text: 'yield', work: 0 }),
  dur.map((d) => ({ text: `lock m { compute ${d}ns }`, work: d })),
  dur.map((d) => ({ text: `lock s { compute ${d}ns }`, work: d })),
  dur.map((d) => ({ text: `lock km { syscall ${d}ns }`, work: d })),
  fc.constant({ text: 'post sem', work: 0 }),
  fc.constant({ text: 'wait sem', work: 0 }),
  fc.constant({ text: 'post ksem', work: 0 }),
  fc.constant({ text: 'wait ksem', work: 0 }),
);

const body: fc.Arbitrary<Stmt[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: simple },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(simple, { minLength: 1, maxLength: 3 })).map(([n, b]) => ({ text: `repeat ${n} { ${b.map((s) => s.text).join(' ')} }`, work: n * b.reduce((a, s) => a + s.work, 0) })),
    },
  ),
  { minLength: 1, maxLength: 5 },
);

const process = fc.record({
  model: fc.constantFrom('one-to-one', 'many-to-one', 'many-to-many'),
  lwps: fc.integer({ min: 1, max: 3 }),
  upcalls: fc.boolean(),
  sigwaiting: fc.boolean(),
  // Hand-off delays (LANGUAGE.md §5): `handoff` excludes the other two.
  delay: fc.constantFrom('', '', 'after 0ns', 'after 300us', 'after 2ms'),
  handoff: fc.constantFrom(null, null, 'after 0ns', 'after 200us', 'after 1ms'),
  max: fc.boolean(),
  sched: fc.constantFrom('', 'scheduler fifo', 'scheduler round-robin quantum 1ms', 'scheduler priority'),
  threads: fc.array(fc.record({ count: fc.integer({ min: 1, max: 3 }), prio: fc.integer({ min: -2, max: 2 }), bound: fc.boolean(), start: fc.constantFrom(0, 0, 1_000_000), body }), { minLength: 1, maxLength: 3 }),
  spawner: fc.option(fc.record({ k: fc.integer({ min: 1, max: 3 }), join: fc.boolean(), body }), { nil: null }),
  sem: fc.integer({ min: 0, max: 2 }),
});

export const scenario: fc.Arbitrary<Gen> = fc
  .record({
    cpus: fc.integer({ min: 1, max: 4 }),
    kernel: fc.constantFrom('scheduler fifo', 'scheduler round-robin quantum 1ms', 'scheduler priority', 'scheduler priority quantum 500us', 'scheduler fair', 'scheduler fair latency 2ms granularity 500us'),
    costs: fc.constantFrom('', 'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }', 'costs { mode-switch 1us kernel-switch 7us user-switch 3us upcall 5us kernel-create 11us user-create 2us }'),
    ksem: fc.integer({ min: 0, max: 2 }),
    processes: fc.array(process, { minLength: 1, maxLength: 3 }),
  })
  .map((g) => {
    const work = new Map<string, number>();
    const manyToOne: number[] = [];
    let text = `machine { cpus ${g.cpus} ${g.kernel} ${g.costs} limit 500ms }\nsemaphore ksem = ${g.ksem}\nmutex km\n`;
    g.processes.forEach((p, pi) => {
      const mn = p.model === 'many-to-many';
      if (p.model === 'many-to-one') manyToOne.push(pi);
      const handoff = mn && p.handoff !== null;
      const model = mn ? `many-to-many lwps ${p.lwps}${handoff && p.max ? ` max ${p.lwps + 1}` : ''}` : p.model;
      const options = handoff ? `handoff ${p.handoff}` : `${mn && p.upcalls ? `upcalls on ${p.delay}` : ''} ${mn && p.sigwaiting ? `sigwaiting on ${p.delay}` : ''}`;
      text += `process p${pi} {\n  model ${model}\n  ${options}\n  ${p.model === 'one-to-one' ? '' : p.sched}\n  mutex m spinlock s semaphore sem = ${p.sem}\n`;
      p.threads.forEach((t, ti) => {
        const opts = [`priority ${t.prio}`, t.start ? `start ${t.start}ns` : '', mn && t.bound ? 'bound' : ''].join(' ');
        const spawn = ti === 0 && p.spawner ? `spawn h * ${p.spawner.k} ${p.spawner.join ? 'join h' : ''}` : '';
        text += `  thread t${ti} * ${t.count} ${opts} { ${spawn} ${t.body.map((s) => s.text).join(' ')} }\n`;
        work.set(`${pi}/${ti}`, t.body.reduce((a, s) => a + s.work, 0));
      });
      if (p.spawner) {
        text += `  thread h spawned { ${p.spawner.body.map((s) => s.text).join(' ')} }\n`;
        work.set(`${pi}/${p.threads.length}`, p.spawner.body.reduce((a, s) => a + s.work, 0));
      }
      text += '}\n';
    });
    return { text, work, manyToOne };
  });
