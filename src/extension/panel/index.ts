/**
 * The chart panels: commands (Run and Visualize, Compare, Export), one panel
 * per document opened beside it and reused, a serializer that revives panels
 * after a window reload, and the run status bar item.
 */
import * as vscode from 'vscode';
import { isViewState, type ChartMode, type ExportFormat } from '../../shared/protocol';
import { VIEW_TYPE, VisualizerPanel } from './panel';
import { RunStatusItem } from './statusBar';

export function registerVisualizer(context: vscode.ExtensionContext): void {
  const panels = new Map<string, VisualizerPanel>();
  const status = new RunStatusItem();
  let lastActive: VisualizerPanel | null = null;

  const adopt = (webviewPanel: vscode.WebviewPanel, uri: vscode.Uri, mode: ChartMode): VisualizerPanel => {
    const p = new VisualizerPanel(webviewPanel, uri, mode, context.extensionUri, status, (gone) => {
      if (panels.get(gone.documentUri.toString()) === gone) panels.delete(gone.documentUri.toString());
      if (lastActive === gone) lastActive = null;
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

  const open = async (arg: unknown, mode: ChartMode): Promise<VisualizerPanel | undefined> => {
    const uri = targetUri(arg);
    if (!uri) {
      void vscode.window.showWarningMessage('Open a .lwp file to run and visualize it.');
      return undefined;
    }
    const existing = panels.get(uri.toString());
    if (existing) {
      await existing.run(mode);
      return existing;
    }
    const title = `Chart: ${uri.path.split('/').pop() ?? 'scenario'}`;
    const webviewPanel = vscode.window.createWebviewPanel(VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
    });
    return adopt(webviewPanel, uri, mode);
  };

  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('lwp.runAndVisualize', (arg?: unknown) => open(arg, 'run')),
    vscode.commands.registerCommand('lwp.compareModels', (arg?: unknown) => open(arg, 'compare')),
    vscode.commands.registerCommand('lwp.export', async (arg?: unknown) => {
      const uri = targetUri(arg);
      const panel = (uri && panels.get(uri.toString())) ?? (await open(arg, 'run'));
      if (!panel) return;
      const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
          { label: 'SVG', format: 'svg', description: 'the Gantt chart as a vector image' },
          { label: 'PNG', format: 'png', description: 'the chart as shown' },
          { label: 'HTML', format: 'html', description: 'the interactive chart in one self-contained file' },
          { label: 'Perfetto trace JSON', format: 'perfetto', description: 'Chrome trace events for ui.perfetto.dev' },
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Export the chart as…' });
      if (pick) panel.requestExport(pick.format);
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
}
