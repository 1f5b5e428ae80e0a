// Steps the UI tests share (route A, test/e2e/ui.e2e.mjs; route W,
// test/e2e/web.e2e.mjs): one check at a time with a screenshot of a failure,
// opening a file as a user would, and running a command from the palette.
import { join } from 'node:path';

/**
 * `check(name, fn)` runs one check: it passes or fails on its own, printed
 * with its time, a failure photographed as FAILED-<prefix><name>.png.
 * Returns true when it passed. `results` lists every check's outcome.
 */
export function checker(page, shotsDir, prefix = '') {
  const results = [];
  async function check(name, fn) {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
      return true;
    } catch (e) {
      results.push({ name, ok: false });
      console.log(`  ✘ ${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      await page.screenshot({ path: join(shotsDir, `FAILED-${prefix}${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
      return false;
    }
  }
  return { check, results };
}

/**
 * Opens `name` from the Explorer, as a user would (Quick Open waits on the
 * file search index, which is slow right after the workbench starts).
 */
export async function openFile(page, name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  await row.scrollIntoViewIfNeeded();
  await row.dblclick();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Runs `command` (its title as the palette lists it) from the command palette. */
export async function palette(page, command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>' + command);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Hovers the last `many-to-one` in the editor until its concept shows (the
 * hover can come before the language server is up: move away and back), and
 * throws unless the hover names the model and LWPs. Leaves the hover shown.
 */
export async function hoverModelConcept(page) {
  const word = page.locator('.monaco-editor .view-line span', { hasText: /^many-to-one$/ }).last();
  await word.waitFor();
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover.visible .hover-contents').first();
  let text = '';
  for (let attempt = 0; attempt < 10 && !/many-to-one/i.test(text); attempt++) {
    await page.mouse.move(5, 5);
    await word.hover();
    const shown = await hover.waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (shown) text = await hover.innerText({ timeout: 2000 }).catch(() => '');
  }
  if (!/many-to-one/i.test(text) || !/LWP/.test(text)) throw new Error(`hover text: ${text.slice(0, 200)}`);
}
