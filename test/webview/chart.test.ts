/**
 * The built chart bundle in real Chromium, fed through the protocol like the
 * extension host feeds it.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { intervalAt } from '../../src/core/chart/laneIndex';
import { runSource as simulateSource } from '../../src/webview/engine';
import { pageErrors, posted, runSource, send, startHarness, type Harness } from './harness';

const SOURCE = `scenario "<img src=x onerror=alert(1)>"
machine { cpus 1 costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns } }
process app {
  model one-to-one
  thread script { compute 10ms }
}
`;

const AXIS_H = 26;
const ROW_H = 18;

async function pixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    async ([px, py]) => {
      // Read what the next painted frame shows, after any pending resize or render.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const c = document.querySelector('canvas.chart') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(px, py, 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    },
    [x, y],
  );
}

/** The label column's width the chart chose (it fits its labels), CSS px. */
async function labelWidth(page: Page): Promise<number> {
  const w = Number(await page.locator('canvas.chart').getAttribute('data-label-width'));
  assert.ok(w > 0, 'the chart says its label width');
  return w;
}

async function savedRange(page: Page): Promise<[number, number] | null> {
  await page.waitForTimeout(250); // the view state is saved 150 ms after the last change
  return page.evaluate(() => (window as unknown as { __state?: { range: [number, number] | null } }).__state?.range ?? null);
}

