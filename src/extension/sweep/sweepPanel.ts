/**
 * The sweep view of one document (docs/sweeps.md): runs the sweep on worker
 * threads (the CLI bundle's sweep pool), sends progress and the points to
 * its webview, re-runs after an edit (debounced like the chart; the run
 * still going is cancelled), and opens a clicked point's Gantt chart.
 * Every message from the webview is validated before it is looked at.
 */
import * as vscode from 'vscode';
import { analyze } from '../../core/analyze';
import { isPlanError, planSweep, type SweepPlan, type SweepPoint } from '../../core/sweep';
import { LineMap } from '../../core/syntax/lineMap';
import type { SweepOptions, SweepRun } from '../../cli/sweepPool';
import type { Scenario } from '../../core/check/ir';
import {
  isFromSweepView,
  SWEEP_METRICS,
  type FromSweepView,
  type SweepParamInfo,
  type SweepPointInfo,
  type ToSweepView,
} from '../../shared/sweepProtocol';
import { sweepHtml } from '../panel/html';

export const SWEEP_VIEW_TYPE = 'lwp.sweep';

/** Starts a sweep's runs where this platform can (under Node, worker threads of dist/sweep-worker.js). */
export type SweepStarter = (base: Scenario, plan: SweepPlan, o: Pick<SweepOptions, 'onProgress'>) => SweepRun;

export interface SweepServices {
  readonly log: vscode.LogOutputChannel;
  readonly start: SweepStarter;
  /** Opens the Gantt chart of the document with a point's settings (`cpus=2`). */
  readonly openPoint: (uri: vscode.Uri, vary: readonly string[]) => Promise<void>;
  readonly onDispose: (p: SweepPanel) => void;
}

/** How a sweep ended, for the test hook: `points` null when it failed (`message` says why) or was cancelled. */
export interface SweepEnd {
  readonly version: number;
  readonly points: number | null;
  readonly message: string | null;
}

/** What the last finished sweep ran: enough to turn a clicked point back into its settings. */
interface Ran {
  readonly plan: SweepPlan;
  readonly points: readonly SweepPoint[];
}

