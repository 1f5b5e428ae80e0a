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
  private shown: { health: ServerHealth; message: string } = { health: 'starting', message: '' };

  /** `where`: what runs the server, said in the tooltip (a Node process, a browser Web Worker). */
  constructor(private readonly where: string) {
    this.item.name = 'LWP Language Server';
    this.item.command = 'lwp.showServerLog';
    this.show('starting', 'Starting the LWP language server…');
    this.item.show();
  }

  show(health: ServerHealth, message: string): void {
    this.shown = { health, message };
    this.item.text = `${ICON[health]} LWP`;
    this.item.tooltip = `${message}\nRuns in ${this.where}. Click to show the server log.`;
    this.item.backgroundColor = health === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  /** What the item shows now (the item itself cannot be read back through the API). */
  get current(): { health: ServerHealth; message: string } {
    return { ...this.shown };
  }

  dispose(): void {
    this.item.dispose();
  }
}
