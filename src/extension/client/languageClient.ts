/**
 * Starts the LWP language server — under Node the bundled dist/server.js over
 * node IPC, on the web dist/web/server.js in a Web Worker (the `ServerLauncher`
 * the entry point passes) — and keeps it alive: a crash restarts it, at most MAX_RESTARTS times in
 * RESTART_WINDOW_MS; past that, one message with "Show Log" and "Restart".
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  State,
  type BaseLanguageClient,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { ServerStatusNotification, type LwpInitializationOptions } from '../../shared/lsp-protocol';
import { MessageLog, SERVER_STATE_COMMAND, type ServerStateSnapshot } from './serverState';
import { ServerStatusBar } from './statusBar';

export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** What `activate` exports for integration tests and other extensions. */
export interface LwpClientApi {
  readonly client: BaseLanguageClient;
  /** Resolves when the server has answered `initialize` (rejects if it could not start). */
  readonly ready: Promise<void>;
}

class CappedRestarts implements ErrorHandler {
  private crashes: number[] = [];
  private stopped = false;

  constructor(private readonly onGiveUp: () => void) {}

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < RESTART_WINDOW_MS);
    this.crashes.push(now);
    if (this.crashes.length <= MAX_RESTARTS) return { action: CloseAction.Restart, handled: true };
    this.stopped = true;
    this.onGiveUp();
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  reset(): void {
    this.crashes = [];
    this.stopped = false;
  }

  get count(): number {
    return this.crashes.length;
  }

  get gaveUp(): boolean {
    return this.stopped;
  }
}

/** How the client of one platform reaches its server. */
export interface ServerLauncher {
  /** What runs the server, for people: "a Node process", "a browser Web Worker". */
  readonly where: string;
  create(clientOptions: LanguageClientOptions): BaseLanguageClient;
  /** The server process's id while it lives (Node), else undefined (a Web Worker has none). */
  pid(client: BaseLanguageClient): number | undefined;
}

function settings(): LwpInitializationOptions {
  const c = vscode.workspace.getConfiguration('lwp');
  return { settings: { simulate: c.get<boolean>('diagnostics.simulate', true), inlayHints: c.get<boolean>('inlayHints.enabled', true) } };
}

export function startLanguageClient(context: vscode.ExtensionContext, launcher: ServerLauncher): LwpClientApi {
  const log = vscode.window.createOutputChannel('LWP Language Server', { log: true });
  const status = new ServerStatusBar(launcher.where);
  const messages = new MessageLog();
  context.subscriptions.push(log, status);

  const gaveUpStatus = `The LWP language server crashed ${MAX_RESTARTS + 1} times in 3 minutes and was not restarted.`;
  const restarts = new CappedRestarts(() => {
    status.show('error', gaveUpStatus);
    void messages
      .showError(`The LWP language server stopped: it crashed ${MAX_RESTARTS + 1} times in 3 minutes. Diagnostics, hovers and completion are off until it restarts.`, 'Show Log', 'Restart')
      .then((choice) => {
        if (choice === 'Show Log') log.show(true);
        if (choice === 'Restart') void vscode.commands.executeCommand('lwp.restartServer');
      });
  });
  const clientOptions: LanguageClientOptions = {
    // Every scheme the editor opens (vscode-vfs:, a remote's, a diff's, a virtual workspace's): the server reads only what the client syncs, never the disk.
    documentSelector: [{ language: 'lwp' }],
    synchronize: { configurationSection: 'lwp' },
    initializationOptions: settings(),
    outputChannel: log,
    errorHandler: restarts,
  };
  const client = launcher.create(clientOptions);

  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Starting) status.show('starting', 'Starting the LWP language server…');
      else if (e.newState === State.Running) status.show('ready', 'LWP language server ready');
      // The client reports Stopped right after giving up; the give-up reason is the more useful tooltip.
      else status.show('error', restarts.gaveUp ? gaveUpStatus : 'The LWP language server is stopped.');
    }),
    client.onNotification(ServerStatusNotification.type, (p) => status.show(p.health, p.message)),
    vscode.commands.registerCommand('lwp.showServerLog', () => log.show(true)),
    vscode.commands.registerCommand('lwp.restartServer', async () => {
      restarts.reset();
      status.show('starting', 'Restarting the LWP language server…');
      // A client that is still starting cannot be stopped: let the start settle first.
      if (client.state === State.Starting) await startSettled(client, 30_000);
      try {
        // What the Node client's restart() does, for any client (the browser's has none).
        await client.stop();
        await client.start();
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        status.show('error', `The LWP language server could not restart: ${msg}`);
        void messages.showError(`LWP Lab: the language server could not restart (${msg}).`, 'Show Log').then((c) => c && log.show(true));
      }
    }),
    vscode.commands.registerCommand(SERVER_STATE_COMMAND, (): ServerStateSnapshot => ({
      state: client.state === State.Running ? 'running' : client.state === State.Starting ? 'starting' : 'stopped',
      pid: launcher.pid(client),
      restarts: restarts.count,
      maxRestarts: MAX_RESTARTS,
      restartWindowMs: RESTART_WINDOW_MS,
      gaveUp: restarts.gaveUp,
      status: status.current,
      messagesShown: messages.shown,
      lastMessage: messages.lastShown,
    })),
    { dispose: () => void client.stop() },
  );

  const ready = client.start().catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    log.error(`could not start the language server: ${msg}`);
    status.show('error', `The LWP language server could not start: ${msg}`);
    void messages.showError(`LWP Lab: the language server could not start (${msg}).`, 'Show Log').then((c) => c && log.show(true));
    throw err;
  });
  return { client, ready };
}

/** Resolves once the client has left the Starting state (or after `timeoutMs`). */
function startSettled(client: BaseLanguageClient, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const sub = client.onDidChangeState((e) => {
      if (e.newState !== State.Starting) done();
    });
    function done(): void {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}
