/**
 * Which thread a CPU interval's time belongs to: the simulator splits CPU
 * intervals wherever the carried LWP or thread changes, and the chart (lane
 * index), the table view's words, the SVG and the Perfetto export all name
 * the same thread for each interval (issue 12, bug 1).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { simulate } from '../../../src/core/sim/simulate';
import { State, type RunResult, type Trace } from '../../../src/core/sim/result';
import { buildLaneIndex, type LaneIndex } from '../../../src/core/chart/laneIndex';
import { intervalThread } from '../../../src/core/chart/threads';
import { toPerfettoEvents } from '../../../src/core/export/perfetto';
import { toSvg } from '../../../src/core/export/svg';
import { describeInterval, threadLabels } from '../../../src/webview/describe';
import { scenarioOf } from '../sim/helpers';
import { scenario } from '../sim/generator';

const EXAMPLES = join(__dirname, '../../../examples');
const WORK: ReadonlySet<number> = new Set([State.CpuUser, State.CpuKernel, State.CpuSpin]);
const THREAD_ON_CPU: ReadonlySet<number> = new Set([State.ThreadRunning, State.ThreadSpinning]);

/** Threads whose running intervals on LWP `lwp` overlap [a, b) for a positive time. */
function threadsRunningOn(trace: Trace, lwp: number, a: number, b: number): Set<number> {
  const found = new Set<number>();
  for (let j = 0; j < trace.count; j++) {
    const lane = trace.lanes[trace.lane[j]];
    if (lane.kind !== 'thread' || !THREAD_ON_CPU.has(trace.state[j]) || trace.detail[j] !== lwp) continue;
    if (Math.min(b, trace.end[j]) > Math.max(a, trace.start[j])) found.add(lane.id);
  }
  return found;
}

/** Sorted position of trace index i in the lane index. */
function positions(ix: LaneIndex): Uint32Array {
  const pos = new Uint32Array(ix.order.length);
  for (let p = 0; p < ix.order.length; p++) pos[ix.order[p]] = p;
  return pos;
}

/** Checks every CPU work interval of a run; returns how many were checked. */
function checkCpuThreads(r: RunResult, name: string): number {
  const trace = r.trace;
  const ix = buildLaneIndex(trace);
  const pos = positions(ix);
  const labels = threadLabels(trace);
  const info = { title: null, syncs: [], statements: [] };
  // Perfetto writes one event per recorded interval (some states skipped), on tid = lane + 1: pair them by tid and start.
  const perfetto = new Map<string, string | undefined>();
  for (const e of toPerfettoEvents(r)) {
    if (e.ph === 'X') perfetto.set(`${e.tid}@${e.ts}`, (e.args as { thread?: string } | undefined)?.thread);
  }
  let checked = 0;
  for (let i = 0; i < trace.count; i++) {
    const lane = trace.lanes[trace.lane[i]];
    if (lane.kind !== 'cpu' || !WORK.has(trace.state[i])) continue;
    const where = `${name}: ${lane.label} ${trace.start[i]}–${trace.end[i]} ns`;
    const running = threadsRunningOn(trace, trace.detail[i], trace.start[i], trace.end[i]);
    assert.equal(running.size, 1, `${where} overlaps the running intervals of ${running.size} threads (${[...running].map((t) => labels.get(t)).join(', ')})`);
    const [thread] = running;
    const p = pos[i];
    assert.equal(intervalThread(ix, p), thread, `${where}: the chart names ${labels.get(intervalThread(ix, p))}, not ${labels.get(thread)}`);
    const words = describeInterval(trace, ix, p, info, '', labels);
    assert.ok(words.detail?.endsWith(`carrying ${labels.get(thread)}`), `${where}: the table view says "${words.detail}"`);
    const named = perfetto.get(`${trace.lane[i] + 1}@${trace.start[i] / 1000}`);
    assert.equal(named, labels.get(thread), `${where}: Perfetto names ${named}`);
    checked++;
  }
  return checked;
}

describe('chart: a CPU interval names the one thread whose time it is', () => {
  it('example 01: CPU 0 from 10 ms to 13 ms is worker#2, worker#3 and worker#4, 1 ms each', () => {
    const r = simulate(scenarioOf(readFileSync(join(EXAMPLES, '01-two-level-solaris.lwp'), 'utf8')));
    const t = r.trace;
    const cpu0 = t.lanes.findIndex((l) => l.kind === 'cpu' && l.id === 0);
    const ix = buildLaneIndex(t);
    const labels = threadLabels(t);
    const shown: string[] = [];
    for (let p = ix.offsets[cpu0]; p < ix.offsets[cpu0 + 1]; p++) {
      if (ix.end[p] <= 10e6 || ix.start[p] >= 13e6 || ix.state[p] !== State.CpuUser) continue;
      shown.push(`${ix.start[p] / 1e6}-${ix.end[p] / 1e6} ${labels.get(intervalThread(ix, p))}`);
    }
    assert.deepEqual(shown, ['10-11 server.worker#2', '11-12 server.worker#3', '12-13 server.worker#4']);
  });

  it('holds for every example: one running thread per CPU work interval, named alike by chart, table and Perfetto', () => {
    let total = 0;
    for (const f of readdirSync(EXAMPLES).filter((n) => n.endsWith('.lwp'))) {
      total += checkCpuThreads(simulate(scenarioOf(readFileSync(join(EXAMPLES, f), 'utf8'))), f);
    }
    assert.ok(total > 100, `${total} CPU intervals checked`);
  });

  it('holds for generated scenarios', () => {
    let total = 0;
    fc.assert(
      fc.property(scenario, (g) => {
        total += checkCpuThreads(simulate(scenarioOf(g.text), { maxIntervals: 20_000 }), g.text);
      }),
      { numRuns: 60, seed: 20261205 },
    );
    assert.ok(total > 500, `${total} CPU intervals checked`);
  });

  it('the SVG coloured by thread shows each thread that ran on a CPU, under its name', () => {
    const r = simulate(scenarioOf(readFileSync(join(EXAMPLES, '01-two-level-solaris.lwp'), 'utf8')));
    const svg = toSvg(r, { width: 4000, threadColours: new Map(['server.worker#2', 'server.worker#3', 'server.worker#4'].map((n, k) => [n, ['#d62728', '#2ca02c', '#1f77b4'][k]])) });
    for (const name of ['server.worker#2', 'server.worker#3', 'server.worker#4']) assert.match(svg, new RegExp(`${name} running`));
  });
});
