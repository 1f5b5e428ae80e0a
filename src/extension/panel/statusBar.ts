/** The status bar item: the last run's status and makespan; a click opens (or reveals) its panel. */
import * as vscode from 'vscode';
import { formatDuration } from '../../core/units';
import type { RunOutcome } from '../../shared/protocol';

export class RunStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lwp.runStatus', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'LWP run';
    this.item.command = 'lwp.runAndVisualize';
  }

  show(status: RunOutcome, makespan: number | null, file: string): void {
    const icon = status === 'completed' ? '$(check)' : status === 'deadlock' ? '$(error)' : status === 'limit' ? '$(watch)' : status === 'cancelled' ? '$(circle-slash)' : '$(warning)';
    const span = makespan !== null ? ` ${formatDuration(makespan)}` : '';
    this.item.text = `${icon} LWP ${status}${span}`;
    this.item.tooltip = `${file}: ${status}${span ? `, makespan${span}` : ''} — click to open the chart`;
    this.item.backgroundColor = status === 'deadlock' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
