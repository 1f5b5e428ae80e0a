/**
 * "Why?" in the chart (issue 16), on the built bundle in real Chromium: the
 * tooltip says why a thread waits at the instant under the pointer; a click
 * keeps the whole chain, its source lines reveal the statement, and text
 * from the file is shown as text.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { pageErrors, posted, runSource, startHarness, type Harness } from './harness';

const AXIS_H = 26;
const ROW_H = 18;

const CHAIN = `scenario "<img src=x onerror=alert(1)>"
machine { cpus 2 costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns } }
process app {
  model one-to-one
  mutex m1
  mutex m2
  thread c { lock m2 { compute 10ms } }
  thread b start 1ms { lock m1 { lock m2 { compute 1ms } } }
  thread a start 2ms { lock m1 { compute 1ms } }
}
`;

/** Hovers each lane row at x until the tooltip names `label`; returns the row's y (page coordinates). */
async function rowOf(page: Page, label: string, x: number): Promise<number> {
  const box = (await page.locator('canvas.chart').boundingBox())!;
  for (let k = 0; k < 30; k++) {
    const y = box.y + AXIS_H + k * ROW_H + ROW_H / 2;
    if (y > box.y + box.height) break;
    await page.mouse.move(x, y);
    const tip = page.locator('.tooltip');
    if ((await tip.isVisible()) && (await tip.locator('.tt-lane').textContent()) === label) return y;
  }
  throw new Error(`no lane ${label}`);
}

describe('"Why?" in the chart (issue 16, in Chromium)', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('the tooltip says why; a click shows the chain to its root; a line link reveals the statement', async () => {
    const page = await h.open({ width: 1000, height: 700 });
    const done = await runSource(page, CHAIN);
    assert.equal(done.makespan, 12_000_000);
    const box = (await page.locator('canvas.chart').boundingBox())!;
    const lw = Number(await page.locator('canvas.chart').getAttribute('data-label-width'));
    // 5 ms into a 12 ms run.
    const x = box.x + lw + ((box.width - lw - 14) * 5) / 12;
    const y = await rowOf(page, 'app.a', x);
    const why = await page.locator('.tooltip .tt-why').textContent();
    assert.match(why ?? '', /^Why\? At [456](\.\d+)?ms app\.a is blocked in the kernel in 'lock m1' \(line 9\) on mutex m1 \(line 5\) since 2ms: app\.b holds it/);
    assert.equal(await page.locator('.tooltip .tt-hint').textContent(), 'Click for the whole chain.');
    await page.mouse.click(x, y);
    const panel = page.locator('.why');
    await panel.waitFor();
    const steps = await panel.locator('.why-step > span').allTextContents();
    assert.equal(steps.length, 3);
    assert.match(steps[0], /app\.a .* app\.b holds it/);
    assert.match(steps[1], /app\.b is blocked in the kernel in 'lock m2' \(line 8\) on mutex m2 \(line 6\) since 1ms: app\.c holds it/);
    assert.match(steps[2], /app\.c is running in 'compute 10ms' \(line 7\)/);
    // The first step's link to 'lock m1' (line 9) reveals that statement's range in the editor.
    const before = (await posted(page)).length;
    await panel.locator('.why-step').first().locator('.why-ref', { hasText: 'line 9' }).click();
    const msgs = (await posted(page)).slice(before).filter((m) => m.type === 'revealSource');
    const start = CHAIN.indexOf('lock m1 { compute');
    assert.deepEqual(msgs.at(-1), { type: 'revealSource', start, end: msgs.at(-1)!.end });
    assert.ok((msgs.at(-1)!.end as number) > start);
    await panel.locator('.why-close').click();
    assert.equal(await page.locator('.why-host').isHidden(), true);
    assert.equal(await page.locator('img').count(), 0, 'nothing from the file becomes markup');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});

const GREEN = `scenario "Green threads"
machine { cpus 1 costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns } }
process app {
  model many-to-one
  thread reader { io 10ms }
  thread cruncher * 2 { compute 5ms }
}
ask makespan "How long does the run take?"
ask first app.reader app.cruncher#1
`;

describe('Predict Then Run in the chart (issue 16, in Chromium)', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('hides the run, asks the questions, marks a wrong answer and explains it, then shows the chart', async () => {
    const page = await h.open({ width: 1000, height: 800 });
    await page.evaluate(() => window.postMessage({ type: 'predict' }, '*'));
    await runSource(page, GREEN);
    const form = page.locator('form.quiz');
    await form.waitFor();
    assert.equal(await page.locator('.chart-wrap').isVisible(), false, 'the chart is hidden while predicting');
    assert.doesNotMatch((await page.locator('.status').textContent()) ?? '', /20ms/, 'the status does not give the makespan away');
    assert.deepEqual(await form.locator('label').allTextContents(), ['How long does the run take?', 'Which finishes first: app.reader, app.cruncher#1?']);
    // An answer without a unit is refused with the way to write it.
    await form.locator('input.quiz-answer').fill('20');
    await form.locator('.quiz-reveal').click();
    assert.equal(await form.locator('.quiz-problem').first().textContent(), "Answer with a duration with its unit, such as 12ms or 250us, not '20'.");
    assert.equal(await page.locator('.chart-wrap').isVisible(), false);
    await form.locator('input.quiz-answer').fill('21ms');
    await form.locator('select.quiz-answer').selectOption('app.cruncher#1');
    await form.locator('.quiz-reveal').click();
    const result = page.locator('.quiz-result');
    await result.waitFor();
    assert.equal(await result.locator('header strong').textContent(), '1 of 2 right');
    const marks = await result.locator('.quiz-mark').allTextContents();
    assert.deepEqual(marks, ['✓ Right: you said 21ms; the answer is 20ms.', '✗ Wrong: you said app.cruncher#1; the answer is app.reader.']);
    const why = await result.locator('.quiz-why').nth(1).textContent();
    assert.match(why ?? '', /app\.reader finishes first, at 10ms .* app\.reader is blocked in the kernel in 'io 10ms' \(line 5\)/);
    assert.equal(await page.locator('.chart-wrap').isVisible(), true, 'the run is revealed');
    const msgs = (await posted(page)).filter((m) => m.type === 'quizRevealed');
    assert.deepEqual(msgs, [{ type: 'quizRevealed', right: 1, total: 2 }]);
    // A link in the explanation reveals its line.
    await result.locator('.quiz-wrong .why-ref').first().click();
    assert.equal((await posted(page)).at(-1)?.type, 'revealSource');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
