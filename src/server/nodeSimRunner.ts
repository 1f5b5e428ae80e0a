/**
 * The simulation runner on a Node worker thread: a long run never delays the
 * front-end diagnostics of the next edit, and the run is turned into the
 * editor's findings there too (simRequests.ts), so that neither a run with
 * thousands of stuck threads nor its RunResult crossing threads holds up
 * hovers on the main thread: only the diagnostics and the summary come back.
 * A newer edit stops a run through a shared flag that `shouldStop` reads.
 * The worker runs a built bundle that includes simWorker.ts (dist/server.js).
 */
import { Worker } from 'node:worker_threads';
import type { SimReply, SimRequest, TestReply, TestRequest } from './simRequests';
import { WorkerSimRunner, type SimRunner } from './simRunner';

/** The flag simWorker.ts looks for (repeated here so that the extension's bundle does not carry the simulator). */
const WORKER_FLAG = 'lwpSimWorker';

/**
 * A runner on a worker thread running `entry`. Where no worker can start
 * (e.g. the server run from sources), requests go to `inProcess` if given
 * (the language server: a short wall-clock budget), else fail saying why.
 */
export function nodeSimRunner(
  log: (message: string) => void,
  entry: string,
  inProcess?: (req: SimRequest | TestRequest) => SimReply | TestReply,
): SimRunner {
  return new WorkerSimRunner(
    (events) => {
      if (!entry.endsWith('.js')) throw new Error('the server runs from sources');
      const w = new Worker(entry, { workerData: { [WORKER_FLAG]: true } });
      w.unref();
      w.on('message', (r: SimReply | TestReply) => events.message(r));
      w.on('error', (err) => events.lost(`simulation worker failed: ${err.message}`));
      w.on('exit', (code) => events.lost(`simulation worker exited (${code})`));
      return { post: (m) => w.postMessage(m), terminate: () => void w.terminate() };
    },
    log,
    inProcess,
  );
}
