/** Checks every trace must satisfy, shared by the property tests and the benchmark's sanity pass. */
import * as assert from 'node:assert/strict';
import { State, threadRow, type RunResult, type Trace } from '../../../src/core/sim/result';

export interface LaneIntervals {
  readonly start: number[];
  readonly end: number[];
  readonly state: number[];
  readonly detail: number[];
}

export function byLane(t: Trace): LaneIntervals[] {
  const lanes: LaneIntervals[] = t.lanes.map(() => ({ start: [], end: [], state: [], detail: [] }));
  const order = [...Array(t.count).keys()].sort((a, b) => t.lane[a] - t.lane[b] || t.start[a] - t.start[b]);
  for (const i of order) {
    const l = lanes[t.lane[i]];
    l.start.push(t.start[i]);
    l.end.push(t.end[i]);
    l.state.push(t.state[i]);
    l.detail.push(t.detail[i]);
  }
  return lanes;
}

/** Index of the interval covering time x on a lane, or -1. */
function at(l: LaneIntervals, x: number): number {
  let lo = 0;
  let hi = l.start.length - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (l.end[m] <= x) lo = m + 1;
    else if (l.start[m] > x) hi = m - 1;
    else return m;
  }
  return -1;
}

const RUNNING = new Set<number>([State.ThreadRunning, State.ThreadSpinning]);

export function checkTrace(r: RunResult): void {
  const t = r.trace;
  const lanes = byLane(t);
  const end = t.endTime;
  const cpus = t.lanes.filter((l) => l.kind === 'cpu').length;
  // Lanes: CPUs, then LWPs, then threads, each in id order.
  let kindRank = 0;
  t.lanes.forEach((ln) => {
    const rank = ln.kind === 'cpu' ? 0 : ln.kind === 'lwp' ? 1 : 2;
    assert.ok(rank >= kindRank, 'lane order');
    kindRank = rank;
  });
  // Every lane tiles [0, endTime] with no gap, overlap or empty interval.
  lanes.forEach((l, i) => {
    if (end === 0) return;
    assert.ok(l.start.length > 0, `lane ${t.lanes[i].label} is empty`);
    assert.equal(l.start[0], 0, `lane ${t.lanes[i].label} starts at 0`);
    for (let k = 0; k < l.start.length; k++) {
      assert.ok(l.start[k] < l.end[k], `lane ${t.lanes[i].label}: empty interval`);
      if (k > 0) assert.equal(l.start[k], l.end[k - 1], `lane ${t.lanes[i].label}: gap or overlap at ${l.start[k]}`);
    }
    assert.equal(l.end[l.end.length - 1], end, `lane ${t.lanes[i].label} ends at endTime`);
  });
  // A running thread is on its LWP, and that LWP is on a CPU.
  const lwpLane = (id: number) => cpus + id;
  for (let li = 0; li < lanes.length; li++) {
    if (t.lanes[li].kind !== 'thread') continue;
    const l = lanes[li];
    const tid = t.lanes[li].id;
    for (let k = 0; k < l.start.length; k++) {
      if (!RUNNING.has(l.state[k])) continue;
      for (const x of [l.start[k], (l.start[k] + l.end[k]) / 2]) {
        const lw = lanes[lwpLane(l.detail[k])];
        const j = at(lw, x);
        assert.ok(j >= 0 && lw.state[j] === State.LwpRunning && lw.detail[j] === tid, `thread ${tid} runs at ${x} but LWP ${l.detail[k]} does not carry it`);
        let onCpu = 0;
        for (let c = 0; c < cpus; c++) {
          const cj = at(lanes[c], x);
          if (cj >= 0 && lanes[c].state[cj] !== State.CpuIdle && lanes[c].detail[cj] === l.detail[k]) onCpu++;
        }
        assert.equal(onCpu, 1, `LWP ${l.detail[k]} of running thread ${tid} is on ${onCpu} CPUs at ${x}`);
      }
    }
  }
  // An LWP is on at most one CPU at a time.
  const perLwp = new Map<number, [number, number][]>();
  for (let c = 0; c < cpus; c++) {
    const l = lanes[c];
    for (let k = 0; k < l.start.length; k++) {
      if (l.state[k] === State.CpuIdle) continue;
      const list = perLwp.get(l.detail[k]) ?? [];
      list.push([l.start[k], l.end[k]]);
      perLwp.set(l.detail[k], list);
    }
  }
  for (const [lwp, list] of perLwp) {
    list.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < list.length; k++) assert.ok(list[k][0] >= list[k - 1][1], `LWP ${lwp} on two CPUs at ${list[k][0]}`);
  }
  // Metrics are the trace's own sums.
  const sum = (pred: (s: number) => boolean, laneKind: string, lane?: number): number => {
    let s = 0;
    for (let i = 0; i < t.count; i++) {
      if (t.lanes[t.lane[i]].kind !== laneKind || (lane !== undefined && t.lane[i] !== lane) || !pred(t.state[i])) continue;
      s += t.end[i] - t.start[i];
    }
    return s;
  };
  const m = r.metrics;
  assert.equal(m.usefulWork, sum((s) => s === State.CpuUser || s === State.CpuKernel, 'cpu'));
  assert.equal(m.spinTime, sum((s) => s === State.CpuSpin, 'cpu'));
  assert.equal(m.overhead, sum((s) => s >= State.OverheadModeSwitch && s <= State.OverheadUpcall, 'cpu'));
  const idle = sum((s) => s === State.CpuIdle, 'cpu');
  assert.ok(Math.abs(m.cpuUtilization - (end > 0 ? (cpus * end - idle) / (cpus * end) : 0)) < 1e-12);
  const threadLanes = t.lanes.map((l, i) => [l, i] as const).filter(([l]) => l.kind === 'thread');
  assert.equal(threadLanes.length, r.threads.count);
  threadLanes.forEach(([, lane], k) => {
    const tm = threadRow(r.threads, k);
    assert.equal(tm.running, sum((s) => s === State.ThreadRunning || s === State.ThreadSpinning, 'thread', lane), `${tm.id} running`);
    assert.equal(tm.ready, sum((s) => s === State.ThreadReady || s === State.ThreadStalled, 'thread', lane), `${tm.id} ready`);
    assert.equal(tm.blocked, sum((s) => s === State.ThreadBlockedKernel || s === State.ThreadBlockedSync || s === State.ThreadSleeping, 'thread', lane), `${tm.id} blocked`);
  });
}

/** In a many-to-one process no two threads ever run at the same time. */
export function checkManyToOne(r: RunResult, process: number): void {
  const t = r.trace;
  const iv: [number, number][] = [];
  for (let i = 0; i < t.count; i++) {
    const ln = t.lanes[t.lane[i]];
    if (ln.kind === 'thread' && ln.process === process && RUNNING.has(t.state[i])) iv.push([t.start[i], t.end[i]]);
  }
  iv.sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < iv.length; k++) assert.ok(iv[k][0] >= iv[k - 1][1], `two threads of many-to-one process ${process} run at ${iv[k][0]}`);
}

/** The whole result as bytes, trace included, for determinism checks. */
export function fingerprint(r: RunResult): string {
  const t = r.trace;
  const arrays = [t.start, t.end, t.lane, t.state, t.detail, t.src, t.eventTime, t.eventKind, t.eventLane, t.eventArg].map((a) => Array.from(a).join(','));
  return JSON.stringify({ ...r, trace: { lanes: t.lanes, count: t.count, endTime: t.endTime, arrays } });
}
