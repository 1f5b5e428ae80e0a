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
import type { RunWaiters } from './runWaiters';
import type { RunStatusItem } from './statusBar';

export const VIEW_TYPE = 'lwp.visualizer';

/** How long an export waits for the webview to render it (a huge PNG or SVG takes seconds, not minutes). */
const EXPORT_TIMEOUT_MS = 120_000;

/** What the panels share: the status bar item, the test hook, the log, and the registry to leave when closed. */
export interface PanelServices {
  readonly status: RunStatusItem;
  readonly runs: RunWaiters;
  readonly log: vscode.LogOutputChannel;
  readonly onDispose: (p: VisualizerPanel) => void;
  /** A learner revealed a Predict Then Run (course progress). */
  readonly onQuiz?: (uri: vscode.Uri, right: number, total: number) => void;
  /** A learner started predicting a document's run, or stopped (revealed, switched mode, closed the panel): the editor holds back the run's results meanwhile. */
  readonly onPredicting?: (uri: vscode.Uri, predicting: boolean) => void;
}

interface PendingExport {
  readonly format: WebviewExportFormat;
  readonly target: vscode.Uri | undefined;
  readonly resolve: (u: vscode.Uri | undefined) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class VisualizerPanel implements vscode.Disposable {
  private ready = false;
  private queue: ToWebview[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The sweep point this chart shows (`cpus=2`, from the sweep view), or none for the file as written. */
  private vary: readonly string[] = [];
  /** The last Predict Then Run the learner revealed (the integration tests read it). */
  lastQuiz: { right: number; total: number } | null = null;
  /** Between Predict Then Run and the learner's reveal: the run's outcome is not shown outside the panel. */
  private predicting = false;
  /** The webview's last finished run, for the status bar. */
  private lastRun: Extract<FromWebview, { type: 'runFinished' }> | null = null;
  /** The export the Export command is waiting for (one at a time; a newer request replaces it). */
  private pendingExport: PendingExport | null = null;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly documentUri: vscode.Uri,
    private mode: ChartMode,
    private readonly extensionUri: vscode.Uri,
    private readonly services: PanelServices,
  ) {
    const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.webview.html = panelHtml(panel.webview, root, (b, ...p) => vscode.Uri.joinPath(b, ...p));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'lwp-file.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebview(m)) void this.receive(m);
        else this.services.log.warn(`Dropped a message from the chart webview that does not follow the protocol: ${JSON.stringify(m)?.slice(0, 200)}`);
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

  /** A debug session of this file stopped at `time` (null: it ended): the chart follows with its cursor. */
  showDebugTime(time: number | null): void {
    this.post({ type: 'debugTime', time });
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
    this.post({ type: 'source', uri: vscode.workspace.asRelativePath(doc.uri), text: doc.getText(), version: doc.version, mode: this.mode, documentUri: doc.uri.toString(), vary: this.vary });
  }

  /** Show the file with a sweep point's settings (none: as written); the title says which. */
  setVary(vary: readonly string[]): void {
    this.vary = vary;
    const file = this.documentUri.path.split('/').pop() ?? 'scenario';
    this.panel.title = vary.length ? `Chart: ${file} (${vary.join(', ')})` : `Chart: ${file}`;
  }

  /** Run (or switch to compare) now. */
  async run(mode: ChartMode): Promise<void> {
    this.mode = mode;
    this.setPredicting(false);
    const doc = await vscode.workspace.openTextDocument(this.documentUri);
    this.panel.reveal(undefined, true);
    this.sendSource(doc);
  }

  /** Predict Then Run: the webview hides the run and asks the questions first. */
  async predict(): Promise<void> {
    await this.run('run');
    // Until the learner reveals, the status bar and the editor must not give the answers away.
    this.setPredicting(true);
    this.showStatus();
    this.post({ type: 'predict' });
  }

  /**
   * Export in `format`, to `target` or where the save dialog says. Settles
   * once the file is written (with its URI) or the dialog was cancelled
   * (undefined), so a caller knows when the export is done.
   */
  requestExport(format: WebviewExportFormat | 'html', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (format === 'html') return this.exportHtml(target);
    this.settleExport(new Error('a newer export was requested'));
    return new Promise<vscode.Uri | undefined>((resolve, reject) => {
      const timer = setTimeout(() => this.settleExport(new Error(`the chart did not render the ${format} export within ${EXPORT_TIMEOUT_MS / 1000} s`)), EXPORT_TIMEOUT_MS);
      this.pendingExport = { format, target, resolve, reject, timer };
      this.post({ type: 'export', format });
    });
  }

  private settleExport(outcome: Error | vscode.Uri | undefined): void {
    const p = this.pendingExport;
    if (!p) return;
    this.pendingExport = null;
    clearTimeout(p.timer);
    if (outcome instanceof Error) p.reject(outcome);
    else p.resolve(outcome);
  }

  private async exportHtml(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const doc = await vscode.workspace.openTextDocument(this.documentUri);
    return saveHtml(this.extensionUri, this.documentUri, doc.getText(), this.mode, target);
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
        this.lastRun = m;
        this.showStatus();
        this.services.runs.finished(this.documentUri.toString(), m);
        break;
      case 'exportFile': {
        // The answer to the Export command's request, or an export the user started in the panel.
        const p = this.pendingExport?.format === m.format ? this.pendingExport : null;
        if (p) this.pendingExport = null;
        try {
          const written = await saveExport(this.documentUri, m, p?.target);
          if (p) {
            clearTimeout(p.timer);
            p.resolve(written);
          }
        } catch (err) {
          const e = err instanceof Error ? err : new Error(String(err));
          this.services.log.error(`Export of ${vscode.workspace.asRelativePath(this.documentUri)} as ${m.format} failed: ${e.message}`);
          if (p) {
            clearTimeout(p.timer);
            p.reject(e);
          } else void vscode.window.showErrorMessage(`LWP Lab: the export failed: ${e.message}`);
        }
        break;
      }
      case 'exportHtml':
        await this.exportHtml();
        break;
      case 'quizRevealed':
        this.lastQuiz = { right: m.right, total: m.total };
        this.setPredicting(false);
        this.showStatus();
        this.services.log.info(`Predict Then Run of ${vscode.workspace.asRelativePath(this.documentUri)}: ${m.right} of ${m.total} right`);
        this.services.onQuiz?.(this.documentUri, m.right, m.total);
        break;
      case 'error':
        this.services.log.error(`Chart of ${vscode.workspace.asRelativePath(this.documentUri)}: ${m.message}`);
        break;
    }
  }

  /** The status bar: the last run's outcome, or "predict first" while the learner predicts. */
  private showStatus(): void {
    const file = vscode.workspace.asRelativePath(this.documentUri);
    if (this.predicting) this.services.status.showHidden(file);
    else if (this.lastRun) this.services.status.show(this.lastRun.status, this.lastRun.makespan, file, this.lastRun.runs);
  }

  private setPredicting(on: boolean): void {
    if (on === this.predicting) return;
    this.predicting = on;
    this.services.onPredicting?.(this.documentUri, on);
  }

  dispose(): void {
    this.setPredicting(false);
    clearTimeout(this.timer);
    this.settleExport(new Error('the chart panel was closed'));
    for (const d of this.disposables.splice(0)) d.dispose();
    this.services.runs.forget(this.documentUri.toString());
    this.services.onDispose(this);
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