describe('chart webview in Chromium', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('says ready first, runs the source it is sent, and reports the status', async () => {
    const page = await h.open();
    const done = await runSource(page, SOURCE);
    assert.deepEqual([done.status, done.makespan, done.mode], ['completed', 10_000_000, 'run']);
    // One CPU, the thread's LWP and the thread: the lanes it drew before it reported.
    assert.equal(done.lanes, 3);
    const types = (await posted(page)).map((m) => m.type);
    assert.equal(types[0], 'ready');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('paints the known interval: CPU 0 is in user mode across the run', async () => {
    const page = await h.open({ width: 1000 });
    await runSource(page, SOURCE);
    await page.waitForTimeout(100);
    const LABEL_W = await labelWidth(page);
    // Rows: "CPUs" header, CPU 0, … The CPU runs `compute 10ms` from 0 to 10ms: user-mode green #009E73.
    const y = AXIS_H + ROW_H + ROW_H / 2;
    for (const frac of [0.1, 0.5, 0.9]) {
      const x = Math.round(LABEL_W + (1000 - LABEL_W) * frac);
      const [r, g, b] = await pixel(page, x, y);
      assert.ok(Math.abs(r - 0) < 8 && Math.abs(g - 158) < 8 && Math.abs(b - 115) < 8, `pixel at ${frac}: ${r},${g},${b}`);
    }
    // The label column holds no interval colour.
    const [r, g, b] = await pixel(page, 5, y);
    assert.ok(!(r < 10 && g > 140 && g < 170 && b > 100 && b < 130));
    await page.close();
  });

  it('zooms with the keyboard and wheel, pans with keys and drag, and fits again', async () => {
    const page = await h.open({ width: 1000 });
    await runSource(page, SOURCE);
    const LABEL_W = await labelWidth(page);
    await page.focus('canvas.chart');
    await page.keyboard.press('+');
    const zoomed = (await savedRange(page))!;
    assert.ok(zoomed, 'a zoomed view is saved');
    assert.ok(Math.abs(zoomed[1] - zoomed[0] - 8_000_000) < 1, `span ${zoomed[1] - zoomed[0]}`);
    await page.keyboard.press('ArrowRight');
    const panned = (await savedRange(page))!;
    assert.ok(panned[0] > zoomed[0] && Math.abs(panned[1] - panned[0] - (zoomed[1] - zoomed[0])) < 1);
    // Ctrl + wheel zooms at the pointer: the time under the pointer stays put.
    const box = (await page.locator('canvas.chart').boundingBox())!;
    const px = box.x + LABEL_W + (box.width - LABEL_W) * 0.25;
    await page.mouse.move(px, box.y + 60);
    const before = (await savedRange(page))!;
    const tUnder = before[0] + 0.25 * (before[1] - before[0]);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    const after = (await savedRange(page))!;
    assert.ok(after[1] - after[0] < before[1] - before[0]);
    assert.ok(Math.abs(after[0] + 0.25 * (after[1] - after[0]) - tUnder) < (before[1] - before[0]) * 0.01);
    // Drag left by 100 px pans right in time.
    await page.mouse.move(px, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(px - 100, box.y + 60, { steps: 4 });
    await page.mouse.up();
    const dragged = (await savedRange(page))!;
    assert.ok(dragged[0] > after[0]);
    await page.keyboard.press('0');
    assert.equal(await savedRange(page), null, 'fit is saved as "no range"');
    await page.close();
  });

  it('a click on an interval selects its thread and asks the host to reveal its statement', async () => {
    const page = await h.open({ width: 1000 });
    await runSource(page, SOURCE);
    const LABEL_W = await labelWidth(page);
    const box = (await page.locator('canvas.chart').boundingBox())!;
    // Thread lane: headers CPUs, CPU 0, LWPs header, LWP, Threads header, app.script → row 5.
    await page.mouse.click(box.x + LABEL_W + 200, box.y + AXIS_H + 5 * ROW_H + ROW_H / 2);
    const reveal = await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.find((m) => m.type === 'revealSource'));
    const msg = (await reveal.jsonValue()) as unknown as { start: number; end: number };
    const at = SOURCE.indexOf('compute 10ms');
    assert.deepEqual([msg.start, msg.end], [at, at + 'compute 10ms'.length]);
    const state = await page.evaluate(() => (window as unknown as { __state?: { selected: string | null } }).__state?.selected);
    await page.waitForTimeout(200);
    const selected = await page.evaluate(() => (window as unknown as { __state?: { selected: string | null } }).__state?.selected);
    assert.equal(selected ?? state, 'app.script');
    await page.close();
  });

  it('shows names from the file as text, never as markup', async () => {
    const page = await h.open();
    await runSource(page, SOURCE);
    await page.click('text=Table view');
    assert.equal(await page.locator('img').count(), 0, 'no element made from the title');
    const body = await page.locator('.results-host').innerText();
    assert.ok(body.includes('app.script'));
    const svg = await exportVia(page, 'svg');
    assert.ok(svg.content.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('exports a well-formed SVG, Perfetto trace events and a PNG', async () => {
    const page = await h.open();
    await runSource(page, SOURCE);
    const svg = await exportVia(page, 'svg');
    assert.equal(svg.suggestedName, 'test.svg');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.nodeName, rects: doc.querySelectorAll('rect').length };
    }, svg.content);
    assert.deepEqual([parsed.error, parsed.root], [false, 'svg']);
    assert.ok(parsed.rects > 5);
    const trace = JSON.parse((await exportVia(page, 'perfetto')).content) as { traceEvents: { ph: string; ts: number; pid: number; tid: number }[] };
    assert.ok(Array.isArray(trace.traceEvents) && trace.traceEvents.length > 0);
    assert.ok(trace.traceEvents.every((e) => typeof e.ph === 'string' && typeof e.ts === 'number' && typeof e.pid === 'number' && typeof e.tid === 'number'));
    assert.ok(trace.traceEvents.some((e) => e.ph === 'X'));
    // Named arguments, as `lwp export` gives them: the statement and where it is.
    const named = (trace.traceEvents as { ph: string; args?: Record<string, unknown> }[]).filter((e) => e.ph === 'X' && typeof e.args?.at === 'string');
    assert.ok(named.length > 0 && named.every((e) => /^test\.lwp:\d+$/.test(String(e.args!.at))), 'intervals carry file:line');
    assert.ok(named.some((e) => typeof e.args!.statement === 'string' && /^(compute|io|sleep|lock|syscall)/.test(String(e.args!.statement))), 'intervals carry their statement');
    const png = await exportVia(page, 'png');
    assert.equal(png.encoding, 'base64');
    assert.equal(Buffer.from(png.content, 'base64').subarray(1, 4).toString('latin1'), 'PNG');
    await page.close();
  });

  it('ignores messages that do not follow the protocol and keeps working', async () => {
    const page = await h.open();
    for (const bad of [null, 'source', { type: 'source' }, { type: 'source', uri: 1, text: 'x', version: 1 }, { type: 'cursor', offset: -1 }, { type: 'export', format: 'exe' }, { type: 'run', mode: 'fast' }]) {
      await send(page, bad);
    }
    await page.waitForTimeout(100);
    assert.deepEqual((await posted(page)).map((m) => m.type), ['ready']);
    const done = await runSource(page, SOURCE, 7);
    assert.equal(done.status, 'completed');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('shows file errors with positions instead of running', async () => {
    const page = await h.open();
    const done = await runSource(page, 'process p { model many-to-many }\n');
    assert.equal(done.status, 'error');
    const text = await page.locator('.results-host').innerText();
    assert.match(text, /nothing was simulated/);
    assert.match(text, /1:\d+/);
    await page.close();
  });

  it('compares the three models on one time axis with one metrics table', async () => {
    const page = await h.open();
    const done = await runSource(page, SOURCE, 3, 'compare');
    assert.equal(done.mode, 'compare');
    const heads = await page.locator('table.metrics thead th').allInnerTexts();
    assert.deepEqual(heads, ['metric', 'one-to-one', 'many-to-one', 'many-to-many']);
    await page.close();
  });

  it('colours by thread: CPU and LWP pixels running user code take their thread’s colour, saved in the view state', async () => {
    // Two threads, one CPU, many-to-one: one LWP carries both, so only the thread tells them apart.
    const two = `machine { cpus 1 costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns } }
process app {
  model many-to-one
  thread a { compute 10ms }
  thread b { compute 10ms }
}
`;
    // Which thread ran when, by the core itself (not by the page).
    const res = simulateSource(1, two, 'run', () => undefined);
    assert.equal(res.type, 'done');
    if (res.type !== 'done') return;
    const { result, index } = res.sections[0];
    const cpu = result.trace.lanes.findIndex((l) => l.kind === 'cpu');
    const lwp = result.trace.lanes.findIndex((l) => l.kind === 'lwp');
    const who = (lane: number, t: number): number => index.thread[intervalAt(index, lane, t)];
    const [early, late] = [who(cpu, 2_500_000), who(cpu, 17_500_000)];
    assert.ok(early >= 0 && late >= 0 && early !== late, `two threads ran: ${early}, ${late}`);
    assert.equal(who(lwp, 2_500_000), early);
    const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
    const near = (a: readonly number[], b: readonly number[]): boolean => a.every((v, i) => Math.abs(v - b[i]) < 8);

    const page = await h.open({ width: 1000 });
    await runSource(page, two);
    const LABEL_W = await labelWidth(page);
    const xAt = (t: number): number => Math.round(LABEL_W + (1000 - LABEL_W) * (t / 20_000_000));
    // Rows: CPUs header, CPU 0, LWPs header, LWP, Threads header, a, b.
    const cpuY = AXIS_H + ROW_H + ROW_H / 2;
    const lwpY = AXIS_H + 3 * ROW_H + ROW_H / 2;
    const green = [0, 158, 115];
    assert.ok(near(await pixel(page, xAt(2_500_000), cpuY), green), 'by state: user mode is green');
    await page.selectOption('select[aria-label="Colour lanes by"]', 'thread');
    await page.waitForTimeout(100);
    // The legend names each thread beside its colour; the pixels wear the colour of the thread that ran.
    const key = await threadKey(page);
    const label = (id: number): string => result.trace.lanes.find((l) => l.kind === 'thread' && l.id === id)!.label;
    assert.notDeepEqual(key.get(label(early)), key.get(label(late)));
    for (const [t, id] of [[2_500_000, early], [17_500_000, late]]) {
      const want = hex(key.get(label(id))!);
      const gotCpu = await pixel(page, xAt(t), cpuY);
      const gotLwp = await pixel(page, xAt(t), lwpY);
      assert.ok(near(gotCpu, want), `CPU at ${t} ns: ${gotCpu.join(', ')} is thread ${id}'s ${want.join(', ')}`);
      assert.ok(near(gotLwp, want), `LWP at ${t} ns: ${gotLwp.join(', ')} is thread ${id}'s ${want.join(', ')}`);
    }
    // Other states keep theirs: the idle label column and the legend note.
    assert.match(await page.locator('.legend').innerText(), /Running:/);
    await page.waitForTimeout(250);
    assert.equal(await page.evaluate(() => (window as unknown as { __state?: { colourBy?: string } }).__state?.colourBy), 'thread');
    await page.selectOption('select[aria-label="Colour lanes by"]', 'state');
    await page.waitForTimeout(100);
    assert.ok(near(await pixel(page, xAt(17_500_000), cpuY), green), 'back to state colours');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('highlights the statement under the editor cursor', async () => {
    const page = await h.open({ width: 1000 });
    await runSource(page, SOURCE);
    const LABEL_W = await labelWidth(page);
    const y = AXIS_H + ROW_H + 1; // top edge of CPU 0's lane, where the highlight is drawn
    const x = LABEL_W + 300;
    const before = await pixel(page, x, y + 1);
    await send(page, { type: 'cursor', offset: SOURCE.indexOf('compute 10ms') + 3 });
    await page.waitForTimeout(100);
    const after = await pixel(page, x, y + 1);
    assert.notDeepEqual(after, before);
    await page.close();
  });
});

/** Colour by thread: the legend's thread names and their swatch colours (#RRGGBB). */
async function threadKey(page: Page): Promise<Map<string, string>> {
  const pairs = await page.$$eval('.legend-threads .legend-item', (items): [string, string][] =>
    items.map((i) => [i.textContent ?? '', i.querySelector<HTMLElement>('.swatch')?.style.getPropertyValue('--swatch') ?? '']),
  );
  return new Map(pairs.filter(([, c]) => c));
}

async function exportVia(page: Page, format: 'svg' | 'perfetto' | 'png'): Promise<{ content: string; suggestedName: string; encoding: string }> {
  const n = (await posted(page)).filter((m) => m.type === 'exportFile').length;
  await send(page, { type: 'export', format });
  const handle = await page.waitForFunction(
    ([count]) => (window as unknown as { __posted: { type: string; format?: string }[] }).__posted.filter((m) => m.type === 'exportFile')[count],
    [n, format] as const,
  );
  return (await handle.jsonValue()) as unknown as { content: string; suggestedName: string; encoding: string };
}
