/**
 * What the client knows about its language server, in one place: the
 * restart cap, whether it gave up, and the messages it showed the user. The
 * integration suite reads it through the internal command
 * `_lwp.server.state` because VS Code offers tests no way to read a
 * notification or a status bar item.
 */
import * as vscode from 'vscode';
import type { ServerHealth } from '../../shared/lsp-protocol';

export const SERVER_STATE_COMMAND = '_lwp.server.state';

/** A message the client showed, with the buttons it offered. */
export interface ShownMessage {
  readonly severity: 'error';
  readonly text: string;
  readonly actions: readonly string[];
}

export interface ServerStateSnapshot {
  readonly state: 'starting' | 'running' | 'stopped';
  /** The server's process id while that process lives. */
  readonly pid: number | undefined;
  /** Crashes counted in the current restart window (each one restarted the server, up to `maxRestarts`). */
  readonly restarts: number;
  readonly maxRestarts: number;
  readonly restartWindowMs: number;
  /** True once the cap was passed and the server was left stopped; cleared by `lwp.restartServer`. */
  readonly gaveUp: boolean;
  /** What the status bar item shows. */
  readonly status: { readonly health: ServerHealth; readonly message: string };
  /** How many messages the client has shown since activation, and the last one. */
  readonly messagesShown: number;
  readonly lastMessage: ShownMessage | undefined;
}

/** Shows error messages and remembers them, so a test can check what the user was offered. */
export class MessageLog {
  private count = 0;
  private last: ShownMessage | undefined;

  showError(text: string, ...actions: string[]): Thenable<string | undefined> {
    this.count++;
    this.last = { severity: 'error', text, actions };
    return vscode.window.showErrorMessage(text, ...actions);
  }

  get shown(): number {
    return this.count;
  }

  get lastShown(): ShownMessage | undefined {
    return this.last;
  }
}
