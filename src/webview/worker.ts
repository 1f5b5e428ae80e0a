/**
 * The simulation worker: analyze + simulate off the UI thread, so a long run
 * never freezes the chart or the editor. One request at a time; the chart
 * cancels by terminating the worker (a synchronous run cannot read messages),
 * so there is nothing to clean up here.
 */
import { runSource, transferables } from './engine';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

interface WorkerScope {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

// Progress at most every 100 ms: enough for a smooth bar, cheap for the run.
const PROGRESS_EVERY_MS = 100;

function isRequest(x: unknown): x is WorkerRequest {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r.id === 'number' &&
    typeof r.text === 'string' &&
    (r.mode === 'run' || r.mode === 'compare') &&
    Array.isArray(r.vary) &&
    r.vary.every((v) => typeof v === 'string')
  );
}

scope.onmessage = (e) => {
  const req = e.data;
  if (!isRequest(req)) return;
  let last = 0;
  try {
    const res = runSource(
      req.id,
      req.text,
      req.mode,
      (simulatedNs, events) => {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        scope.postMessage({ id: req.id, type: 'progress', simulatedNs, events });
      },
      req.vary,
    );
    scope.postMessage(res, res.type === 'done' ? transferables(res.sections) : []);
  } catch (err) {
    scope.postMessage({ id: req.id, type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
};

scope.postMessage({ id: 0, type: 'started' });
