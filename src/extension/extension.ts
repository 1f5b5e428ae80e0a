// Entry point of dist/extension.js, the extension in VS Code's Node extension
// host: the language server is dist/server.js over node IPC, and the Testing
// view's runs go to a worker thread running that same bundle, and a sweep's
// to worker threads of dist/sweep-worker.js; the debugger is an inline debug
// adapter in this host.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { defaultJobs, startSweep } from '../cli/sweepPool';
import { nodeSimRunner } from '../server/nodeSimRunner';
import { registerDebugger } from './debug';
import { activateOn, type LwpExtensionApi, type Platform } from './activate';

export type { LwpExtensionApi } from './activate';

const node: Platform = {
  host: 'node',
  server: (context) => {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    return {
      where: 'a Node process',
      create: (clientOptions) => new LanguageClient('lwp', 'LWP Language Server', serverOptions, clientOptions),
      pid: (client) => {
        const p = (client as LanguageClient).serverProcess;
        return p && p.exitCode === null && p.signalCode === null ? p.pid : undefined;
      },
    };
  },
  // dist/server.js, loaded as a worker, answers test requests without opening a connection (see src/server/server.ts).
  simRunner: (context) => (log) => nodeSimRunner(log, context.asAbsolutePath('dist/server.js')),
  debugger: (context) => registerDebugger(context),
  sweeps: (context) => (base, plan, o) => startSweep(base, plan, { ...o, jobs: defaultJobs(), entry: context.asAbsolutePath('dist/sweep-worker.js') }),
};

export function activate(context: vscode.ExtensionContext): LwpExtensionApi | undefined {
  return activateOn(node, context);
}

export function deactivate(): void {}
