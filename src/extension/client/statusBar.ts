/** The status bar item that tells whether the LWP language server is healthy; clicking it opens the server log. */
import * as vscode from 'vscode';
import type { ServerHealth } from '../../shared/lsp-protocol';

const ICON: Record<ServerHealth, string> = {
  starting: '$(sync~spin)',
  busy: '$(sync~spin)',
  ready: '$(check)',
  error: '$(error)',
};

export class ServerStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lwp.server', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'LWP Language Server';
    this.item.command = 'lwp.showServerLog';
    this.show('starting', 'Starting the LWP language server…');
    this.item.show();
  }

  show(health: ServerHealth, message: string): void {
    this.item.text = `${ICON[health]} LWP`;
    this.item.tooltip = `${message}\nClick to show the server log.`;
    this.item.backgroundColor = health === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
