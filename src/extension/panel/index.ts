/**
 * The chart panels: commands (Run and Visualize, Compare, Export), one panel
 * per document opened beside it and reused, a serializer that revives panels
 * after a window reload, and the run status bar item.
 */
import * as vscode from 'vscode';
import { EXPORT_FORMATS, isViewState, type ChartMode, type ExportFormat } from '../../shared/protocol';
import { DEBUG_TIME_EVENT, isDebugTimeBody } from '../../shared/debug-protocol';
import { VIEW_TYPE, VisualizerPanel, type PanelServices } from './panel';
import { RunWaiters, type RunFinished } from './runWaiters';
import { RunStatusItem } from './statusBar';

/** Arguments of `lwp.export` beyond a document URI (keybindings, automation): skip the quick pick, and the save dialog too when `target` is given. */
interface ExportArgs {
  readonly uri?: vscode.Uri;
  readonly format?: ExportFormat;
  readonly target?: vscode.Uri;
}

const toUri = (x: unknown): vscode.Uri | undefined => (x instanceof vscode.Uri ? x : typeof x === 'string' && x ? vscode.Uri.parse(x) : undefined);

/** `lwp.export`'s argument: a document (code lens, editor title) or `{ uri?, format?, target? }`; throws on a malformed object rather than guessing. */
function exportArgs(arg: unknown): ExportArgs {
  if (arg === undefined || arg === null || arg instanceof vscode.Uri || typeof arg === 'string') return { uri: toUri(arg) };
  if (typeof arg !== 'object') throw new Error('lwp.export: expected a document URI or { uri?, format?, target? }');
  const o = arg as Record<string, unknown>;
  const format = o.format;
  if (format !== undefined && !(typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format))) {
    throw new Error(`lwp.export: format must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  const uri = o.uri === undefined ? undefined : toUri(o.uri);
  const target = o.target === undefined ? undefined : toUri(o.target);
  if ((o.uri !== undefined && !uri) || (o.target !== undefined && !target)) throw new Error('lwp.export: uri and target must be URIs');
  return { uri, format: format as ExportFormat | undefined, target };
}

/** What other areas may ask of the chart panels. */
export interface Visualizer {
  /** Run and Visualize `uri` with a sweep point's settings (`cpus=2`), or as written with none. */
  readonly openWith: (uri: vscode.Uri, vary: readonly string[]) => Promise<void>;
}

export function registerVisualizer(context: vscode.ExtensionContext, hooks: Pick<PanelServices, 'onQuiz' | 'onPredicting'> = {}): Visualizer {
  const panels = new Map<string, VisualizerPanel>();
  const status = new RunStatusItem();
  const runs = new RunWaiters();
  const log = vscode.window.createOutputChannel('LWP Chart', { log: true });
  let lastActive: VisualizerPanel | null = null;

  const adopt = (webviewPanel: vscode.WebviewPanel, uri: vscode.Uri, mode: ChartMode): VisualizerPanel => {
    const p = new VisualizerPanel(webviewPanel, uri, mode, context.extensionUri, {
      status,
      runs,
      log,
      onQuiz: hooks.onQuiz,
      onPredicting: hooks.onPredicting,
      onDispose: (gone) => {
        if (panels.get(gone.documentUri.toString()) === gone) panels.delete(gone.documentUri.toString());
        if (lastActive === gone) lastActive = null;
      },
    });
    panels.set(uri.toString(), p);
    webviewPanel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) lastActive = p;
    });
    lastActive = p;
    return p;
  };

  /** The document a command is about: its argument (code lens), the active `.lwp` editor, or the active panel's. */
  const targetUri = (arg: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string') return vscode.Uri.parse(arg);
    const ed = vscode.window.activeTextEditor;
    if (ed && ed.document.languageId === 'lwp') return ed.document.uri;
    return lastActive?.documentUri;
  };

  const open = async (arg: unknown, mode: ChartMode, vary: readonly string[] = []): Promise<VisualizerPanel | undefined> => {
    const uri = targetUri(arg);
    if (!uri) {
      void vscode.window.showWarningMessage('Open a .lwp file to run and visualize it.');
      return undefined;
    }
    const existing = panels.get(uri.toString());
    if (existing) {
      existing.setVary(vary);
      await existing.run(mode);
      return existing;
    }
    const title = `Chart: ${uri.path.split('/').pop() ?? 'scenario'}`;
    const webviewPanel = vscode.window.createWebviewPanel(VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
    });
    const p = adopt(webviewPanel, uri, mode);
    p.setVary(vary);
    return p;
  };

  context.subscriptions.push(
    status,
    log,
    vscode.commands.registerCommand('lwp.runAndVisualize', (arg?: unknown) => open(arg, 'run')),
    vscode.commands.registerCommand('lwp.compareModels', (arg?: unknown) => open(arg, 'compare')),
    vscode.commands.registerCommand('lwp.predictThenRun', async (arg?: unknown) => {
      const uri = targetUri(arg);
      if (!uri) {
        void vscode.window.showWarningMessage('Open a .lwp file to predict its run.');
        return;
      }
      const existing = panels.get(uri.toString());
      if (existing) await existing.predict();
      else (await open(uri, 'run'))?.predict().catch((err: unknown) => log.error(`Predict Then Run failed: ${err instanceof Error ? err.message : String(err)}`));
    }),
    // Test hook (internal): what the learner's last Predict Then Run of a document scored.
    vscode.commands.registerCommand('_lwp.panel.lastQuiz', (uri: unknown) => {
      const u = toUri(uri);
      return (u && panels.get(u.toString())?.lastQuiz) ?? null;
    }),
    vscode.commands.registerCommand('lwp.export', async (arg?: unknown): Promise<vscode.Uri | undefined> => {
      const args = exportArgs(arg);
      const uri = targetUri(args.uri);
      const panel = (uri && panels.get(uri.toString())) ?? (await open(args.uri, 'run'));
      if (!panel) return undefined;
      if (args.format) return panel.requestExport(args.format, args.target);
      const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
          { label: 'SVG', format: 'svg', description: 'the Gantt chart as a vector image' },
          { label: 'PNG', format: 'png', description: 'the chart as shown' },
          { label: 'HTML', format: 'html', description: 'the interactive chart in one self-contained file' },
          { label: 'Perfetto trace JSON', format: 'perfetto', description: 'Chrome trace events for ui.perfetto.dev' },
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Export the chart as…' });
      // Settles when the pick is made, not when the file is written: a caller
      // that answers the dialogs tells the pick from the save dialog by this.
      if (pick) void panel.requestExport(pick.format, args.target).catch((err: unknown) => log.error(`Export failed: ${err instanceof Error ? err.message : String(err)}`));
      return undefined;
    }),
    // The debugger's time (src/shared/debug-protocol.ts): the panel of the debugged file follows it.
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.event !== DEBUG_TIME_EVENT || !isDebugTimeBody(e.body)) return;
      panels.get(vscode.Uri.file(e.body.file).toString())?.showDebugTime(e.body.time);
    }),
    vscode.debug.onDidTerminateDebugSession((s) => {
      const program: unknown = s.configuration.program;
      if (s.type === 'lwp' && typeof program === 'string') panels.get(vscode.Uri.file(program).toString())?.showDebugTime(null);
    }),
    // Test hook (internal, not contributed): the integration suite cannot see inside the webview, so it asks what the chart reported.
    vscode.commands.registerCommand('_lwp.panel.waitForRun', (uri: unknown, afterVersion: unknown, timeoutMs: unknown): Promise<RunFinished> => {
      const u = toUri(uri);
      if (!u) return Promise.reject(new Error('_lwp.panel.waitForRun: the first argument must be the document URI'));
      const after = typeof afterVersion === 'number' && Number.isFinite(afterVersion) ? afterVersion : -1;
      const ms = typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) ? timeoutMs : 30_000;
      return runs.wait(u.toString(), after, ms);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
        if (!isViewState(state) || !state.uri) {
          webviewPanel.dispose();
          return Promise.resolve();
        }
        adopt(webviewPanel, vscode.Uri.parse(state.uri), state.mode);
        return Promise.resolve();
      },
    }),
  );
  return {
    openWith: async (uri, vary) => {
      await open(uri, 'run', vary);
    },
  };
}
