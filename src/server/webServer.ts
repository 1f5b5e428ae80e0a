// Entry point of dist/web/server.js, the web extension's worker script (a
// browser Web Worker the extension starts, src/extension/web.ts), in one of
// two roles, as dist/server.js has under Node:
// - the language server: messages come and go through the worker's own port;
//   diagnostics simulations run in this same worker, in-process under the
//   short budget (the worker is already off the editor's thread, and a
//   nested worker could not be stopped by a newer edit without
//   SharedArrayBuffer, which a page that is not cross-origin isolated lacks);
// - the Testing view's simulation worker (its script's first line sets the
//   global WORKER_ROLE_GLOBAL to 'sim'; see src/extension/web.ts):
//   it answers each request with simRequests.ts, like every other runner, and
//   opens no connection.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from './lwpServer';
import { answer, WORKER_ROLE_GLOBAL, type SimRequest, type TestRequest, type WorkerRole } from './simRequests';
import { InProcessSimRunner } from './simRunner';

// The worker's global scope posts and receives messages as a Worker object
// does from outside (the project's types are the DOM's, not WebWorker's).
const port = self as unknown as Worker;

const role = (globalThis as Record<string, unknown>)[WORKER_ROLE_GLOBAL] as WorkerRole | undefined;

if (role === 'sim') {
  port.onmessage = (e: MessageEvent<SimRequest | TestRequest>) => port.postMessage(answer(e.data));
} else {
  startServer(
    createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port)),
    () => new InProcessSimRunner(),
  );
}
