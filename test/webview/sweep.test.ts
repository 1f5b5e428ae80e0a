/**
 * The sweep view in real Chromium, on its own page (the host's HTML and CSP),
 * fed the points the core computes for example 01: what it draws, what it
 * says on hover, what a click asks of the host, and what it does with bad
 * messages.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { analyze } from '../../src/core/analyze';
import { isPlanError, planSweep, runPoint, type SweepPlan } from '../../src/core/sweep';
import { formatDuration } from '../../src/core/units';
import { SWEEP_METRICS, type SweepParamInfo, type SweepPointInfo } from '../../src/shared/sweepProtocol';
import { pageErrors, posted, send, startHarness, type Harness } from './harness';

const ROOT = join(__dirname, '..', '..');
const text = readFileSync(join(ROOT, 'examples/01-two-level-solaris.lwp'), 'utf8');

function sweep(varies: string[]): { params: SweepParamInfo[]; points: SweepPointInfo[]; plan: SweepPlan } {
  const s = analyze(text).scenario!;
  const plan = planSweep(s, varies, () => 1);
  if (isPlanError(plan)) throw new Error(plan.message);
  const points: SweepPointInfo[] = [];
  for (let i = 0; i < plan.points; i++) {
    const p = runPoint(s, plan, i);
    points.push({
      values: Object.values(p.params),
      status: p.status,
      metrics: Object.fromEntries(SWEEP_METRICS.map((m) => [m, p.metrics[m]])) as SweepPointInfo['metrics'],
    });
  }
  return { params: plan.params.map((p) => ({ name: p.name, unit: p.value.kind })), points, plan };
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));
}

describe('webview: the sweep view in Chromium', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.close());

  it('draws one line per value of the second parameter, axes with units, and opens a clicked point', async () => {
    const page = await h.openSweep();
    const { params, points } = sweep(['cpus=1..4', 'model=1:1,N:1,M:N']);
    await send(page, { type: 'start', title: 'Solaris', params, total: points.length, version: 3 });
    assert.match((await texts(page, '.progress-text'))[0], /sweeping… 0 of 12/);
    assert.equal(await page.isVisible('button:has-text("Cancel")'), true);
    await send(page, { type: 'progress', done: 6, total: 12 });
    assert.equal(await page.$eval('progress', (p) => (p).value), 6);
    await send(page, { type: 'result', version: 3, params, points });
    await page.waitForSelector('svg.sweep-chart');
    assert.equal(await page.isVisible('button:has-text("Cancel")'), false);
    assert.equal((await page.$$('svg.sweep-chart polyline')).length, 3);
    assert.equal((await page.$$('svg.sweep-chart circle.pt')).length, 12);
    assert.deepEqual(await texts(page, '.legend li'), ['model = one-to-one', 'model = many-to-one', 'model = many-to-many']);
    assert.deepEqual(await texts(page, 'svg .axis-title'), ['cpus (count)', 'makespan (time)']);
    const ticks = await texts(page, 'svg text.tick');
    assert.ok(ticks.includes('1') && ticks.includes('4'), `x ticks 1..4: ${ticks.join(' ')}`);
    assert.ok(
      ticks.some((t) => /^\d+(\.\d+)?ms$/.test(t)),
      `y ticks in ms: ${ticks.join(' ')}`,
    );

    // Hover: the point's values and its metric, as the core computed it.
    const k = points.findIndex((p) => p.values[0] === 2 && p.values[1] === 'many-to-one');
    const circle = page.locator(`circle.pt[data-index="${k}"]`);
    await circle.hover();
    const tip = await page.textContent('.tip');
    assert.equal(tip, `cpus = 2, model = many-to-one: makespan ${formatDuration(points[k].metrics.makespan)}`);
    await circle.click();
    const open = (await posted(page)).filter((m) => m.type === 'openPoint');
    assert.deepEqual(open, [{ type: 'openPoint', index: k }]);
    assert.deepEqual(pageErrors(page), []);
    if (process.env.LWP_SWEEP_SHOT) await page.screenshot({ path: process.env.LWP_SWEEP_SHOT });
    await page.close();
  });

  it('switches the metric (utilization in %), remembers it, and draws a word parameter on a category axis', async () => {
    const page = await h.openSweep();
    const { params, points } = sweep(['model=1:1,N:1,M:N']);
    await send(page, { type: 'result', version: 1, params, points });
    await page.waitForSelector('svg.sweep-chart');
    assert.deepEqual(await texts(page, '.legend li'), ['makespan']);
    const ticks = await texts(page, 'svg text.tick');
    for (const w of ['one-to-one', 'many-to-one', 'many-to-many']) assert.ok(ticks.includes(w), `category tick ${w}`);
    await page.selectOption('#metric', 'cpuUtilization');
    assert.deepEqual(await texts(page, 'svg .axis-title'), ['model', 'cpuUtilization (%)']);
    assert.ok((await texts(page, 'svg text.tick')).includes('100%'));
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __state: unknown }).__state), { metric: 'cpuUtilization' });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('cancel, failure and points that did not complete', async () => {
    const page = await h.openSweep();
    await send(page, { type: 'start', title: 'x', params: [{ name: 'cpus', unit: 'count' }], total: 40, version: 1 });
    await page.click('button:has-text("Cancel")');
    assert.ok((await posted(page)).some((m) => m.type === 'cancel'));
    await send(page, { type: 'cancelled', done: 7, total: 40 });
    assert.match((await texts(page, '.progress-text'))[0], /cancelled after 7 of 40 points/);
    await page.click('button:has-text("Run again")');
    assert.ok((await posted(page)).some((m) => m.type === 'rerun'));
    await send(page, { type: 'failed', message: 'server.lwps=1..4: process <b>x</b> is one-to-one' });
    assert.equal(await page.textContent('.message'), 'server.lwps=1..4: process <b>x</b> is one-to-one');
    assert.equal(await page.$('.message b'), null, 'text, not markup');
    const metrics = Object.fromEntries(SWEEP_METRICS.map((m) => [m, 0]));
    await send(page, {
      type: 'result',
      version: 2,
      params: [{ name: 'pipeline.lwps', unit: 'count' }],
      points: [
        { values: [1], status: 'deadlock', metrics },
        { values: [2], status: 'completed', metrics: { ...metrics, makespan: 2_000_000 } },
      ],
    });
    await page.waitForSelector('svg.sweep-chart');
    assert.equal(await page.getAttribute('circle.pt[data-index="0"]', 'fill'), 'none', 'a deadlocked point is hollow');
    assert.match((await page.textContent('.note')) ?? '', /1 point did not complete/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('drops a message that breaks the protocol, and says so to the host', async () => {
    const page = await h.openSweep();
    await send(page, {
      type: 'result',
      version: 1,
      params: [{ name: 'cpus', unit: 'count' }],
      points: [{ values: [1, 2], status: 'completed', metrics: {} }],
    });
    await send(page, { type: 'openPoint', index: 0 });
    await send(page, { type: 'progress', done: 5, total: 2 });
    const errors = (await posted(page)).filter((m) => m.type === 'error');
    assert.equal(errors.length, 3);
    assert.equal(await page.$('svg.sweep-chart'), null);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
