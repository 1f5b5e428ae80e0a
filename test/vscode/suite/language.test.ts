import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, extensionApi, openFixture, waitOn } from '../helpers';

describe('the lwp language in VS Code', () => {
  after(closeAll);

  it('runs in the VS Code the extension declares (engines.vscode)', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const engine = (ext.packageJSON as { engines: { vscode: string } }).engines.vscode;
    const [major, minor] = vscode.version.split('.').map(Number);
    const m = /^\^(\d+)\.(\d+)\./.exec(engine);
    assert.ok(m, `engines.vscode is a caret range: ${engine}`);
    assert.equal(major, Number(m[1]));
    assert.ok(minor >= Number(m[2]), `VS Code ${vscode.version} satisfies ${engine}`);
  });

  it('registers the lwp language for *.lwp files', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('lwp'));
    const editor = await openFixture('two-level.lwp');
    assert.equal(editor.document.languageId, 'lwp');
  });

  it('activates on an lwp file and declares untrusted-workspace support', async () => {
    await openFixture('two-level.lwp');
    await extensionApi();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    const pkg = ext.packageJSON as { activationEvents: string[]; capabilities: { untrustedWorkspaces: { supported: boolean | string } } };
    assert.ok(pkg.activationEvents.includes('onLanguage:lwp'));
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:lwp.visualizer'));
    assert.ok(!pkg.activationEvents.includes('*'), 'activation is lazy');
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  });

  it('contributes the Getting Started walkthrough, and it opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = (ext.packageJSON as { contributes: { walkthroughs: { id: string; steps: { id: string; completionEvents?: string[] }[] }[] } }).contributes.walkthroughs;
    const w = walkthroughs.find((x) => x.id === 'lwp.gettingStarted');
    assert.ok(w, 'lwp.gettingStarted is contributed');
    assert.deepEqual(
      w.steps.map((s) => s.id),
      ['openExample', 'runAndVisualize', 'compareModels', 'predictThenRun', 'readConcept'],
    );
    const commands = await vscode.commands.getCommands(true);
    for (const ev of w.steps.flatMap((s) => s.completionEvents ?? []).filter((e) => e.startsWith('onCommand:'))) {
      assert.ok(commands.includes(ev.slice('onCommand:'.length)), `${ev} names a registered command`);
    }
    await closeAll();
    try {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#lwp.gettingStarted`, false);
      // The walkthrough opens in the Welcome editor (its tab label varies between versions).
      const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      await waitOn(vscode.window.tabGroups.onDidChangeTabs, () => (labels().some((l) => /welcome|walkthrough|get started|LWP Lab/i.test(l)) ? true : undefined), 'the walkthrough tab').catch((e: Error) => {
        throw new Error(`${e.message}; open tabs: ${JSON.stringify(labels())}`);
      });
    } finally {
      await closeAll();
    }
  });

  it('uses the language configuration: line comments toggle with //', async () => {
    const editor = await openFixture('format-me.lwp');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const before = editor.document.lineAt(0).text;
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.equal(editor.document.lineAt(0).text, `// ${before}`);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(0).text, before);
  });
});
