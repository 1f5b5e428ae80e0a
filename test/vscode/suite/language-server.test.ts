import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, commandExists, eventually, extensionApi, fixture, openFixture, pos, waitForDiagnostics } from '../helpers';

/** The language client registers this command; without it there is no server to test. */
const SERVER_COMMAND = 'lwp.restartServer';

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function markdownOf(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

function applyEdits(text: string, doc: vscode.TextDocument, edits: readonly vscode.TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, doc.offsetAt(e.range.start)) + e.newText + out.slice(doc.offsetAt(e.range.end));
  return out;
}

describe('the language server through VS Code', function () {
  before(async function () {
    await openFixture('broken.lwp');
    await extensionApi();
    if (!(await commandExists(SERVER_COMMAND))) this.skip();
  });
  after(closeAll);

  it('shows a broken file’s diagnostics at the right ranges', async () => {
    const uri = fixture('broken.lwp');
    await openFixture('broken.lwp');
    const diags = await waitForDiagnostics(uri, (d) => d.length >= 2, 'two diagnostics in broken.lwp');
    const unit = diags.find((d) => codeOf(d) === 'LWP3001');
    assert.ok(unit, `a missing-unit error among ${diags.map((d) => `${String(codeOf(d))} ${d.message}`).join('; ')}`);
    assert.equal(unit.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([unit.range.start.line, unit.range.start.character, unit.range.end.line, unit.range.end.character], [5, 12, 5, 13]);
    assert.match(unit.message, /needs a unit.*5ms/);
    const name = diags.find((d) => codeOf(d) === 'LWP2001');
    assert.ok(name, 'an unknown-name error');
    assert.deepEqual([name.range.start.line, name.range.start.character, name.range.end.line, name.range.end.character], [6, 9, 6, 16]);
    assert.match(name.message, /nothing/);
  });

  it('serves documents of any scheme, not only file: and untitled: (virtual workspaces)', async () => {
    const scheme = 'lwp-virtual-test';
    const reg = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => 'process p {\n  thread t { compute 5 }\n}\n' });
    try {
      const uri = vscode.Uri.from({ scheme, path: '/virtual/broken.lwp' });
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.languageId, 'lwp');
      await vscode.window.showTextDocument(doc, { preview: false });
      const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'LWP3001'), 'the missing-unit error in a virtual document');
      const unit = diags.find((d) => codeOf(d) === 'LWP3001')!;
      assert.deepEqual([unit.range.start.line, unit.range.start.character], [1, 21]);
    } finally {
      reg.dispose();
    }
  });

  it('hovers a keyword with its concept', async () => {
    const editor = await openFixture('broken.lwp');
    const at = pos(editor.document, 'many-to-one', 0, 3);
    const hovers = await eventually(async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      return h.length ? h : undefined;
    }, 'a hover on many-to-one');
    const md = hovers.map(markdownOf).join('\n');
    assert.match(md, /Many-to-one model \(N:1\)/);
    assert.match(md, /exactly one LWP/);
  });

  it('completes the models after `model`', async () => {
    const uri = fixture('completion.lwp');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('process app {\n  model \n}\n'));
    const editor = await openFixture('completion.lwp');
    const list = await eventually(async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(1, 8));
      return l.items.length ? l : undefined;
    }, 'completion items after `model `');
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const m of ['one-to-one', 'many-to-one', 'many-to-many']) assert.ok(labels.includes(m), `${m} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('compute'), 'no statements where a model goes');
  });

  it('goes to a mutex’s declaration from its use', async () => {
    const editor = await openFixture('rename.lwp');
    const doc = editor.document;
    const use = pos(doc, 'lock cache', 0, 6);
    const defs = await eventually(async () => {
      const d = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, use);
      return d.length ? d : undefined;
    }, 'a definition of cache');
    const first = defs[0];
    const range = 'targetRange' in first ? (first.targetSelectionRange ?? first.targetRange) : first.range;
    const decl = pos(doc, 'mutex cache', 0, 6);
    assert.equal(range.start.line, decl.line);
    assert.ok(range.contains(decl), `definition ${JSON.stringify(range)} covers the declared name`);
  });

  it('renames a mutex at its declaration and every use', async () => {
    const editor = await openFixture('rename.lwp');
    const doc = editor.document;
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, pos(doc, 'lock cache', 0, 7), 'store');
    const edits = edit.get(doc.uri);
    assert.equal(edits.length, 2);
    const renamed = applyEdits(doc.getText(), doc, edits);
    assert.match(renamed, /mutex store/);
    assert.match(renamed, /lock store \{/);
    assert.ok(!/cache/.test(renamed));
  });

  it('formats a document', async () => {
    const editor = await openFixture('format-me.lwp');
    const doc = editor.document;
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true });
    assert.ok(edits.length > 0, 'the messy file gets edits');
    assert.equal(applyEdits(doc.getText(), doc, edits), 'process app {\n  model one-to-one\n  thread main {\n    compute 1ms\n  }\n}\n');
  });
});
