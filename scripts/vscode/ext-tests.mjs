// Route C: the integration suite (test/vscode, bundled to out/vscode-tests)
// runs inside code-server's Node extension host. The workbench URL `payload`
// carries extensionDevelopmentPath + extensionTestsPath, exactly as VS Code's
// own browser integration tests do; the workbench forwards the extension
// host's console through window.codeAutomationLog and reports the test
// module's outcome through window.codeAutomationExit(code).
import { format } from 'node:util';
import { launchBrowser, withTimeout, workbenchUrl } from './lib.mjs';

/** The lines test/vscode/index.ts prints when mocha starts and ends. */
const START = 'LWP-VSCODE-TESTS-START';
const SUMMARY = /LWP-VSCODE-TESTS (\{.*\})/;
/** Workbench noise that is expected offline (gallery, Microsoft-only modules). */
const NOISE = /open-vsx|vsda|ENOTFOUND|marketplace/;

/**
 * Returns { code, passes, failures, pending, output }. `code` is the exit code
 * the workbench reported, or 'timeout'.
 */
export async function runExtensionTests({ server, folder, extDir, testsPath, workDir, timeoutMs = 240_000, echo = true, shotOnFailure = null }) {
  const browser = await launchBrowser(workDir);
  const lines = [];
  // The workbench's own log is printed only if the suite never starts (that
  // is where the reason is); once mocha runs, its reporter output is echoed.
  let started = false;
  try {
    const { page } = browser;
    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      lines.push(line);
      if (line.includes(START)) started = true;
      else if (echo && started && !NOISE.test(line)) console.log(`  ${type === 'error' ? '! ' : ''}${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('pageerror', (e) => lines.push(`[pageerror] ${String(e)}`));
    await page.goto(workbenchUrl(server, folder, { extensionDevelopmentPath: extDir, extensionTestsPath: testsPath }));
    const code = await withTimeout(exited, timeoutMs, 'the VS Code integration suite').catch((e) => {
      console.error(e.message);
      return 'timeout';
    });
    if (code !== 0 && shotOnFailure) await page.screenshot({ path: shotOnFailure }).catch(() => {});
    if (!started && (echo || code !== 0)) {
      console.error('the integration suite never started; the workbench said:');
      for (const l of lines) if (!NOISE.test(l)) console.error(`  ${l}`);
    }
    const m = lines.map((l) => SUMMARY.exec(l)).find(Boolean);
    const counts = m ? JSON.parse(m[1]) : { passes: 0, failures: 0, pending: 0 };
    return { code, ...counts, output: lines };
  } finally {
    await browser.dispose();
  }
}