export class SweepPanel implements vscode.Disposable {
  private ready = false;
  private queue: ToSweepView[] = [];
  private timer: NodeJS.Timeout | undefined;
  private run: SweepRun | null = null;
  private ran: Ran | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last sweep that ended (test hook): the document version, and its points, or null when it failed or was cancelled. */
  private last: SweepEnd | null = null;
  private waiters: { after: number; resolve: (r: SweepEnd) => void }[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly documentUri: vscode.Uri,
    private varies: readonly string[],
    extensionUri: vscode.Uri,
    private readonly services: SweepServices,
  ) {
    const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.webview.html = sweepHtml(panel.webview, root, (b, ...p) => vscode.Uri.joinPath(b, ...p));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'lwp-file.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isFromSweepView(m)) void this.receive(m);
        else
          this.services.log.warn(
            `Dropped a message from the sweep view that does not follow the protocol: ${JSON.stringify(m)?.slice(0, 200)}`,
          );
      }),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === documentUri.toString()) this.scheduleLive(e.document);
      }),
    );
  }

  /** Sweeps `varies` now (a new sweep of an open view, or the first). */
  async sweep(varies: readonly string[]): Promise<void> {
    this.varies = varies;
    this.panel.title = title(this.documentUri, varies);
    this.panel.reveal(undefined, true);
    if (this.ready) this.start(await vscode.workspace.openTextDocument(this.documentUri));
  }

  /** Test hook: the first sweep to end on a document version above `after` (the last one, if it did), or a rejection after `timeoutMs`. */
  waitForEnd(after: number, timeoutMs: number): Promise<SweepEnd> {
    if (this.last && this.last.version > after) return Promise.resolve(this.last);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sweep ended within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        after,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  private post(m: ToSweepView): void {
    if (this.ready) void this.panel.webview.postMessage(m);
    else this.queue.push(m);
  }

  private scheduleLive(doc: vscode.TextDocument): void {
    const cfg = vscode.workspace.getConfiguration('lwp.run', doc.uri);
    if (!cfg.get<boolean>('live', true)) return;
    const ms = Math.min(5000, Math.max(0, cfg.get<number>('debounceMs', 300)));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(doc), ms);
  }

  private settle(version: number, points: number | null, message: string | null): void {
    const end: SweepEnd = { version, points, message };
    this.last = end;
    this.waiters = this.waiters.filter((w) => {
      if (version <= w.after) return true;
      w.resolve(end);
      return false;
    });
  }

  /** Analyze, plan, and run on worker threads; a sweep still going is cancelled first (the newest edit wins). */
  private start(doc: vscode.TextDocument): void {
    this.run?.cancel();
    this.run = null;
    const text = doc.getText();
    const version = doc.version;
    const a = analyze(text);
    if (!a.scenario) {
      const message = 'The file has errors; fix them and the sweep runs again.';
      this.post({ type: 'failed', message });
      this.settle(version, null, message);
      return;
    }
    const lines = new LineMap(text);
    const plan = planSweep(a.scenario, this.varies, (o) => lines.position(o).line + 1);
    if (isPlanError(plan)) {
      const message = `${plan.vary >= 0 ? `${this.varies[plan.vary]}: ` : ''}${plan.message}`;
      this.post({ type: 'failed', message });
      this.settle(version, null, message);
      return;
    }
    const params: SweepParamInfo[] = plan.params.map((p) => ({ name: p.name, unit: p.value.kind }));
    this.post({
      type: 'start',
      title: `${a.scenario.title ?? vscode.workspace.asRelativePath(this.documentUri)}`,
      params,
      total: plan.points,
      version,
    });
    let last = 0;
    let done = 0;
    const run = this.services.start(a.scenario, plan, {
      onProgress: (d, total) => {
        done = d;
        const now = Date.now();
        if (now - last < 100 && d < total) return;
        last = now;
        this.post({ type: 'progress', done: d, total });
      },
    });
    this.run = run;
    run.done.then(
      (points) => {
        if (this.run !== run) return;
        this.run = null;
        if (points === null) {
          this.post({ type: 'cancelled', done, total: plan.points });
          this.settle(version, null, 'cancelled');
          return;
        }
        this.ran = { plan, points };
        this.post({ type: 'result', version, params, points: points.map(pointInfo) });
        this.settle(version, points.length, null);
      },
      (err: unknown) => {
        if (this.run !== run) return;
        this.run = null;
        const message = err instanceof Error ? err.message : String(err);
        this.services.log.error(`Sweep of ${vscode.workspace.asRelativePath(this.documentUri)} failed: ${message}`);
        this.post({ type: 'failed', message: `The sweep failed: ${message.split('\n')[0]}` });
        this.settle(version, null, message);
      },
    );
  }

  private async receive(m: FromSweepView): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        for (const q of this.queue.splice(0)) void this.panel.webview.postMessage(q);
        this.start(await vscode.workspace.openTextDocument(this.documentUri));
        break;
      }
      case 'cancel':
        this.run?.cancel();
        break;
      case 'rerun':
        this.start(await vscode.workspace.openTextDocument(this.documentUri));
        break;
      case 'openPoint': {
        const ran = this.ran;
        if (!ran || m.index >= ran.points.length) return;
        await this.services.openPoint(this.documentUri, pointVary(ran.plan, ran.points[m.index]));
        break;
      }
      case 'error':
        this.services.log.error(`Sweep view of ${vscode.workspace.asRelativePath(this.documentUri)}: ${m.message}`);
        break;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.run?.cancel();
    this.run = null;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.services.onDispose(this);
  }
}

function pointInfo(p: SweepPoint): SweepPointInfo {
  const metrics = Object.fromEntries(SWEEP_METRICS.map((k) => [k, p.metrics[k]])) as SweepPointInfo['metrics'];
  return { values: Object.values(p.params), status: p.status, metrics };
}

/** A point's settings as `NAME=VALUE`, durations in ns: what the chart applies (and what `lwp sweep --vary` would take). */
export function pointVary(plan: SweepPlan, p: SweepPoint): string[] {
  return plan.params.map((q) => `${q.name}=${String(p.params[q.name])}${q.value.kind === 'duration' ? 'ns' : ''}`);
}

export function title(uri: vscode.Uri, varies: readonly string[]): string {
  const names = varies.map((v) => v.slice(0, Math.max(0, v.indexOf('=')))).join(' × ');
  return `Sweep: ${uri.path.split('/').pop() ?? 'scenario'} (${names})`;
}
