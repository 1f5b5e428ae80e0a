/** The status bar item: the last run's status and makespan; a click opens (or reveals) its panel. */
import * as vscode from 'vscode';
import { formatDuration } from '../../core/units';
import type { RunOutcome, RunSummary } from '../../shared/protocol';

/** Short model names for the status bar (the tooltip spells them out). */
const SHORT: Record<string, string> = { 'one-to-one': '1:1', 'many-to-one': 'M:1', 'many-to-many': 'M:N' };

export class RunStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lwp.runStatus', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'LWP run';
    this.item.command = 'lwp.runAndVisualize';
  }

  /** `runs`: the compared runs (compare view, the file's own first); absent or one for a single run. */
  show(status: RunOutcome, makespan: number | null, file: string, runs?: readonly RunSummary[]): void {
    if (runs && runs.length > 1) {
      this.showCompare(runs, file);
      return;
    }
    const icon = status === 'completed' ? '$(check)' : status === 'deadlock' ? '$(error)' : status === 'limit' ? '$(watch)' : status === 'cancelled' ? '$(circle-slash)' : '$(warning)';
    const span = makespan !== null ? ` ${formatDuration(makespan)}` : '';
    this.item.text = `${icon} LWP ${status}${span}`;
    this.item.tooltip = `${file}: ${status}${span ? `, makespan${span}` : ''} — click to open the chart`;
    this.item.backgroundColor = status === 'deadlock' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  /** While the learner predicts (Predict Then Run), the run's outcome stays hidden here too. */
  showHidden(file: string): void {
    this.item.text = '$(question) LWP: predict first';
    this.item.tooltip = `${file}: the run is hidden until you reveal your answers in the chart panel`;
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  private showCompare(runs: readonly RunSummary[], file: string): void {
    const worst = runs.some((r) => r.status === 'deadlock') ? 'deadlock' : runs.some((r) => r.status === 'limit') ? 'limit' : 'completed';
    const icon = worst === 'completed' ? '$(check)' : worst === 'deadlock' ? '$(error)' : '$(watch)';
    const name = (r: RunSummary): string => (r.model === null ? 'as written' : (SHORT[r.model] ?? r.model));
    const mark = (r: RunSummary): string => (r.status === 'completed' ? '' : ` ${r.status}`);
    this.item.text = `${icon} LWP compare ${runs.map((r) => `${name(r)} ${formatDuration(r.makespan)}${mark(r)}`).join(' · ')}`;
    this.item.tooltip = `${file}, compared (the file's own run first):\n${runs.map((r) => `${r.model ?? 'as written'}: ${r.status}, makespan ${formatDuration(r.makespan)}`).join('\n')}\nClick to open the chart`;
    this.item.backgroundColor = worst === 'deadlock' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
