/**
 * Entry point of the integration suite (what `extensionTestsPath` points at).
 * VS Code calls run() inside the extension host once the extension under
 * development is loaded; a rejected promise fails the run. The closing
 * `LWP-VSCODE-TESTS {…}` line is how the harness counts tests.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.LWP_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  const suiteDir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(suiteDir).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(suiteDir, f));
  console.log('LWP-VSCODE-TESTS-START');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      console.log(`LWP-VSCODE-TESTS ${JSON.stringify({ passes, failures, pending })}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
