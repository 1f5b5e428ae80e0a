/**
 * Starts and drives the simulation worker. In a VS Code webview a worker
 * cannot load from the extension's resource URI (cross-origin), so the
 * script is fetched and started from a Blob URL; the standalone HTML export
 * carries the script inline. If no worker can start (a locked-down host),
 * runs fall back to the main thread rather than fail.
 *
 * Cancel = terminate: a synchronous simulation cannot read a cancel message,
 * and a fresh worker starts in a few milliseconds from the cached Blob URL.
 */
import { WORKER_SOURCE_ID } from '../core/export/html';
import type { ChartMode } from '../shared/protocol';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

export type RunOutcome = WorkerResponse | { readonly id: number; readonly type: 'cancelled' };

type Pending = { readonly id: number; readonly resolve: (r: RunOutcome) => void };

export class SimRunner {
  private worker: Worker | null = null;
  private blobUrl: string | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private fallback: ((req: WorkerRequest) => WorkerResponse) | null = null;

  /** `onTrouble` hears about failures that are not one run's outcome (the worker could not start), in plain words. */
  constructor(
    private readonly onProgress: (simulatedNs: number, events: number) => void,
    private readonly onTrouble: (message: string) => void = () => undefined,
  ) {}

  /** Prepares the worker script; resolves when runs can start. */
  async init(): Promise<void> {
    const inline = document.getElementById(WORKER_SOURCE_ID)?.textContent;
    let source: string | null = inline ?? null;
    if (source === null) {
      const uri = document.querySelector('meta[name="lwp-worker"]')?.getAttribute('content');
      if (uri) {
        try {
          const res = await fetch(uri);
          if (res.ok) source = await res.text();
        } catch {
          source = null;
        }
      }
    }
    if (source !== null) {
      this.blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      try {
        this.startWorker();
        return;
      } catch {
        this.worker = null;
      }
    }
    if (source === null) this.onTrouble('The simulation worker script could not be loaded; runs use the page\'s main thread, so the chart may pause during long runs.');
    else this.onTrouble('The simulation worker could not start; runs use the page\'s main thread, so the chart may pause during long runs.');
    await this.useMainThread();
  }

  private async useMainThread(): Promise<void> {
    const { runSource } = await import('./engine');
    this.fallback = (req) => runSource(req.id, req.text, req.mode, () => undefined, req.vary);
  }

  get usesWorker(): boolean {
    return this.worker !== null;
  }

  private startWorker(): void {
    const w = new Worker(this.blobUrl!);
    let answered = false;
    w.onmessage = (e: MessageEvent<WorkerResponse>) => {
      answered = true;
      this.receive(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      const p = this.pending;
      if (!answered) {
        // The script failed before it ever answered (blocked, or broken): a restart would fail the same way.
        this.worker?.terminate();
        this.worker = null;
        this.blobUrl = null;
        this.onTrouble(`The simulation worker failed to start (${e.message || 'no reason given'}); runs use the page's main thread instead.`);
        void this.useMainThread().then(() => {
          if (p && this.pending === p) {
            this.pending = null;
            p.resolve({ id: p.id, type: 'failed', message: 'the simulation worker failed to start; run again (the page now simulates itself)' });
          }
        });
        return;
      }
      if (!p) return;
      this.pending = null;
      p.resolve({ id: p.id, type: 'failed', message: e.message || 'the simulation worker stopped' });
      this.restart();
    };
    this.worker = w;
  }

  private restart(): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.blobUrl) this.startWorker();
  }

  private receive(msg: WorkerResponse): void {
    const p = this.pending;
    if (!p || msg.id !== p.id) return;
    if (msg.type === 'progress') {
      this.onProgress(msg.simulatedNs, msg.events);
      return;
    }
    this.pending = null;
    p.resolve(msg);
  }

  /** Runs `text`; a run still going is cancelled (newest edit wins). */
  run(text: string, mode: ChartMode, vary: readonly string[] = []): Promise<RunOutcome> {
    this.cancel();
    const id = this.nextId++;
    return new Promise<RunOutcome>((resolve) => {
      if (this.worker) {
        this.pending = { id, resolve };
        this.worker.postMessage({ id, text, mode, vary } satisfies WorkerRequest);
      } else if (this.fallback) {
        const fb = this.fallback;
        setTimeout(() => {
          try {
            resolve(fb({ id, text, mode, vary }));
          } catch (err) {
            resolve({ id, type: 'failed', message: err instanceof Error ? err.message : String(err) });
          }
        }, 0);
      } else {
        resolve({ id, type: 'failed', message: 'the simulator is not ready' });
      }
    });
  }

  /** Stops the run in progress, if any. */
  cancel(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.restart();
    p.resolve({ id: p.id, type: 'cancelled' });
  }
}
