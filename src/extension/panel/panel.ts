/**
 * One chart panel per `.lwp` document: sends the source on `ready` and on
 * every (debounced) edit, the cursor as it moves, and answers the webview's
 * requests (reveal a statement, save an export). Every message from the
 * webview is validated against the protocol before it is looked at.
 */
import * as vscode from 'vscode';
import { isFromWebview, type ChartMode, type FromWebview, type ToWebview, type WebviewExportFormat } from '../../shared/protocol';
import { saveExport, saveHtml } from './exportFile';
import { panelHtml } from './html';
import type { RunStatusItem } from './statusBar';

export const VIEW_TYPE = 'lwp.visualizer';

export class VisualizerPanel implements vscode.Disposable {
  private ready = false;
  private queue: ToWebview[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  lastStatus: { status: string; makespan: number | null } | null = null;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly documentUri: vscode.Uri,
    private mode: ChartMode,
    private readonly extensionUri: vscode.Uri,
    private readonly status: RunStatusItem,
    private readonly onDispose: (p: VisualizerPanel) => void,
  ) {
    const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.webview.html = panelHtml(panel.webview, root, (b, ...p) => vscode.Uri.joinPath(b, ...p));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'lwp-file.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebview(m)) void this.receive(m);
      }),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === documentUri.toString()) this.scheduleLive(e.document);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() !== documentUri.toString()) return;
        this.post({ type: 'cursor', offset: e.textEditor.document.offsetAt(e.selections[0].active) });
      }),
      vscode.window.onDidChangeActiveColorTheme((t) => this.post({ type: 'theme', kind: themeKind(t.kind) })),
    );
  }

  private post(m: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(m);
    else if (m.type !== 'cursor') this.queue.push(m);
  }

  private scheduleLive(doc: vscode.TextDocument): void {
    const cfg = vscode.workspace.getConfiguration('lwp.run', doc.uri);
    if (!cfg.get<boolean>('live', true)) return;
    const ms = Math.min(5000, Math.max(0, cfg.get<number>('debounceMs', 300)));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sendSource(doc), ms);
  }

  sendSource(doc: vscode.TextDocument): void {
    this.post({ type: 'source', uri: vscode.workspace.asRelativePath(doc.uri), text: doc.getText(), version: doc.version, mode: this.mode, documentUri: doc.uri.toString() });
  }

  /** Run (or switch to compare) now. */
  async run(mode: ChartMode): Promise<void> {
    this.mode = mode;
    const doc = await vscode.workspace.openTextDocument(this.documentUri);
    this.panel.reveal(undefined, true);
    this.sendSource(doc);
  }

  requestExport(format: WebviewExportFormat | 'html'): void {
    if (format === 'html') void this.exportHtml();
    else this.post({ type: 'export', format });
  }

  private async exportHtml(): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.documentUri);
    await saveHtml(this.extensionUri, this.documentUri, doc.getText(), this.mode);
  }

  private async receive(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const doc = await vscode.workspace.openTextDocument(this.documentUri);
        this.queue = this.queue.filter((q) => q.type !== 'source');
        this.sendSource(doc);
        for (const q of this.queue.splice(0)) void this.panel.webview.postMessage(q);
        break;
      }
      case 'revealSource': {
        const doc = await vscode.workspace.openTextDocument(this.documentUri);
        const end = Math.min(m.end, doc.getText().length);
        const range = new vscode.Range(doc.positionAt(Math.min(m.start, end)), doc.positionAt(end));
        const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.documentUri.toString());
        const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: range });
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        break;
      }
      case 'runFinished':
        this.lastStatus = { status: m.status, makespan: m.makespan };
        this.status.show(m.status, m.makespan, vscode.workspace.asRelativePath(this.documentUri));
        break;
      case 'exportFile':
        await saveExport(this.documentUri, m);
        break;
      case 'exportHtml':
        await this.exportHtml();
        break;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose(this);
  }
}

function themeKind(k: vscode.ColorThemeKind): 'light' | 'dark' | 'high-contrast' | 'high-contrast-light' {
  switch (k) {
    case vscode.ColorThemeKind.Dark:
      return 'dark';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'light';
  }
}
