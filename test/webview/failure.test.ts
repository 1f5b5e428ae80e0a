/**
 * The panel never stays blank: when its script is missing or breaks while
 * starting, the page says why in words and reports it to the host; an error
 * after start shows in the panel and reaches the host too.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { posted, runSource, startHarness, type Harness } from './harness';

async function bootText(page: Page): Promise<string> {
  const handle = await page.waitForFunction(
    () => {
      const box = document.getElementById('lwp-boot');
      return box && box.textContent !== 'Loading the chart…' ? box.textContent : null;
    },
    undefined,
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as string;
}

async function errorsPosted(page: Page): Promise<string[]> {
  return (await posted(page)).filter((m) => m.type === 'error').map((m) => String(m.message));
}

describe('chart webview failures in Chromium', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('says the chart script could not be loaded when the bundle is missing, and tells the host', async () => {
    const page = await h.openRaw('missing-main.js');
    const text = await bootText(page);
    assert.match(text, /^The chart could not start: its script \(missing-main\.js\) could not be loaded\./);
    assert.match(text, /reinstall LWP Lab/);
    // Visible, not just present: it has a box on screen.
    assert.ok(await page.isVisible('#lwp-boot'));
    assert.deepEqual(await errorsPosted(page), [text]);
    await page.close();
  });

  it('says the script failed while starting, with the error, when the bundle throws', async () => {
    const page = await h.openRaw('broken-main.js');
    const text = await bootText(page);
    assert.ok(await page.evaluate(() => (window as unknown as { __brokenRan?: boolean }).__brokenRan), 'the broken script ran');
    assert.match(text, /^The chart could not start: its script failed while starting: .*null/);
    assert.equal(await page.getAttribute('#lwp-boot', 'role'), 'alert');
    assert.deepEqual(await errorsPosted(page), [text]);
    await page.close();
  });

  it('replaces the loading message when the chart starts, and shows and reports a later error', async () => {
    const page = await h.open();
    assert.equal(await page.$('#lwp-boot'), null, 'the loading message is gone once the chart started');
    await runSource(page, 'process p { thread t { compute 1ms } }\n');
    assert.deepEqual(await errorsPosted(page), []);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('the canvas went away');
      }, 0);
    });
    await page.waitForSelector('.errors:not([hidden]) .error-line');
    const shown = await page.textContent('.errors .error-line');
    assert.match(shown ?? '', /The chart hit an error: .*the canvas went away/);
    assert.ok(await page.isVisible('.errors'));
    assert.deepEqual(await errorsPosted(page), [shown]);
    await page.close();
  });

  it('says so when the worker cannot start, and still runs on the page', async () => {
    const page = await h.open({ worker: 'missing-worker.js' });
    await page.waitForSelector('.errors:not([hidden]) .error-line');
    assert.match((await page.textContent('.errors .error-line')) ?? '', /worker script could not be loaded; runs use the page's main thread/);
    assert.equal((await errorsPosted(page)).length, 1);
    const done = await runSource(page, 'process p { thread t { compute 1ms } }\n');
    assert.equal(done.status, 'completed');
    await page.close();
  });
});
