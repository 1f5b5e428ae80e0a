/**
 * Issue 12, "the chart tells the truth, and reads at a glance": each bug a
 * new user met in the real panel, checked in real Chromium on the built
 * bundle, with pixels read from the canvas and the DOM it shows.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { deltaE, MIN_DELTA_E, styleOf } from '../../src/core/chart/palette';
import { runSource as simulateSource } from '../../src/webview/engine';
import { posted, runSource, send, startHarness, type Harness } from './harness';

const AXIS_H = 26;
const ROW_H = 18;
const ZERO_COSTS = 'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }';

/** Many-to-many with a pool of 2 for 4 workers and a long process name: the model is what Compare must show first. */
const POOL = `scenario "pool"
machine { cpus 2 ${ZERO_COSTS} }
process a_rather_long_server_process_name {
  model many-to-many lwps 2
  mutex m
  thread worker * 4 { compute 2ms  io 3ms  lock m { compute 1ms } }
}
`;

/** One CPU, one thread running 10 ms: the run contains user mode / running only. */
const ONE = `machine { cpus 1 ${ZERO_COSTS} }
process app {
  model one-to-one
  thread script { compute 10ms }
}
`;

/** The label column's width the chart says it drew (190, the fixed width before it fitted its labels, when it says nothing). */
async function labelWidth(page: Page): Promise<number> {
  return Number((await page.locator('canvas.chart').getAttribute('data-label-width')) ?? 190);
}

async function pixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    async ([px, py]) => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const c = document.querySelector('canvas.chart') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(px, py, 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    },
    [x, y],
  );
}

async function savedState(page: Page): Promise<Record<string, unknown>> {
  await page.waitForTimeout(250); // saved 150 ms after the last change
  return page.evaluate(() => (window as unknown as { __state?: Record<string, unknown> }).__state ?? {});
}

const near = (a: readonly number[], b: readonly number[], tol = 8): boolean => a.every((v, i) => Math.abs(v - b[i]) < tol);
const GREEN = [0, 158, 115];

