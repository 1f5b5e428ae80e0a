/**
 * Saving exports: a save dialog next to the scenario (or the target the
 * command was given, for keybindings and automation), then the file written
 * through VS Code's file system API. Each returns where it wrote, or
 * undefined when the user cancelled the dialog.
 */
import * as vscode from 'vscode';
import { toHtml } from '../../core/export/html';
import type { ChartMode, FromWebview } from '../../shared/protocol';

const FILTERS: Record<string, Record<string, string[]>> = {
  svg: { 'SVG image': ['svg'] },
  png: { 'PNG image': ['png'] },
  perfetto: { 'Trace events (Perfetto)': ['json'] },
  html: { 'Web page': ['html'] },
};

async function ask(documentUri: vscode.Uri, name: string, format: string): Promise<vscode.Uri | undefined> {
  const dir = vscode.Uri.joinPath(documentUri, '..');
  const defaultUri = documentUri.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(dir, name);
  return vscode.window.showSaveDialog({ defaultUri, filters: FILTERS[format], saveLabel: 'Export' });
}

export async function saveExport(documentUri: vscode.Uri, m: Extract<FromWebview, { type: 'exportFile' }>, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const target = given ?? (await ask(documentUri, m.suggestedName, m.format));
  if (!target) return undefined;
  const bytes = m.encoding === 'base64' ? Uint8Array.from(atob(m.content), (c) => c.charCodeAt(0)) : new TextEncoder().encode(m.content);
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(target)}`);
  return target;
}

export async function saveHtml(extensionUri: vscode.Uri, documentUri: vscode.Uri, source: string, mode: ChartMode, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const name = (documentUri.path.split('/').pop() ?? 'scenario.lwp').replace(/\.lwp$/i, '') + '.html';
  const target = given ?? (await ask(documentUri, name, 'html'));
  if (!target) return undefined;
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const read = async (f: string): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, f)));
  const html = toHtml({ source, label: name.replace(/\.html$/, '.lwp'), mode, assets: { mainJs: await read('main.js'), workerJs: await read('worker.js'), css: await read('style.css') } });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  void vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(target)}`);
  return target;
}
