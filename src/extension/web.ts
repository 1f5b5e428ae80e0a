// Entry point of dist/web/extension.js, the extension in a browser's web
// worker extension host (vscode.dev, github.dev, or any workbench that runs
// it there): the language server is dist/web/server.js in a Web Worker, and
// the Testing view's runs go to another Web Worker running the same script as
// a simulation worker (see src/server/webServer.ts). Everything else is the
// code the Node extension runs (activate.ts).
//
// The workers start from a Blob of the script, fetched once: the web worker
// extension host refuses `new Worker(url)` when the extension is installed on
// a remote (code-server, Codespaces: "Creating workers from remote extensions
// is currently not supported"), while its fetch reaches the extension's files
// wherever they are. One way in for every workbench.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { WORKER_ROLE_GLOBAL, type SimReply, type TestReply, type WorkerRole } from '../server/simRequests';
import { WorkerSimRunner, type WorkerEvents, type WorkerPort } from '../server/simRunner';
import { activateOn, type LwpExtensionApi, type Platform } from './activate';

export type { LwpExtensionApi } from './activate';

/**
 * Blob URLs of dist/web/server.js, fetched once on first use and kept for the
 * session: one per role, each the script preceded by the line that names its
 * role (WORKER_ROLE_GLOBAL, read by src/server/webServer.ts). The role goes in
 * the script because the extension host's Worker wrapper passes no name.
 */
function workerScripts(context: vscode.ExtensionContext): (role: WorkerRole) => Promise<string> {
  let text: Promise<string> | null = null;
  const urls = new Map<WorkerRole, Promise<string>>();
  const load = async (): Promise<string> => {
    const source = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
    const response = await fetch(source.toString(true));
    if (!response.ok) throw new Error(`could not load ${source.toString(true)}: HTTP ${response.status}`);
    return response.text();
  };
  return (role) => {
    let url = urls.get(role);
    if (!url) {
      url = (text ??= load()).then((script) => {
        const blobUrl = URL.createObjectURL(
          new Blob([`var ${WORKER_ROLE_GLOBAL} = ${JSON.stringify(role)};\n`, script], { type: 'text/javascript' }),
        );
        context.subscriptions.push({ dispose: () => URL.revokeObjectURL(blobUrl) });
        return blobUrl;
      });
      urls.set(role, url);
    }
    return url;
  };
}

/** A simulation worker that starts once its script has loaded; messages posted before then wait for it. */
function simWorker(script: () => Promise<string>, events: WorkerEvents): WorkerPort {
  let worker: Worker | null = null;
  let ended = false;
  const waiting: unknown[] = [];
  script().then(
    (url) => {
      if (ended) return;
      const w = new Worker(url, { name: 'lwp-simulation' });
      w.onmessage = (e: MessageEvent<SimReply | TestReply>) => events.message(e.data);
      w.onerror = (e) => events.lost(`simulation worker failed: ${e.message}`);
      for (const m of waiting.splice(0)) w.postMessage(m);
      worker = w;
    },
    (err: unknown) => events.lost(`simulation worker could not start: ${err instanceof Error ? err.message : String(err)}`),
  );
  return {
    post: (m) => (worker ? worker.postMessage(m) : waiting.push(m)),
    terminate: () => {
      ended = true;
      worker?.terminate();
    },
  };
}

const web: Platform = {
  host: 'web',
  server: (context) => {
    const script = workerScripts(context);
    // A restart asks for a new worker; the old one is ended first (the client only closes its port).
    let current: Worker | null = null;
    // The transports are made here rather than by handing the client the Worker: the extension host replaces
    // `Worker` with a wrapper, so the client's `instanceof Worker` test fails on what it returns.
    const start = async (): Promise<MessageTransports> => {
      const url = await script('server');
      current?.terminate();
      // Named, so that it reads as itself in the browser's developer tools.
      const w = new Worker(url, { name: 'lwp-language-server' });
      current = w;
      return { reader: new BrowserMessageReader(w), writer: new BrowserMessageWriter(w) };
    };
    context.subscriptions.push({ dispose: () => current?.terminate() });
    return {
      where: 'a browser Web Worker',
      create: (clientOptions) => new LanguageClient('lwp', 'LWP Language Server', start, clientOptions),
      pid: () => undefined,
    };
  },
  simRunner: (context) => {
    const scripts = workerScripts(context);
    return (log) => new WorkerSimRunner((events) => simWorker(() => scripts('sim'), events), log);
  },
};

export function activate(context: vscode.ExtensionContext): LwpExtensionApi | undefined {
  return activateOn(web, context);
}

export function deactivate(): void {}
