// Route W: the web extension (issue 17) in a browser's web worker extension
// host. code-server serves the workbench; the extension is loaded from this
// folder with `extensionDevelopmentKind: ["web"]` in the workbench URL's
// payload — what VS Code's own web integration tests do — so the workbench
// runs dist/web/extension.js (package.json "browser") in its web worker
// extension host, never dist/extension.js in the Node one. Checked as a user
// meets it: the language server's status says it runs in a browser Web
// Worker (only the web entry starts one), a mistake is squiggled, a hover
// shows its concept, and Run and Visualize draws the chart.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, stopwatch, workbenchUrl } from '../../scripts/vscode/lib.mjs';
import { checker, hoverModelConcept, openFile as openFileIn, palette as paletteIn } from './steps.mjs';
import { paintedBands } from './ui.e2e.mjs';

const MISTAKE = 'e2e-mistake.lwp';
const EXAMPLE = '01-two-level-solaris.lwp';
const RUN_COMMAND = 'LWP: Run and Visualize';

export async function runWebTest({ server, folder, extDir, workDir, shotsDir }) {
  mkdirSync(shotsDir, { recursive: true });
  const lap = stopwatch();
  const browser = await launchBrowser(workDir);
  const { page } = browser;
  page.setDefaultTimeout(60_000);
  const { check, results } = checker(page, shotsDir, 'web-');
  const screenshots = [];
  const logs = [];
  let activationMs = null;
  page.on('console', (m) => logs.push(m.text()));

  const openFile = (name) => openFileIn(page, name);

  try {
    let ready = await check('the workbench starts the extension in its web worker extension host', async () => {
      const t0 = Date.now();
      await page.goto(workbenchUrl(server, folder, { extensionDevelopmentPath: extDir, extensionDevelopmentKind: 'web' }));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await openFile(MISTAKE);
      await page.waitForFunction(() => /LWP/.test(document.getElementById('status.editor.mode')?.innerText ?? ''), null, {
        timeout: 60_000,
      });
      if (!logs.some((l) => /web worker extension host is started/i.test(l)))
        throw new Error('the workbench never started a web worker extension host');
      lap(`workbench and ${MISTAKE} in ${Date.now() - t0} ms`);
    });

    ready &&= await check('the language server runs in a browser Web Worker (its status says so)', async () => {
      const item = page.locator('[id="lwp-lab.lwp-lab.lwp.server"]').first();
      await item.waitFor({ timeout: 60_000 });
      let text = '';
      for (let attempt = 0; attempt < 20 && !/ready/i.test(text); attempt++) {
        await page.mouse.move(5, 5);
        await item.hover();
        const tip = page.locator('.monaco-hover:not(.hidden), .workbench-hover').first();
        if (
          await tip.waitFor({ timeout: 2000 }).then(
            () => true,
            () => false,
          )
        )
          text = await tip.innerText().catch(() => '');
        if (!/ready/i.test(text)) await page.waitForTimeout(500);
      }
      if (!/Runs in a browser Web Worker/.test(text)) throw new Error(`status tooltip: ${JSON.stringify(text.slice(0, 200))}`);
      if (!/ready/i.test(text)) throw new Error(`the server is not ready: ${JSON.stringify(text.slice(0, 200))}`);
      await page.mouse.move(5, 5);
    });

    await check('a mistake is squiggled where it is', async () => {
      const squiggle = page.locator('.monaco-editor .squiggly-error').first();
      await squiggle.waitFor({ timeout: 30_000 });
      const line = page.locator('.monaco-editor .view-line', { hasText: 'compute 5' }).first();
      const [sq, ln] = await Promise.all([squiggle.boundingBox(), line.boundingBox()]);
      if (!sq || !ln) throw new Error('squiggle or line not laid out');
      if (Math.abs(sq.y - ln.y) > ln.height) throw new Error(`squiggle at y=${sq.y}, line 'compute 5' at y=${ln.y}`);
    });

    await check('hovering a keyword shows its concept', async () => {
      await hoverModelConcept(page);
      await page.mouse.move(5, 5);
    });

    ready &&= await check(`"${RUN_COMMAND}" draws the chart`, async () => {
      await openFile(EXAMPLE);
      await paletteIn(page, RUN_COMMAND);
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const canvas = frame.locator('canvas').first();
      await canvas.waitFor({ timeout: 60_000 });
      const deadline = Date.now() + 30_000;
      let bands = [];
      while (Date.now() < deadline) {
        bands = await page.evaluate(paintedBands, (await canvas.screenshot()).toString('base64'));
        if (bands.length > 0) break;
        await page.waitForTimeout(200);
      }
      // 3 CPUs, 3 LWPs and 5 threads, as in the Node route's check.
      if (bands.length < 11) throw new Error(`only ${bands.length} painted lane bands`);
      await page.waitForTimeout(300);
      const file = join(shotsDir, 'web-chart.png');
      await page.screenshot({ path: file });
      screenshots.push(file);
    });

    const palette = (command) => paletteIn(page, command);

    await check("the Testing view runs a scenario's expectations on the web (in a Web Worker)", async () => {
      await palette('Test: Run All Tests');
      // The Test Results view marks each expectation; the open example's all hold.
      await palette('Test Results: Focus on Test Results View');
      const passedIcons = page.locator('.part.panel .codicon-testing-passed-icon');
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline && (await passedIcons.count()) < 3) await page.waitForTimeout(500);
      const text = await page
        .locator('.part.panel')
        .first()
        .innerText()
        .catch(() => '');
      if (/could not start|simulation worker/i.test(text)) throw new Error(`the simulation worker failed: ${text.slice(0, 300)}`);
      const n = await passedIcons.count();
      if (n < 3) throw new Error(`${n} expectations marked passed: ${JSON.stringify(text.slice(0, 300))}`);
      await page.screenshot({ path: join(shotsDir, 'web-testing.png') });
    });

    // Timing is reported, not asserted (speed is measured by benchmarks, not timed tests): docs/performance.md.
    await check('Running Extensions lists the extension in the web worker host, with its activation time', async () => {
      await palette('Developer: Show Running Extensions');
      const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'lwp-lab' }).first();
      await row.waitFor({ timeout: 30_000 });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      if (!/web worker/i.test(text)) throw new Error(`not in the web worker host: ${JSON.stringify(text)}`);
      const m = /Activation:\s*([\d,.]+)\s*ms/i.exec(text);
      if (!m) throw new Error(`no activation time in ${JSON.stringify(text)}`);
      activationMs = Number(m[1].replace(/,/g, ''));
      console.log(`    activation in the web worker extension host: ${activationMs} ms`);
    });
  } finally {
    await browser.dispose();
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, screenshots, activationMs };
}
