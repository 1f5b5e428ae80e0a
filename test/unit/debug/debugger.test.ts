import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analyze';
import { parseCondition, parseHitCondition } from '../../../src/core/debug/conditions';
import { Debugger, type Search, type Stop } from '../../../src/core/debug/debugger';
import { computeMetrics } from '../../../src/core/sim/metrics';
import { simulate } from '../../../src/core/sim/simulate';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

function finish(s: Search): Stop {
  for (;;) {
    const stop = s.advance(4096);
    if (stop !== null) return stop;
  }
}

describe('debugger core', () => {
  it('a run advanced piecewise, through copies of checkpoints, ends with the metrics of simulate() (every example)', () => {
    for (const f of readdirSync(EXAMPLES).filter((n) => n.endsWith('.lwp'))) {
      const text = readFileSync(join(EXAMPLES, f), 'utf8');
      const sc = analyze(text).scenario!;
      const want = simulate(sc, { recordTrace: false });
      // Checkpoints every 3 events: every backward step restores a copy.
      const d = new Debugger(text, sc, { checkpointEvery: 3 });
      let stop = finish(d.begin(true));
      for (let i = 0; i < 5; i++) stop = finish(d.stepIn());
      const id = stop.view.threads[0]?.id;
      if (id !== undefined) d.stepBack(id);
      d.reverseContinue();
      const end = finish(d.continue());
      assert.equal(end.point.end, true, f);
      const e = d.timeline.engine;
      // As simulate() does: close the open intervals (without a trace only CPU lanes exist; their labels need no engine).
      e.trace.finish(e.endTime);
      assert.deepEqual(computeMetrics(e, want.status), want.metrics, f);
      assert.equal(e.events, want.events, f);
    }
  });

  it('going back reads the point log, or replays, or takes a spare copy: the same stops every way (every example)', () => {
    const session = (f: string, options: { maxLoggedPoints?: number; maxCheckpointObjects?: number }, prepare: boolean): string[] => {
      const text = readFileSync(join(EXAMPLES, f), 'utf8');
      // Checkpoints every 4 events: backward searches cross windows and stretches.
      const d = new Debugger(text, analyze(text).scenario!, { checkpointEvery: 4, ...options });
      const line = text.split('\n').findIndex((l) => /\b(compute|io)\s+\d/.test(l));
      d.setBreakpoints([{ line: Math.max(0, line), condition: 'time >= 1us', hitCondition: '>= 2' }]);
      const stops: Stop[] = [];
      const run = (command: () => Stop): void => {
        if (prepare) while (d.prepare());
        stops.push(command());
      };
      run(() => finish(d.goToEvent(40)));
      const id = stops[0].threadId ?? stops[0].view.threads[0]?.id;
      for (let i = 0; i < 3; i++) run(() => finish(d.stepIn()));
      if (id !== undefined) {
        run(() => finish(d.next(id)));
        for (let i = 0; i < 4; i++) run(() => d.stepBack(id));
      }
      run(() => d.reverseContinue());
      run(() => finish(d.stepIn()));
      run(() => d.reverseContinue());
      return stops.map((s) => JSON.stringify(s));
    };
    for (const f of readdirSync(EXAMPLES).filter((n) => n.endsWith('.lwp'))) {
      const logged = session(f, {}, false);
      assert.deepEqual(session(f, { maxLoggedPoints: 0 }, false), logged, `${f}: replaying instead of reading the log`);
      assert.deepEqual(session(f, { maxLoggedPoints: 40 }, true), logged, `${f}: a small log (stretches dropped) and spare copies`);
      assert.deepEqual(session(f, { maxCheckpointObjects: 1 }, true), logged, `${f}: checkpoints spaced out by their size, and spares`);
    }
  });

  it('conditions: each error names its column and what to write', () => {
    assert.deepEqual(parseCondition('time >= '), { ok: false, message: "condition: expected a duration such as '5ms' at the end" });
    assert.deepEqual(parseCondition('thread = worker'), { ok: false, message: "condition: unexpected '=' at column 8" });
    assert.deepEqual(parseCondition('when time > 1ms'), { ok: false, message: "condition: expected 'time', 'thread' or 'process' at column 1, found 'when'" });
    assert.deepEqual(parseCondition('time > 1ms thread == a'), { ok: false, message: "condition: expected 'and' or 'or' at column 12, found 'thread'" });
    const c = parseCondition('time >= 5ms and thread == worker#2 or process == db');
    assert.ok(c.ok);
    const at = (time: number, name: string, process: string) => c.value({ time, thread: { name, decl: name.replace(/^.*\.|#\d+$/g, ''), process } });
    assert.equal(at(5e6, 'srv.worker#2', 'srv'), true);
    assert.equal(at(4e6, 'srv.worker#2', 'srv'), false);
    assert.equal(at(0, 'db.x', 'db'), true);
    const h = parseHitCondition('% 3');
    assert.ok(h.ok);
    assert.deepEqual([1, 2, 3, 6].map(h.value), [false, false, true, true]);
    assert.equal(parseHitCondition('0').ok, false);
  });
});
