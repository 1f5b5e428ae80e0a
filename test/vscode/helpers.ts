/**
 * What the integration tests share: fixtures, the extension under test, and
 * waiting on VS Code's own events (never fixed sleeps) with a deadline that
 * names what did not happen.
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'lwp-lab.lwp-lab';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs a workspace folder (test/vscode/workspace)');
  return folder.uri;
}

export function fixture(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export async function openFixture(name: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(name));
  return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
}

export async function extensionApi<T = unknown>(): Promise<T> {
  const ext = vscode.extensions.getExtension<T>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Resolves with the first value `probe` returns that is not undefined, re-probing whenever `event` fires. */
export function waitOn<E, T>(event: vscode.Event<E>, probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const first = probe();
    if (first !== undefined) {
      resolve(first);
      return;
    }
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`));
    }, timeoutMs);
    const sub = event(() => {
      const v = probe();
      if (v === undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}

/** The diagnostics of `uri` once `accept` likes them. */
export function waitForDiagnostics(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<readonly vscode.Diagnostic[]> {
  return waitOn(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const d = vscode.languages.getDiagnostics(uri);
      return accept(d) ? d : undefined;
    },
    what,
    timeoutMs,
  );
}

/**
 * Polls an answer that VS Code offers no event for (a provider result right
 * after the server starts), with a short backoff and a deadline.
 */
export async function eventually<T>(probe: () => Thenable<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 25;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

export async function commandExists(id: string): Promise<boolean> {
  // Internal commands (leading underscore, such as test hooks) are listed only unfiltered.
  return (await vscode.commands.getCommands(false)).includes(id);
}

export function pos(doc: vscode.TextDocument, needle: string, occurrence = 0, delta = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (#${occurrence}) not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + delta);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