describe('the chart tells the truth, and reads at a glance (issue 12, in Chromium)', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('compare shows the file’s own model first, each run under a header with model, pool size and makespan, and the lanes scroll', async () => {
    const page = await h.open({ width: 900, height: 600 });
    const done = await runSource(page, POOL, 1, 'compare');
    const runs = done.runs as { model: string; makespan: number }[] | undefined;
    assert.deepEqual(runs?.map((r) => r.model), ['many-to-many', 'one-to-one', 'many-to-one'], 'the file’s model first');
    const heads = await page.locator('.run-headers li').allTextContents();
    assert.equal(heads.length, 3);
    assert.match(heads[0], /^many-to-many \(the file's model\) · pool of 2 LWPs · makespan /);
    assert.match(heads[1], /^one-to-one · 1 LWP per thread · makespan /);
    assert.match(heads[2], /^many-to-one · 1 LWP · makespan /);
    // The first row of the canvas is the first run's header band, across the time area too.
    const lw = await labelWidth(page);
    const band = await pixel(page, lw + 400, AXIS_H + ROW_H / 2);
    const bg = await pixel(page, lw + 400, 2);
    assert.ok(!near(band, bg, 3), `header band ${band.join(',')} differs from the background ${bg.join(',')}`);
    // 3 runs do not fit in 600 px: a scrollbar says so, and scrolling it scrolls the lanes.
    assert.equal(await page.locator('.vscroll').isVisible(), true, 'a scrollbar is shown');
    const thumb = (await page.locator('.vscroll-thumb').boundingBox())!;
    assert.ok(thumb.height >= 24 && thumb.height < 500, `thumb ${thumb.height} px: a share of the track`);
    await page.mouse.move(thumb.x + thumb.width / 2, thumb.y + 5);
    await page.mouse.down();
    await page.mouse.move(thumb.x + thumb.width / 2, thumb.y + 45, { steps: 3 });
    await page.mouse.up();
    const scrolled = (await savedState(page)).scrollY as number;
    assert.ok(scrolled > 0, `dragging the thumb scrolled the lanes to ${scrolled}`);
    const moved = (await page.locator('.vscroll-thumb').boundingBox())!;
    assert.ok(Math.abs(moved.y - thumb.y - 40) <= 2, 'the thumb follows');
    await page.close();
  });

  it('export from compare holds every compared run, each titled with its model; the status reports all of them', async () => {
    const page = await h.open({ width: 900, height: 600 });
    const done = await runSource(page, POOL, 1, 'compare');
    assert.equal((done.runs as unknown[]).length, 3, 'runFinished carries every compared run for the status bar');
    const n = (await posted(page)).filter((m) => m.type === 'exportFile').length;
    await send(page, { type: 'export', format: 'svg' });
    await page.waitForFunction((count) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'exportFile').length > count, n);
    const svg = (await posted(page)).filter((m) => m.type === 'exportFile').pop() as unknown as { content: string; suggestedName: string };
    assert.equal(svg.suggestedName, 'test-compare.svg');
    const texts = await page.evaluate((text) => [...new DOMParser().parseFromString(text, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent ?? ''), svg.content);
    const titles = texts.filter((t) => / · ((deadlock|limit), )?makespan /.test(t));
    assert.deepEqual(
      titles.map((t) => t.split(' ')[0]),
      ['many-to-many', 'one-to-one', 'many-to-one'],
    );
    assert.equal(texts.filter((t) => t === 'CPU 0').length, 3, 'every run’s lanes');
    await send(page, { type: 'export', format: 'perfetto' });
    await page.waitForFunction((count) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'exportFile').length > count + 1, n);
    const trace = JSON.parse(((await posted(page)).filter((m) => m.type === 'exportFile').pop() as unknown as { content: string }).content) as { traceEvents: { name: string; pid: number; args?: { name?: string } }[] };
    const procNames = trace.traceEvents.filter((e) => e.name === 'process_name' && e.args?.name?.includes('a_rather_long')).map((e) => e.args!.name!.split(' ')[0]);
    assert.deepEqual(procNames, ['many-to-many', 'one-to-one', 'many-to-one']);
    assert.equal(new Set(trace.traceEvents.map((e) => e.pid)).size, 6, 'CPUs and the process of each run apart');
    await page.close();
  });

  it('a tooltip on the bottom lane stays inside the view', async () => {
    const page = await h.open({ width: 700, height: 500 });
    await runSource(page, POOL, 1, 'compare');
    const box = (await page.locator('canvas.chart').boundingBox())!;
    const lw = await labelWidth(page);
    // The lowest lane row fully in view.
    const rowY = Math.floor((box.height - AXIS_H) / ROW_H) - 1;
    let shown = false;
    for (let k = rowY; k > rowY - 6 && !shown; k--) {
      await page.mouse.move(box.x + lw + 10, box.y + AXIS_H + k * ROW_H + ROW_H / 2);
      shown = await page.locator('.tooltip').isVisible();
    }
    assert.ok(shown, 'a tooltip shows near the bottom edge');
    const clipped = await page.locator('.tooltip').evaluate((tip) => {
      const r = tip.getBoundingClientRect();
      const out: string[] = [];
      if (r.left < 0 || r.top < 0 || r.right > document.documentElement.clientWidth || r.bottom > document.documentElement.clientHeight) out.push(`window: ${JSON.stringify(r)}`);
      for (let a = tip.parentElement; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflow === 'visible' && cs.overflowY === 'visible') continue;
        if (a === document.body || a === document.documentElement) continue;
        const b = a.getBoundingClientRect();
        if (r.left < b.left || r.top < b.top || r.right > b.right || r.bottom > b.bottom) out.push(`${a.className}: ${JSON.stringify(b)}`);
      }
      return out;
    });
    assert.deepEqual(clipped, [], 'nothing cuts the tooltip');
    await page.close();
  });

  it('the label column fits its labels, header titles are written in full, and the column edge drags', async () => {
    const page = await h.open({ width: 900, height: 700 });
    await runSource(page, POOL);
    const lw = await labelWidth(page);
    const need = await page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      const cs = getComputedStyle(document.body);
      ctx.font = `${cs.getPropertyValue('--vscode-font-size').trim() || '12px'} ${cs.getPropertyValue('--vscode-font-family').trim() || 'system-ui, sans-serif'}`;
      return ctx.measureText('LWP 0 (a_rather_long_server_process_name)').width;
    });
    assert.ok(lw >= need + 14, `label column ${lw} px holds the longest lane label (${Math.ceil(need)} px + indent)`);
    // Row 4 is "LWPs — a_rather_long_server_process_name (many-to-many)": its text runs on past the
    // label column, to the end of the model name, in the header's muted ink.
    const y = AXIS_H + 4 * ROW_H + ROW_H / 2;
    const title = await page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      const cs = getComputedStyle(document.body);
      ctx.font = `bold ${cs.getPropertyValue('--vscode-font-size').trim() || '12px'} ${cs.getPropertyValue('--vscode-font-family').trim() || 'system-ui, sans-serif'}`;
      return ctx.measureText('LWPs — a_rather_long_server_process_name (many-to-many)').width;
    });
    const bg = await pixel(page, 2, 2);
    let inked = 0;
    for (let x = Math.round(title) - 60; x < title; x += 2) {
      for (const dy of [-3, -1, 1, 3]) if (!near(await pixel(page, 4 + x, y + dy), bg, 40)) inked++;
    }
    assert.ok(inked > 5, `the model name at the end of the header is drawn (${inked} inked pixels)`);
    // Drag the column's edge 60 px right: it widens, and stays after a reload of the state.
    const box = (await page.locator('canvas.chart').boundingBox())!;
    await page.mouse.move(box.x + lw, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(box.x + lw + 60, box.y + 100, { steps: 4 });
    await page.mouse.up();
    assert.equal(await labelWidth(page), lw + 60);
    assert.equal((await savedState(page)).labelWidth, lw + 60);
    await page.close();
  });

  it('the click highlight clears with Escape, a click on empty space, and a change of view or colour', async () => {
    const page = await h.open({ width: 1000 });
    await runSource(page, POOL);
    const lw = await labelWidth(page);
    const box = (await page.locator('canvas.chart').boundingBox())!;
    // Rows: CPUs, CPU 0, CPU 1, LWPs, LWP 0, LWP 1, threads header, worker#1..#4.
    const threadRow = (k: number): number => box.y + AXIS_H + (7 + k) * ROW_H + ROW_H / 2;
    const selected = async (): Promise<unknown> => (await savedState(page)).selected;
    const select = async (): Promise<void> => {
      await page.mouse.click(box.x + lw + 5, threadRow(0));
      assert.match(String(await selected()), /worker#1$/);
    };
    // worker#2 computes from 0: green, dimmed while worker#1 is selected.
    const otherAt = [lw + 5, AXIS_H + 8 * ROW_H + ROW_H / 2] as const;
    await select();
    assert.ok(!near(await pixel(page, ...otherAt), GREEN), 'another thread is dimmed');
    await page.locator('.toolbar .status').click();
    await page.keyboard.press('Escape');
    assert.equal(await selected(), null, 'Escape clears it wherever the focus is');
    assert.ok(near(await pixel(page, ...otherAt), GREEN), 'nothing dimmed any more');
    await select();
    await page.mouse.click(box.x + 5, threadRow(0));
    assert.equal(await selected(), null, 'a click on the label column clears it');
    await select();
    await page.mouse.click(box.x + box.width - 3, box.y + AXIS_H + ROW_H / 2);
    assert.equal(await selected(), null, 'a click on a header row clears it');
    await select();
    await page.selectOption('select[aria-label="Colour lanes by"]', 'thread');
    assert.equal(await selected(), null, 'a colour change clears it');
    await page.selectOption('select[aria-label="Colour lanes by"]', 'state');
    await select();
    await page.click('text=Compare models');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; mode?: string }[] }).__posted.some((m) => m.type === 'runFinished' && m.mode === 'compare'));
    assert.equal(await selected(), null, 'Compare starts unselected');
    await page.close();
  });

  it('the harmless ResizeObserver notice is no error banner; a real failure still is', async () => {
    const page = await h.open();
    await runSource(page, ONE);
    await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' })));
    await page.waitForTimeout(100);
    assert.equal(await page.locator('.errors').isVisible(), false);
    assert.equal((await posted(page)).filter((m) => m.type === 'error').length, 0);
    await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { message: 'boom' })));
    await page.locator('.errors', { hasText: 'boom' }).waitFor();
    await page.close();
  });

  it('the legend shows only what the run contains, one colour per meaning, and names the threads', async () => {
    const page = await h.open({ width: 1000 });
    await runSource(page, ONE);
    const items = async (): Promise<{ text: string; colour: string }[]> =>
      page.$$eval('.legend .legend-item', (els) => els.map((e) => ({ text: e.textContent ?? '', colour: e.querySelector<HTMLElement>('.swatch')?.style.getPropertyValue('--swatch') ?? '' })));
    // One CPU busy the whole run, one LWP and one thread running: one meaning, one swatch.
    assert.deepEqual(
      (await items()).filter((i) => i.colour).map((i) => i.text),
      ['running user code'],
    );
    // A run with many states: the legend lists exactly the meanings of the states the core says it contains.
    await runSource(page, POOL, 2);
    const res = simulateSource(1, POOL, 'run', () => undefined);
    assert.equal(res.type, 'done');
    if (res.type !== 'done') return;
    const states = new Set(res.sections[0].result.trace.state.subarray(0, res.sections[0].result.trace.count));
    const meanings = new Set([...states].map((s) => styleOf(s)).filter((st) => st && !st.blank).map((st) => st!.meaning));
    const shown = (await items()).filter((i) => i.colour);
    const stateItems = shown.filter((i) => !i.text.includes('many short'));
    assert.deepEqual(new Set(stateItems.map((i) => i.text)), meanings);
    for (let a = 0; a < shown.length; a++) {
      for (let b = a + 1; b < shown.length; b++) {
        assert.ok(deltaE(shown[a].colour, shown[b].colour) >= MIN_DELTA_E, `${shown[a].text} ${shown[a].colour} vs ${shown[b].text} ${shown[b].colour}`);
      }
    }
    // Colour: thread names each thread beside its own colour, apart from every state colour shown.
    await page.selectOption('select[aria-label="Colour lanes by"]', 'thread');
    await page.waitForTimeout(100);
    const all = (await items()).filter((i) => i.colour);
    const threads = await page.locator('.legend-threads .legend-item').allTextContents();
    assert.deepEqual(threads, ['a_rather_long_server_process_name.worker#1', 'a_rather_long_server_process_name.worker#2', 'a_rather_long_server_process_name.worker#3', 'a_rather_long_server_process_name.worker#4']);
    for (let a = 0; a < all.length; a++) {
      for (let b = a + 1; b < all.length; b++) assert.ok(deltaE(all[a].colour, all[b].colour) >= MIN_DELTA_E, `${all[a].text} vs ${all[b].text}`);
    }
    await page.close();
  });
});
