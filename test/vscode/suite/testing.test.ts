import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingSnapshot } from '../../../src/extension/testing';
import { closeAll, commandExists, extensionApi, openFixture } from '../helpers';

const SNAPSHOT = '_lwp.testing.snapshot';

const snapshot = (opts: { afterRuns?: number; discover?: boolean } = {}) => vscode.commands.executeCommand<TestingSnapshot>(SNAPSHOT, opts);

describe('the Testing view', function () {
  before(async function () {
    await openFixture('two-level.lwp');
    await extensionApi();
    if (!(await commandExists(SNAPSHOT))) this.skip();
  });
  after(closeAll);

  it('lists each .lwp file with expectations, one child per expect line', async () => {
    const s = await snapshot({ discover: true });
    const byName = new Map(s.files.map((f) => [f.label, f]));
    assert.deepEqual([...byName.keys()].sort(), ['expectations.lwp', 'two-level.lwp']);
    assert.deepEqual(
      byName.get('expectations.lwp')!.expectations.map((e) => [e.label, e.line]),
      [
        ['expect status is completed', 9],
        ['expect makespan < 1us', 10],
      ],
    );
    assert.equal(byName.get('two-level.lwp')!.expectations.length, 2);
  });

  it('runs them: true expectations pass, a false one fails with the actual value at its line', async () => {
    const before = (await snapshot()).runs;
    await vscode.commands.executeCommand('testing.runAll');
    const s = await snapshot({ afterRuns: before + 1 });
    const outcome = (file: string, label: string) => s.results.find((r) => r.id.includes(file) && r.label === label);
    assert.equal(outcome('two-level.lwp', 'expect status is completed')?.state, 'passed');
    assert.equal(outcome('two-level.lwp', 'expect makespan < 1s')?.state, 'passed');
    assert.equal(outcome('expectations.lwp', 'expect status is completed')?.state, 'passed');
    const failed = outcome('expectations.lwp', 'expect makespan < 1us');
    assert.equal(failed?.state, 'failed');
    assert.equal(failed.line, 10);
    assert.match(failed.message ?? '', /^expect makespan < 1us — got \d+(\.\d+)?(ms|us)$/);
  });

  it('follows edits: a new expect line becomes a new test', async () => {
    const editor = await openFixture('expectations.lwp');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\nexpect threadsCreated == 1\n'));
    try {
      const s = await snapshot();
      const file = s.files.find((f) => f.label === 'expectations.lwp')!;
      assert.deepEqual(
        file.expectations.map((e) => e.label),
        ['expect status is completed', 'expect makespan < 1us', 'expect threadsCreated == 1'],
      );
    } finally {
      await vscode.commands.executeCommand('undo');
    }
  });

  it('runs off the extension host thread, and Cancel stops a long scenario at once', async function () {
    this.timeout(120_000);
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'long-run.lwp');
    // Runs to the 50,000,000-event cap: many seconds of simulation if nothing stops it.
    const text = 'machine { cpus 2 limit 60s }\nprocess p {\n  model many-to-many lwps 2\n  thread t * 8 { forever { compute 1us yield } }\n}\nexpect status is completed\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      await snapshot({ discover: true });
      const before = (await snapshot()).runs;
      const started = Date.now();
      void vscode.commands.executeCommand('testing.runAll');
      await new Promise((r) => setTimeout(r, 1500));
      // The extension host answers while the scenario simulates (it used to simulate on this thread).
      const t0 = Date.now();
      const during = await snapshot();
      assert.ok(Date.now() - t0 < 1000, `the extension host took ${Date.now() - t0} ms to answer during a run`);
      assert.equal(during.runs, before, 'the run is still going');
      const c0 = Date.now();
      await vscode.commands.executeCommand('testing.cancelRun');
      const after = await snapshot({ afterRuns: before + 1 });
      assert.ok(Date.now() - c0 < 5000, `the run ended ${Date.now() - c0} ms after Cancel (${Date.now() - started} ms in all)`);
      const long = after.results.find((r) => r.id.includes('long-run.lwp'));
      assert.equal(long?.state, 'skipped');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
