/**
 * `lwp explain FILE --at T [--thread NAME] [--json]`: why a thread is not
 * running at instant T — its state, the cause, and whom that waits for, to
 * the root (core/explain). Without --thread, every thread alive and not
 * running at T. Exit 0, 1 the file has errors, 2 usage (a bad time, an
 * unknown thread).
 */
import { suggest } from '../../core/diagnostics/suggest';
import { Explainer, type Cause, type Explanation } from '../../core/explain';
import { stateLabel } from '../../core/chart/palette';
import { simulate } from '../../core/sim/simulate';
import { formatDuration, parseDuration } from '../../core/units';
import { parseCommandArgs, type OptionSpecs } from '../args';
import { loadFile, wrap } from '../format';
import { Exit, type Command } from '../io';

const USAGE = `usage: lwp explain FILE --at TIME [--thread NAME] [--json]

Explains why threads are not running at an instant of the run: the state,
its cause, and whom that waits for, following the chain to its root.
  --at TIME       the instant, e.g. 5ms or 250us (past the end: how the run ended)
  --thread NAME   one thread, named as 'lwp run' names it (server.worker#3);
                  without it, every thread alive and not running at TIME
  --json          one JSON object instead (times in ns, lines 1-based)
`;

const OPTIONS = {
  at: { type: 'string', value: 'a time such as 5ms' },
  thread: { type: 'string', value: 'a thread name such as server.worker#3' },
  json: { type: 'boolean' },
} as const satisfies OptionSpecs;

const command: Command = (args, io) => {
  const p = parseCommandArgs('explain', args, OPTIONS, USAGE, io);
  if (p === null) return Promise.resolve(Exit.Usage);
  if (p.help) {
    io.stdout(USAGE);
    return Promise.resolve(Exit.Ok);
  }
  const fail = (msg: string): Promise<number> => {
    io.stderr(`lwp explain: ${msg}\n\n${USAGE}`);
    return Promise.resolve(Exit.Usage);
  };
  const [file, ...extra] = p.positionals;
  if (file === undefined) return fail('which file? e.g. lwp explain examples/04-lwp-pool-deadlock.lwp --at 0ns');
  if (extra.length) return fail(`one file at a time (got '${file}' and '${extra[0]}')`);
  const atText = p.values.at;
  if (typeof atText !== 'string') return fail('--at is required: the instant to explain, e.g. --at 5ms');
  const at = parseDuration(atText);
  if (!at.ok) return fail(`--at needs a duration with a unit (ns, us, ms, s), such as 5ms, not '${atText}'`);
  const loaded = loadFile(file, io, 'explain', io.stderr);
  if (loaded === null) return Promise.resolve(Exit.Usage);
  if (loaded.scenario === null) {
    io.stderr(`lwp explain: ${file} has errors; nothing was simulated\n`);
    return Promise.resolve(Exit.FileErrors);
  }
  const run = simulate(loaded.scenario);
  const ex = new Explainer(loaded.scenario, run, loaded.text);
  let ids: number[];
  const name = p.values.thread;
  if (typeof name === 'string') {
    const id = ex.threadId(name);
    if (id < 0) {
      const near = suggest(name, ex.threadNames());
      return fail(`no thread '${name}' in this run${near ? ` — did you mean '${near}'?` : ''} (threads: ${ex.threadNames().slice(0, 12).join(', ')}${ex.threadNames().length > 12 ? ', …' : ''})`);
    }
    ids = [id];
  } else ids = ex.waitingAt(at.ns);
  const out = ids.map((id) => ex.explain(id, at.ns));
  if (p.values.json === true) {
    io.stdout(JSON.stringify({ file, time: at.ns, status: run.status, end: run.trace.endTime, explanations: out.map((e) => explanationJson(e, ex)) }) + '\n');
    return Promise.resolve(Exit.Ok);
  }
  if (out.length === 0) {
    io.stdout(`At ${formatDuration(at.ns)} every thread alive is running (or none is alive). Name one with --thread to see what it does.\n`);
    return Promise.resolve(Exit.Ok);
  }
  const blocks = out.map((e) => {
    const lines = [`${e.name} at ${formatDuration(e.time)}:`];
    if (e.preface) lines.push(indent(e.preface, '  '));
    e.steps.forEach((s, i) => lines.push(indent(s.text, i === 0 ? '  ' : '  ↳ ')));
    if (e.verdict) lines.push(indent(e.verdict, '  ⟲ '));
    const refs = [...new Map(e.steps.flatMap((s) => s.refs).map((r) => [r.start, r])).values()].sort((a, b) => a.start - b.start);
    if (refs.length) lines.push(`  see ${file} line${refs.length > 1 ? 's' : ''} ${refs.map((r) => r.line).join(', ')}`);
    return lines.join('\n');
  });
  io.stdout(blocks.join('\n\n') + '\n');
  return Promise.resolve(Exit.Ok);
};
export default command;

function indent(text: string, first: string): string {
  const pad = ' '.repeat([...first].length);
  return wrap(text, 100 - pad.length)
    .split('\n')
    .map((l, i) => (i === 0 ? first : pad) + l)
    .join('\n');
}

/** An explanation for --json: thread ids as names, states as their labels. */
export function explanationJson(e: Explanation, ex: Explainer): Record<string, unknown> {
  const n = (id: number): string | null => (id >= 0 ? (ex.run.threads.id[id] ?? null) : null);
  return {
    thread: e.name,
    time: e.time,
    cycle: e.cycle,
    text: e.text,
    steps: e.steps.map((s) => ({ thread: s.name, state: stateLabel(s.state), since: s.since, until: s.until, cause: causeJson(s.cause, n, ex), text: s.text, refs: s.refs })),
  };
}

function causeJson(c: Cause, n: (id: number) => string | null, ex: Explainer): Record<string, unknown> {
  const sync = (i: number): string | null => ex.scenario.syncs[i]?.name ?? null;
  switch (c.kind) {
    case 'lock':
      return { ...c, sync: sync(c.sync), holder: n(c.holder) };
    case 'semaphore':
      return { ...c, sync: sync(c.sync) };
    case 'barrier':
      return { ...c, sync: sync(c.sync), arrived: c.arrived.map(n) };
    case 'join':
      return { ...c, awaited: c.awaited.map(n) };
    case 'no-lwp':
    case 'lwps-busy':
      return { ...c, process: ex.scenario.processes[c.process]?.name ?? null, lwps: c.lwps.map((l) => ({ lwp: l.lwp, state: stateLabel(l.state), thread: n(l.thread), since: l.since, until: l.until })) };
    case 'cpus-taken':
      return { ...c, cpus: c.cpus.map((x) => ({ cpu: x.cpu, state: stateLabel(x.state), lwp: x.lwp, thread: n(x.thread), priority: x.priority })) };
    case 'running':
      return { ...c, cpuState: stateLabel(c.cpuState) };
    default:
      return { ...c };
  }
}
