import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, commandExists, extensionApi, fixture, openFixture, waitOn } from '../helpers';

const SWEEP = 'lwp.sweep';
/** Test hook of the sweep view's host: the first sweep of a document's view that ended on a version above `afterVersion`. */
const WAIT_FOR_END = '_lwp.sweep.waitForEnd';

interface SweepEnd {
  readonly version: number;
  readonly points: number | null;
  readonly message: string | null;
}

function sweepTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('lwp.sweep')));
}

describe('Sweep view', function () {
  this.timeout(120_000);
  before(async function () {
    await openFixture('two-level.lwp');
    await extensionApi();
    if (!(await commandExists(SWEEP)) || !(await commandExists(WAIT_FOR_END))) this.skip();
  });
  after(closeAll);

  it('sweeps on worker threads, beside the source, and follows edits', async () => {
    await closeAll();
    const editor = await openFixture('two-level.lwp', vscode.ViewColumn.One);
    const uri = fixture('two-level.lwp');
    const opened = waitOn(vscode.window.tabGroups.onDidChangeTabs, () => sweepTabs()[0], 'a sweep tab');
    await vscode.commands.executeCommand(SWEEP, { uri, vary: ['server.lwps=1..4', 'cpus=1,2'] });
    const tab = await opened;
    assert.match(tab.label, /Sweep: two-level\.lwp \(server\.lwps × cpus\)/);
    const first = await vscode.commands.executeCommand<SweepEnd>(WAIT_FOR_END, uri.toString(), -1, 60_000);
    assert.deepEqual({ points: first.points, message: first.message }, { points: 8, message: null });

    // An edit re-runs the sweep on the new text.
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('thread worker * 4'));
    await editor.edit((e) => e.replace(new vscode.Range(line, 0, line, editor.document.lineAt(line).text.length), '  thread worker * 2 {'));
    try {
      const second = await vscode.commands.executeCommand<SweepEnd>(WAIT_FOR_END, uri.toString(), first.version, 60_000);
      assert.ok(second.version > first.version);
      assert.equal(second.points, 8);
    } finally {
      await vscode.commands.executeCommand('undo');
    }
  });

  it('says so when a parameter no longer fits the edited file', async () => {
    const editor = await openFixture('two-level.lwp', vscode.ViewColumn.One);
    const uri = fixture('two-level.lwp');
    await vscode.commands.executeCommand(SWEEP, { uri, vary: ['server.worker.count=1..3'] });
    const ok = await vscode.commands.executeCommand<SweepEnd>(WAIT_FOR_END, uri.toString(), editor.document.version - 1, 60_000);
    assert.equal(ok.points, 3);
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('thread worker * 4'));
    await editor.edit((e) => e.replace(new vscode.Range(line, 0, line, editor.document.lineAt(line).text.length), '  thread helper * 4 {'));
    try {
      const bad = await vscode.commands.executeCommand<SweepEnd>(WAIT_FOR_END, uri.toString(), ok.version, 60_000);
      assert.equal(bad.points, null);
      assert.match(bad.message ?? '', /server\.worker\.count=1\.\.3: process 'server' has no thread 'worker'/);
    } finally {
      await vscode.commands.executeCommand('undo');
    }
  });
});
