/**
 * "LWP: Sweep…" (command palette, code lens): asks what to vary — a
 * parameter from the file's own list, its values (checked as typed), and
 * optionally a second one — and opens the sweep view (one per document,
 * reused). `lwp.sweep` also takes `{ uri, vary: ['cpus=1..4', …] }` to skip
 * the questions (keybindings, tests).
 */
import * as vscode from 'vscode';
import { analyze } from '../../core/analyze';
import {
  PROCESS_WORDS,
  currentValue,
  isNameError,
  parameterNames,
  parseRange,
  resolveParameter,
  showValue,
  suggestValues,
  type Parameter,
} from '../../core/sweep';
import { LineMap } from '../../core/syntax/lineMap';
import type { Visualizer } from '../panel/index';
import { SWEEP_VIEW_TYPE, SweepPanel, title, type SweepEnd, type SweepStarter } from './sweepPanel';

interface SweepArgs {
  readonly uri?: vscode.Uri;
  readonly vary?: readonly string[];
}

function sweepArgs(arg: unknown): SweepArgs {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (typeof arg === 'string') return { uri: vscode.Uri.parse(arg) };
  if (arg === undefined || arg === null) return {};
  if (typeof arg !== 'object') throw new Error('lwp.sweep: expected a document URI or { uri?, vary? }');
  const o = arg as Record<string, unknown>;
  const uri = o.uri instanceof vscode.Uri ? o.uri : typeof o.uri === 'string' ? vscode.Uri.parse(o.uri) : undefined;
  const vary = o.vary;
  if (vary !== undefined && !(Array.isArray(vary) && vary.length > 0 && vary.every((v) => typeof v === 'string')))
    throw new Error('lwp.sweep: vary must be a list of NAME=VALUES');
  return { uri, vary: vary };
}

/**
 * `start` runs a sweep's points (worker threads under Node); where the
 * platform has none (the web extension), the command says so plainly.
 */
export function registerSweep(context: vscode.ExtensionContext, visualizer: Visualizer, start: SweepStarter | undefined): void {
  if (!start) {
    context.subscriptions.push(
      vscode.commands.registerCommand('lwp.sweep', () => {
        void vscode.window.showInformationMessage(
          'LWP Lab runs sweeps on worker threads, which only the desktop extension has: open this folder in VS Code on your machine, or run `lwp sweep` there (docs/sweeps.md).',
        );
      }),
    );
    return;
  }
  const views = new Map<string, SweepPanel>();
  const log = vscode.window.createOutputChannel('LWP Sweep', { log: true });

  const show = async (uri: vscode.Uri, varies: readonly string[]): Promise<SweepPanel> => {
    const existing = views.get(uri.toString());
    if (existing) {
      await existing.sweep(varies);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      SWEEP_VIEW_TYPE,
      title(uri, varies),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
      },
    );
    const view = new SweepPanel(panel, uri, varies, context.extensionUri, {
      log,
      start,
      openPoint: (u, vary) => visualizer.openWith(u, vary),
      onDispose: (gone) => {
        if (views.get(uri.toString()) === gone) views.delete(uri.toString());
      },
    });
    views.set(uri.toString(), view);
    return view;
  };

  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('lwp.sweep', async (arg?: unknown): Promise<void> => {
      const args = sweepArgs(arg);
      const ed = vscode.window.activeTextEditor;
      const uri = args.uri ?? (ed?.document.languageId === 'lwp' ? ed.document.uri : undefined);
      if (!uri) {
        void vscode.window.showWarningMessage('Open a .lwp file to sweep it.');
        return;
      }
      const varies = args.vary ?? (await ask(uri));
      if (varies) await show(uri, varies);
    }),
    // Test hook (internal, not contributed): the first sweep of a document's view to end on a version above `afterVersion`.
    vscode.commands.registerCommand(
      '_lwp.sweep.waitForEnd',
      (uri: unknown, afterVersion: unknown, timeoutMs: unknown): Promise<SweepEnd> => {
        const key = uri instanceof vscode.Uri ? uri.toString() : typeof uri === 'string' ? vscode.Uri.parse(uri).toString() : '';
        const view = views.get(key);
        if (!view) return Promise.reject(new Error('_lwp.sweep.waitForEnd: no sweep view for that document'));
        return view.waitForEnd(typeof afterVersion === 'number' ? afterVersion : -1, typeof timeoutMs === 'number' ? timeoutMs : 30_000);
      },
    ),
  );
}

/** The questions: first parameter and its values, then optionally a second. Undefined when the user backs out. */
async function ask(uri: vscode.Uri): Promise<string[] | undefined> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  const a = analyze(text);
  if (!a.scenario) {
    void vscode.window.showErrorMessage('LWP Lab: the file has errors; fix them before sweeping it.');
    return undefined;
  }
  const s = a.scenario;
  const lines = new LineMap(text);
  const lineOf = (o: number): number => lines.position(o).line + 1;
  const resolve = (name: string, others: readonly string[]): Parameter | null => {
    const p = resolveParameter(s, name, () => others.some((o) => o === 'model' || o.endsWith('.model')) || name.endsWith('model'), lineOf);
    return isNameError(p) ? null : p;
  };
  const varies: string[] = [];
  for (const step of [1, 2]) {
    const chosen = varies.map((v) => v.slice(0, v.indexOf('=')));
    const items: (vscode.QuickPickItem & { name: string | null })[] = [];
    if (step === 2) items.push({ label: 'No second parameter', description: 'one line', name: null });
    for (const name of parameterNames(s)) {
      if (chosen.includes(name)) continue;
      // With one process, `server.lwps` says what `lwps` says, and says where.
      if (s.processes.length === 1 && (PROCESS_WORDS as readonly string[]).includes(name)) continue;
      const p = resolve(name, chosen);
      if (!p) continue;
      items.push({ label: name, description: `now ${showValue(currentValue(s, p), p.value)}`, name });
    }
    const pick = await vscode.window.showQuickPick(items, {
      title: step === 1 ? 'Sweep: what to vary (the x axis)' : 'Sweep: a second parameter (one line per value)?',
      placeHolder: step === 1 ? 'cpus, server.lwps, costs.kernel-switch, server.worker.io…' : 'pick one, or none',
      matchOnDescription: true,
    });
    if (!pick) return step === 1 ? undefined : varies;
    if (pick.name === null) return varies;
    const p = resolve(pick.name, chosen);
    if (!p) return undefined;
    const values = await vscode.window.showInputBox({
      title: `Sweep: values of ${pick.name}`,
      prompt: 'A list (1,2,4), a range (1..16, 1..16 step 3, 0ns..2ms step 250us), or both (1..4,8)',
      value: suggestValues(p.value, currentValue(s, p)),
      validateInput: (v) => {
        const r = parseRange(v, p.value);
        return r.ok ? null : r.message;
      },
    });
    if (values === undefined) return step === 1 ? undefined : varies;
    varies.push(`${pick.name}=${values}`);
  }
  return varies;
}
