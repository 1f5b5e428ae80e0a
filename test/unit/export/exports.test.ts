import { strict as assert } from 'node:assert';
import { toSvg } from '../../../src/core/export/svg';
import { perfettoChunks, toPerfetto, toPerfettoCapped, toPerfettoEvents } from '../../../src/core/export/perfetto';
import { escapeXml } from '../../../src/core/export/escape';
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

  it('is valid XML whatever the title holds: characters XML cannot carry are shown as \\u escapes', () => {
    const title = 'a\u0000b\u001bc\u000cd\ufffee\ud800f\u0085g';
    const svg = toSvg({ trace: tinyTrace(), status: 'completed', makespan: 1000 }, { width: 100, title });
    // XML 1.0 Char: tab, newline, CR, U+0020–U+D7FF, U+E000–U+FFFD, and surrogate pairs; nothing else, not even as &#…;.
    // eslint-disable-next-line no-control-regex -- what XML forbids is the point
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])/.test(svg));
    assert.ok(svg.includes('a\\u0000b\\u001bc\\u000cd\\ufffee\\ud800f\\u0085g — completed'));
    assert.equal(escapeXml('ok 😀 <&>'), 'ok 😀 &lt;&amp;&gt;', 'surrogate pairs and text pass, markup is escaped');
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

describe('Perfetto export, bounded and named', () => {
  const big = syntheticTrace({ intervals: 20_000, lanes: 10, seed: 3 });

  it('streams chunks that together are the same one JSON document', () => {
    const chunks = [...perfettoChunks({ trace: big, processes: procs }, { title: 'x' })];
    assert.ok(chunks.length >= 2, `${chunks.length} chunks`);
    assert.equal(chunks.join(''), toPerfetto({ trace: big, processes: procs }, { title: 'x' }));
  });

  it('stops a single string at the cap with a note in the trace, still valid JSON', () => {
    const whole = toPerfetto({ trace: big, processes: procs }, { title: 'x' });
    const cut = toPerfettoCapped({ trace: big, processes: procs }, { title: 'x' }, 100_000);
    assert.equal(cut.truncated, true);
    assert.ok(cut.text.length <= 100_000 + 500, `${cut.text.length}`);
    const ev = (JSON.parse(cut.text) as { traceEvents: { name: string; s?: string }[] }).traceEvents;
    assert.match(ev[ev.length - 1].name, /^the trace was cut at 100,000 characters \(PERFETTO_STRING_CAP\): `lwp export FILE --format perfetto -o OUT` writes it whole$/);
    assert.ok(ev.length > 100 && ev.length < (JSON.parse(whole) as { traceEvents: unknown[] }).traceEvents.length);
    const tiny = toPerfettoCapped({ trace: big, processes: procs }, null, 10);
    assert.equal((JSON.parse(tiny.text) as { traceEvents: unknown[] }).traceEvents.length, 1);
    assert.equal(toPerfettoCapped({ trace: tinyTrace(), processes: procs }).truncated, false);
  });

  it('names threads, LWPs, statements and file:line instead of numeric ids', () => {
    // Statements at offsets 10 (line 2), 30 (line 3) and 50 (line 4), where tinyTrace's intervals point.
    const source = '123456789\n' + 'compute 1ms'.padEnd(19) + '\n' + 'syscall 1us'.padEnd(19) + '\n' + 'io 3ms\n';
    const statements = [{ start: 10, end: 21 }, { start: 30, end: 41 }, { start: 50, end: 56 }];
    const ev = toPerfettoEvents({ trace: tinyTrace(), processes: procs }, { title: 'demo', file: 'demo.lwp', source, statements });
    const x = (cat: string, name: string) => ev.find((e) => e.ph === 'X' && e.cat === cat && e.name === name)!.args;
    assert.deepEqual(x('cpu', 'user mode'), { lwp: 'LWP 0 (app)', thread: 'app.main', statement: 'compute 1ms', at: 'demo.lwp:2' });
    assert.deepEqual(x('cpu', 'kernel mode'), { lwp: 'LWP 0 (app)', thread: 'app.main', statement: 'syscall 1us', at: 'demo.lwp:3' });
    assert.deepEqual(x('lwp', 'blocked in kernel'), { lwp: 'LWP 0 (app)', thread: 'app.main', statement: 'io 3ms', at: 'demo.lwp:4' });
    assert.deepEqual(x('thread', 'running'), { thread: 'app.main', lwp: 'LWP 0 (app)', statement: 'compute 1ms', at: 'demo.lwp:2' });
    assert.deepEqual(ev.find((e) => e.ph === 'i' && e.name === 'thread create')!.args, { thread: 'app.main' });
    // Without the source, still names and no numbers.
    for (const e of toPerfettoEvents({ trace: tinyTrace(), processes: procs }).filter((e) => e.ph !== 'M')) for (const v of Object.values(e.args ?? {})) assert.equal(typeof v, 'string');
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
