/**
 * The simulation worker thread under Node: the same bundle as the language
 * server (dist/server.js, or dist/cli.js for `lwp lsp`), started by
 * nodeSimRunner.ts with `workerData.lwpSimWorker`, answers requests with
 * simRequests.ts until its parent goes away, and opens no connection.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { answer, type SimRequest, type TestRequest } from './simRequests';

export const WORKER_FLAG = 'lwpSimWorker';

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true && parentPort) {
  const port = parentPort;
  port.on('message', (req: SimRequest | TestRequest) => port.postMessage(answer(req)));
}
