import { strict as assert } from 'node:assert';
import { toSvg } from '../../../src/core/export/svg';
import { toPerfetto, toPerfettoEvents } from '../../../src/core/export/perfetto';
import { STANDALONE_DATA_ID, toHtml } from '../../../src/core/export/html';
import { formatTick, niceTicks } from '../../../src/core/chart/ticks';
import { State } from '../../../src/core/sim/result';
import { syntheticTrace, tinyTrace } from '../../support/synthetic-trace';

const procs = [{ name: 'app', model: 'one-to-one', finish: 700, maxLwps: 1 }];

describe('SVG export', () => {
  it('draws each lane as rectangles in state colours, with the labels escaped', () => {
    const svg = toSvg({ trace: tinyTrace('app.<img src=x onerror=alert(1)>'), status: 'completed', makespan: 1000 }, { width: 100, title: 'T & <b>' });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.includes('app.&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!svg.includes('<img'));
    assert.ok(svg.includes('T &amp; &lt;b&gt; — completed, makespan 1us'));
    // CPU lane at 10ns per column: user 0-600 → one 60-wide rect in the user-mode green.
    assert.ok(svg.includes('width="60" height="12" fill="#009E73"'), 'user-mode interval as one rect');
    // Balanced tags: every opened element is closed.
    const open = (svg.match(/<(svg|g|defs|pattern|text)[\s>]/g) ?? []).length;
    const close = (svg.match(/<\/(svg|g|defs|pattern|text)>/g) ?? []).length;
    assert.equal(open, close);
  });

  it('stays bounded by lanes × width for a large trace', () => {
    const svg = toSvg({ trace: syntheticTrace({ intervals: 200_000, lanes: 20, seed: 5 }) }, { width: 400 });
    const rects = (svg.match(/<rect /g) ?? []).length;
    assert.ok(rects <= 20 * 400 + 100, `${rects} rects`);
  });
});

describe('Perfetto export', () => {
  it('writes trace events: metadata naming processes and lanes, complete events in µs, instant markers', () => {
    const json = JSON.parse(toPerfetto({ trace: tinyTrace(), processes: procs }, { title: 'demo' })) as { traceEvents: Record<string, unknown>[] };
    const ev = json.traceEvents;
    assert.ok(ev.every((e) => typeof e.ph === 'string' && typeof e.ts === 'number' && typeof e.pid === 'number' && typeof e.tid === 'number'));
    assert.deepEqual(
      ev.filter((e) => e.name === 'process_name').map((e) => (e.args as { name: string }).name),
      ['CPUs — demo', 'app (one-to-one)'],
    );
    const user = ev.find((e) => e.ph === 'X' && e.name === 'user mode')!;
    assert.deepEqual([user.ts, user.dur, user.pid, user.tid], [0, 0.6, 1, 1]);
    const blocked = ev.find((e) => e.ph === 'X' && e.cat === 'thread' && e.name === 'blocked in kernel')!;
    assert.deepEqual([blocked.ts, blocked.dur, blocked.pid, blocked.tid], [0.7, 0.3, 2, 3]);
    assert.equal(ev.filter((e) => e.ph === 'X' && e.name === 'idle').length, 0, 'idle CPU time is left out');
    assert.equal(ev.filter((e) => e.ph === 'i').length, 2);
  });

  it('emits one complete event per non-idle interval', () => {
    const t = syntheticTrace({ intervals: 5_000, lanes: 10, seed: 9 });
    const n = Array.from(t.state.subarray(0, t.count)).filter((s) => s !== State.CpuIdle && s !== State.ThreadExited && s !== State.Absent).length;
    assert.equal(toPerfettoEvents({ trace: t, processes: procs }).filter((e) => e.ph === 'X').length, n);
  });
});

describe('HTML export', () => {
  it('embeds the source so that no </script> in it can end the element', () => {
    const html = toHtml({ source: 'scenario "</script><script>alert(1)</script>"', label: 'x<y>.lwp', assets: { mainJs: 'var a = "</script>";', workerJs: 'self.x = 1;', css: 'body{}' } });
    assert.equal((html.match(/<\/script>/g) ?? []).length, 4, 'only our own four script elements close');
    assert.ok(html.includes('x&lt;y&gt;.lwp — LWP Lab'));
    const data = new RegExp(`<script type="application/json" id="${STANDALONE_DATA_ID}">(.*?)</script>`).exec(html)![1];
    assert.equal((JSON.parse(data) as { source: string }).source, 'scenario "</script><script>alert(1)</script>"');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });
});

describe('time axis ticks', () => {
  it('chooses 1-2-5 steps and labels in the unit of the step', () => {
    const t = niceTicks(0, 13_000_000, 7);
    assert.equal(t.step, 2_000_000);
    assert.deepEqual(t.values.map((v) => formatTick(v, t.step)), ['0', '2ms', '4ms', '6ms', '8ms', '10ms', '12ms']);
    const z = niceTicks(1_234_500, 1_235_000, 5);
    assert.equal(z.step, 100);
    assert.equal(formatTick(z.values[0], z.step), '1.2345ms');
    const m = niceTicks(0, 2_000_000, 4);
    assert.deepEqual(m.values.map((v) => formatTick(v, m.step)), ['0', '500us', '1ms', '1.5ms', '2ms']);
  });

  it('never steps below a nanosecond and survives empty ranges', () => {
    assert.equal(niceTicks(10, 11, 20).step, 1);
    assert.deepEqual(niceTicks(5, 5, 4).values, []);
    assert.deepEqual(niceTicks(0, Number.NaN, 4).values, []);
  });
});
