// Route A: the extension as a user meets it. The packaged .vsix is installed
// into a fresh code-server profile (scripts/vscode/run-tests.mjs does that);
// this file drives the real workbench in Chromium: open a file with a mistake
// (squiggle, hover), open an example, run `LWP: Run and Visualize` from the
// command palette, and check the chart's canvas is drawn at its lanes.
//
// Each check is one test: it passes or fails on its own, with a screenshot
// of the failure. Later checks that need an earlier one are skipped as failed.
import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { checker, hoverModelConcept, openFile as openFileIn, palette } from './steps.mjs';
import { launchBrowser, stopwatch, treeMemory, workbenchUrl } from '../../scripts/vscode/lib.mjs';

const MISTAKE = 'e2e-mistake.lwp';
const EXAMPLE = '01-two-level-solaris.lwp';
const RUN_COMMAND = 'LWP: Run and Visualize';
const DEBUG_COMMAND = 'LWP: Debug Scenario';
/** The example's `lock cache { compute 1ms }` line (1-based), where the debugging check sets its breakpoint. */
const LOCK_LINE = readFileSync(new URL('../../examples/01-two-level-solaris.lwp', import.meta.url), 'utf8').split('\n').findIndex((l) => l.includes('lock cache {')) + 1;

export async function runUiTest({ server, folder, workDir, shotsDir }) {
  mkdirSync(shotsDir, { recursive: true });
  const lap = stopwatch();
  const browser = await launchBrowser(workDir);
  const { page } = browser;
  // Generous: on a loaded 2-core machine the workbench alone can take 30 s to start.
  page.setDefaultTimeout(60_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const { check, results } = checker(page, shotsDir);
  const screenshots = [];
  let chartBands = [];
  // README pictures: the editor area only (the Explorer adds bytes, not meaning).
  const shot = async (name, clip) => {
    const file = join(shotsDir, `${name}.png`);
    await page.screenshot({ path: file, clip });
    screenshots.push(file);
    return file;
  };

  const openFile = (name) => openFileIn(page, name);

  try {
    let ready = await check('the workbench opens with the extension installed from the .vsix', async () => {
      await page.goto(workbenchUrl(server, folder));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      lap('workbench rendered');
      await openFile(MISTAKE);
      lap(`${MISTAKE} open`);
      await page.waitForFunction(() => /LWP/.test(document.getElementById('status.editor.mode')?.innerText ?? ''), null, { timeout: 30_000 });
    });

    ready &&= await check('a mistake is squiggled where it is', async () => {
      // The error is on `compute 5` (line 5); the squiggle decoration is drawn
      // in the editor's overlay layer at that line's height.
      const squiggle = page.locator('.monaco-editor .squiggly-error').first();
      await squiggle.waitFor({ timeout: 30_000 });
      const line = page.locator('.monaco-editor .view-line', { hasText: 'compute 5' }).first();
      const [sq, ln] = await Promise.all([squiggle.boundingBox(), line.boundingBox()]);
      if (!sq || !ln) throw new Error('squiggle or line not laid out');
      if (Math.abs(sq.y - ln.y) > ln.height) throw new Error(`squiggle at y=${sq.y}, line 'compute 5' at y=${ln.y}`);
      if (sq.x < ln.x + 40) throw new Error('squiggle does not sit under the duration');
    });

    await check('hovering a keyword shows its concept', async () => {
      await hoverModelConcept(page);
      await shot('hover', { x: 340, y: 0, width: 1060, height: 430 });
      await page.mouse.move(5, 5);
    });

    ready &&= await check(`"${RUN_COMMAND}" runs from the command palette`, async () => {
      await openFile(EXAMPLE);
      await palette(page, RUN_COMMAND);
      // The panel opens beside the source: two editor groups.
      await page.waitForFunction(() => document.querySelectorAll('.editor-group-container').length >= 2, null, { timeout: 30_000 });
    });

    if (ready) {
      await check('the chart is drawn: lanes painted, not a blank canvas', async () => {
        const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        const canvas = frame.locator('canvas').first();
        await canvas.waitFor({ timeout: 30_000 });
        // Wait until the canvas holds a picture, then read which rows are
        // painted. The pixels come from a screenshot of the canvas, so this
        // works whatever draws it (2D, WebGL, or an OffscreenCanvas in a worker).
        const deadline = Date.now() + 30_000;
        let bands = [];
        while (Date.now() < deadline) {
          const png = (await canvas.screenshot()).toString('base64');
          bands = await page.evaluate(paintedBands, png);
          if (bands.length > 0) break;
          await page.waitForTimeout(200);
        }
        // The example has 3 CPUs, the pool's 2 LWPs plus the watchdog's, and 5 threads.
        const expectedLanes = 3 + 3 + 5;
        if (bands.length < expectedLanes) throw new Error(`only ${bands.length} painted lane bands (expected at least ${expectedLanes}): ${JSON.stringify(bands.slice(0, 20))}`);
        await page.waitForTimeout(300);
        await shot('chart', { x: 340, y: 0, width: 1060, height: 900 });
        chartBands = bands;
      });

      await check('the status bar shows how the run ended', async () => {
        await page.locator('footer .statusbar-item', { hasText: /LWP completed \d/ }).first().waitFor({ timeout: 30_000 });
      });

      await check('clicking an interval selects its statement in the source', async () => {
        if (!chartBands.length) throw new Error('no chart to click');
        const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        const canvas = frame.locator('canvas').first();
        const box = await canvas.boundingBox();
        const selection = page.locator('[id="status.editor.selection"]');
        const before = await selection.innerText().catch(() => '');
        // Thread lanes come last: try the lowest painted bands, at the first painted run of each.
        for (const band of [...chartBands].reverse().slice(0, 5)) {
          if (band.x === null) continue;
          await page.mouse.click(box.x + band.x, box.y + (band.top + band.bottom) / 2);
          const moved = await page
            .waitForFunction((b) => {
              const t = document.getElementById('status.editor.selection')?.innerText ?? '';
              return t !== b && /selected/.test(t);
            }, before, { timeout: 3000 })
            .then(() => true, () => false);
          if (moved) return;
        }
        throw new Error(`the editor selection did not change (status bar: ${await selection.innerText().catch(() => '?')})`);
      });

      // The chart as a reader meets it (issue 12): each picture below is also a README / docs/chart.md
      // picture, taken of the chart panel only, and looked at by a person before it is published.
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const panelClip = async () => {
        const r = await page.locator('iframe.webview.ready').first().boundingBox();
        if (!r) throw new Error('the chart panel is not laid out');
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };

      await check('a click on empty space clears the selection', async () => {
        const canvas = frame.locator('canvas.chart');
        const box = await canvas.boundingBox();
        // The label column holds no interval.
        await page.mouse.click(box.x + 4, box.y + 60);
        await page.waitForTimeout(300);
        if (chartBands.length) {
          const png = (await canvas.screenshot()).toString('base64');
          const again = await page.evaluate(paintedBands, png);
          if (again.length < chartBands.length) throw new Error(`lanes still dimmed: ${again.length} of ${chartBands.length} bands painted`);
        }
        await shot('chart-single', await panelClip());
      });

      await check('a tooltip on the bottom lane shows inside the panel', async () => {
        const canvas = frame.locator('canvas.chart');
        const box = await canvas.boundingBox();
        const last = [...chartBands].reverse().find((b) => b.x !== null);
        if (!last) throw new Error('no painted lane');
        const tip = frame.locator('.tooltip');
        await page.mouse.move(box.x + last.x, box.y + (last.top + last.bottom) / 2);
        await tip.waitFor({ state: 'visible', timeout: 5000 });
        const [t, panel] = [await tip.boundingBox(), await panelClip()];
        if (!t || t.y < panel.y || t.y + t.height > panel.y + panel.height || t.x < panel.x || t.x + t.width > panel.x + panel.width) throw new Error(`tooltip ${JSON.stringify(t)} leaves the panel ${JSON.stringify(panel)}`);
        await shot('chart-tooltip', panel);
        await page.mouse.move(5, 5);
      });

      await check('Colour: thread names each thread in the legend', async () => {
        await frame.locator('select[aria-label="Colour lanes by"]').selectOption('thread');
        const names = await frame.locator('.legend-threads .legend-item').allInnerTexts();
        if (!names.some((n) => /worker#1/.test(n)) || !names.some((n) => /watchdog/.test(n))) throw new Error(`legend threads: ${names.join(', ')}`);
        await page.waitForTimeout(300);
        await shot('chart-thread', await panelClip());
        await frame.locator('select[aria-label="Colour lanes by"]').selectOption('state');
      });

      await check('Compare shows the file’s own model first, and the status bar reports every run', async () => {
        await frame.locator('button', { hasText: 'Compare models' }).click();
        await page.locator('footer .statusbar-item', { hasText: /LWP compare M:N/ }).first().waitFor({ timeout: 30_000 });
        const heads = await frame.locator('.run-headers li').allTextContents();
        if (!/^many-to-many \(the file's model\)/.test(heads[0] ?? '')) throw new Error(`runs shown: ${heads.join(' | ')}`);
        await page.waitForTimeout(300);
        await shot('chart-compare', await panelClip());
        await frame.locator('button', { hasText: 'Single run' }).click();
        await page.locator('footer .statusbar-item', { hasText: /LWP completed \d/ }).first().waitFor({ timeout: 30_000 });
      });

      // The debugger first: its picture shows the chart beside it, which the Predict Then Run answers would cover.
      await check('debugging: a breakpoint (F9), LWP: Debug Scenario, stopped on the line, LWPs in Variables, step back, the chart follows', async () => {
        // The source editor (left group), then its `lock cache` line.
        await page.locator('.editor-group-container').first().locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+G');
        const input = page.locator('.quick-input-widget input.input');
        await input.waitFor({ state: 'visible' });
        await input.fill(`:${LOCK_LINE}`);
        await page.keyboard.press('Enter');
        await page.keyboard.press('F9');
        await page.locator('.codicon-debug-breakpoint').first().waitFor({ timeout: 10_000 });
        await palette(page, DEBUG_COMMAND);
        // The stopped thread's row carries the stop's description (VS Code shows it instead of "Paused on breakpoint").
        await page.locator('.debug-call-stack', { hasText: /server\.worker#1 starts lock cache at 5ms/i }).first().waitFor({ timeout: 60_000 });
        await page.locator('.debug-top-stack-frame-column, .debug-top-stack-frame-line').first().waitFor({ timeout: 20_000 });
        const lwps = page.locator('.debug-pane .monaco-list-row', { hasText: /^LWPs$/ }).first();
        await lwps.waitFor({ timeout: 20_000 });
        await lwps.click();
        await page.locator('.debug-pane .monaco-list-row', { hasText: /LWP 0 \(server\)/ }).first().waitFor({ timeout: 20_000 });
        await page.locator('.debug-toolbar .action-item .codicon-debug-step-back').first().click();
        // Back to worker#1's previous statement: `io 3ms`, at 2ms (the chart's cursor moves there).
        await page.locator('.debug-call-stack', { hasText: /server\.worker#1 starts io 3ms at 2ms/i }).first().waitFor({ timeout: 30_000 });
        await page.locator('.debug-pane .monaco-list-row', { hasText: /LWP 0 \(server\)/ }).first().waitFor({ timeout: 20_000 });
        await page.waitForTimeout(800);
        await shot('debugger');
        await page.keyboard.press('Shift+F5');
      });

      await check('Predict Then Run: a wrong answer is marked wrong and explained, then the run shows', async () => {
        // The source editor has the focus for the command (the panel would pass it on too).
        await page.locator('.tabs-container .tab', { hasText: EXAMPLE }).first().click();
        await palette(page, 'LWP: Predict Then Run');
        const form = frame.locator('form.quiz');
        await form.waitFor({ timeout: 30_000 });
        if (await frame.locator('.chart-wrap').isVisible()) throw new Error('the chart shows before the answers');
        // Nor does the status bar give the outcome away before the reveal.
        await page.locator('footer .statusbar-item', { hasText: /LWP: predict first/ }).first().waitFor({ timeout: 10_000 });
        // The example has no 'ask' lines: the automatic questions, the first being how the run ends. It completes: say deadlock.
        const first = await form.locator('label').first().innerText();
        if (!/How does the run end/.test(first)) throw new Error(`first question: ${first}`);
        await form.locator('select.quiz-answer').first().selectOption('deadlock');
        await form.locator('.quiz-reveal').click();
        const wrong = frame.locator('.quiz-result .quiz-wrong').first();
        await wrong.waitFor({ timeout: 10_000 });
        const mark = await wrong.locator('.quiz-mark').innerText();
        if (mark !== '✗ Wrong: you said deadlock; the answer is completed.') throw new Error(`mark: ${mark}`);
        const why = await wrong.locator('.quiz-why').innerText();
        if (!/Every thread finished; the last at \d/.test(why)) throw new Error(`why: ${why}`);
        await frame.locator('.chart-wrap').waitFor({ state: 'visible', timeout: 10_000 });
        await page.locator('footer .statusbar-item', { hasText: /LWP completed \d/ }).first().waitFor({ timeout: 10_000 });
        await page.waitForTimeout(300);
        await shot('predict-then-run', await panelClip());
      });

      await check('"LWP: Open Course" opens a lesson to predict, and the picker then shows the score kept', async () => {
        const openCourse = async () => {
          await palette(page, 'LWP: Open Course');
          await page.locator('.quick-input-widget input[placeholder^="Choose a lesson"]').first().waitFor({ timeout: 20_000 });
        };
        await openCourse();
        const first = page.locator('.quick-input-list .monaco-list-row', { hasText: /01 · user threads switch cheaply/ }).first();
        await first.waitFor({ timeout: 10_000 });
        if (/best \d+ of \d+/.test(await first.innerText())) throw new Error('a score before any was kept');
        await first.click();
        // The lesson's Predict Then Run: the frame that holds its quiz (another chart may be open beside).
        let quiz = null;
        const deadline = Date.now() + 60_000;
        while (!quiz && Date.now() < deadline) {
          for (const f of page.frames()) if (await f.$('form.quiz .quiz-reveal').catch(() => null)) quiz = f;
          if (!quiz) await page.waitForTimeout(250);
        }
        if (!quiz) throw new Error("no quiz for the lesson within 60 s");
        const questions = await quiz.$$eval('form.quiz label', (els) => els.map((e) => e.textContent));
        if (!questions.some((q) => /user-level switches/.test(q ?? ''))) throw new Error(`the lesson's own questions are not asked: ${questions.join(' | ')}`);
        // Revealed without answers: every question marked wrong, and the score (0 of N) kept.
        await quiz.locator('.quiz-reveal').click();
        await quiz.locator('.quiz-result .quiz-wrong').first().waitFor({ timeout: 10_000 });
        await openCourse();
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: /01 · user threads switch cheaply/ }).first();
        await row.waitFor({ timeout: 10_000 });
        const text = await row.innerText();
        if (!new RegExp(`best 0 of ${questions.length}`).test(text)) throw new Error(`the picker row after the reveal: ${text}`);
        await page.keyboard.press('Escape');
      });

      await check('"LWP: Sweep…" asks what to vary, draws the sweep, and a click opens that point\'s chart', async () => {
        await page.locator('.tabs-container .tab', { hasText: EXAMPLE }).first().click();
        await palette(page, 'LWP: Sweep…');
        const input = page.locator('.quick-input-widget input.input');
        // Each question is its own quick input, told apart by its title.
        const answer = async (title, text, row) => {
          await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
          await input.fill(text);
          // The row whose label is exactly the name (the filter also keeps `costs.upcall` for `cpus`).
          if (row) await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${row.replace(/\./g, '\\.')}$`) }) }).first().click();
          else await page.keyboard.press('Enter');
        };
        await answer('what to vary', 'server.lwps', 'server.lwps');
        await answer('values of server.lwps', '1..4');
        await answer('a second parameter', 'cpus', 'cpus');
        await answer('values of cpus', '1,2,3');
        // The sweep view's webview: the frame that holds the sweep chart.
        let sweepFrame = null;
        const deadline = Date.now() + 60_000;
        while (!sweepFrame && Date.now() < deadline) {
          for (const f of page.frames()) if (await f.$('svg.sweep-chart circle.pt').catch(() => null)) sweepFrame = f;
          if (!sweepFrame) await page.waitForTimeout(250);
        }
        if (!sweepFrame) throw new Error('no sweep chart drawn within 60 s');
        const circles = await sweepFrame.$$('circle.pt');
        if (circles.length !== 12) throw new Error(`${circles.length} points drawn, expected 4 × 3`);
        const legend = await sweepFrame.$$eval('.legend li', (els) => els.map((e) => e.textContent));
        if (legend.join('|') !== 'cpus = 1|cpus = 2|cpus = 3') throw new Error(`legend: ${legend.join(', ')}`);
        await sweepFrame.locator('circle.pt[data-index="5"]').hover();
        const tip = await sweepFrame.locator('.tip').innerText({ timeout: 5000 });
        if (!/^server\.lwps = 2, cpus = 3: makespan [\d.]+ms$/.test(tip)) throw new Error(`tooltip: ${tip}`);
        const frameEl = await sweepFrame.frameElement();
        const outer = await (await frameEl.ownerFrame())?.frameElement();
        const box = await (outer ?? frameEl).boundingBox();
        if (!box) throw new Error('the sweep view is not laid out');
        await page.waitForTimeout(300);
        await shot('sweep', { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 470) });
        await sweepFrame.locator('circle.pt[data-index="5"]').click();
        await page.locator('.tabs-container .tab', { hasText: 'server.lwps=2, cpus=3' }).first().waitFor({ timeout: 30_000 });
        await page.locator('footer .statusbar-item', { hasText: /LWP completed \d/ }).first().waitFor({ timeout: 30_000 });
      });
    }

    const mem = treeMemory(server.pid);
    console.log(`  memory: code-server tree ${mem.processes} procs, PSS ${mem.pssMiB} MiB; chromium tree PSS ${treeMemory(browser.browserPid ?? process.pid).pssMiB} MiB`);
    if (errors.length) console.log(`  page errors (not failures): ${errors.slice(0, 3).join(' | ').slice(0, 400)}`);
  } finally {
    await browser.dispose();
  }
  return { passed: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, screenshots };
}

/**
 * Runs in the workbench page, on a screenshot of the canvas: the horizontal bands whose rows hold
 * painted pixels (a pixel differs from the canvas's most common colour, its
 * background). Returns [{ top, bottom }] in canvas pixels.
 */
export async function paintedBands(pngBase64) {
  const img = new Image();
  img.src = `data:image/png;base64,${pngBase64}`;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.naturalWidth;
  c.height = img.naturalHeight;
  const ctx = c.getContext('2d');
  if (!ctx || c.width === 0 || c.height === 0) return [];
  ctx.drawImage(img, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4 * 97) {
    const k = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const rowPainted = [];
  for (let y = 0; y < height; y++) {
    let painted = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const k = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
      if (k !== bg) painted++;
    }
    // A lane row is painted across a good part of the width, unlike text or grid lines.
    rowPainted.push(painted > width * 0.2);
  }
  const bands = [];
  for (let y = 0; y < height; y++) {
    if (rowPainted[y] && (y === 0 || !rowPainted[y - 1])) bands.push({ top: y, bottom: y });
    if (rowPainted[y]) bands[bands.length - 1].bottom = y;
  }
  // Where to click in each band: the middle of its longest run of one colour
  // (an interval, not a label's glyphs).
  for (const b of bands) {
    const y = (b.top + b.bottom) >> 1;
    b.x = null;
    let best = 0;
    let runStart = 0;
    let prev = null;
    for (let x = 0; x <= width; x++) {
      const i = (y * width + x) * 4;
      const k = x < width ? (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3] : null;
      if (k !== prev) {
        if (prev !== null && prev !== bg && x - runStart > best) {
          best = x - runStart;
          b.x = (runStart + x) >> 1;
        }
        runStart = x;
        prev = k;
      }
    }
  }
  return bands.filter((b) => b.bottom - b.top >= 2);
}
