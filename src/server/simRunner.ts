/**
 * Where simulations for diagnostics and the Testing view run. A runner
 * either hands requests to a worker — a Node worker thread (simWorker.ts) or
 * a browser Web Worker (webSimWorker.ts), both behind `WorkerPort` — or,
 * where none can start, answers them in-process under a short budget.
 *
 * Invariants: every request gets exactly one reply; `stop` answers every
 * pending request `cancelled` at once and the next request starts a new
 * worker; a worker that dies fails what it had and is replaced on the next
 * request; nothing here imports a Node built-in (the web bundles use it).
 */
import type { Scenario } from '../core/check/ir';
import { runRequest, runTestRequest, type SimReply, type SimRequest, type TestReply, type TestRequest } from './simRequests';

export interface SimRunner {
  /** Whether runs go to a worker (longer budgets are then harmless). */
  readonly threaded: boolean;
  run(scenario: Scenario, version: number, maxEvents: number, budgetMs: number, cancel: SharedArrayBuffer | ArrayBuffer): Promise<SimReply>;
  /** A Testing-view run of `text`. */
  runTest(text: string): Promise<TestReply>;
  /** Stops whatever is running now, even inside one long step (where a worker can be terminated). */
  stop(): void;
  dispose(): void;
}

/** A started worker, whatever its kind. */
export interface WorkerPort {
  post(message: SimRequest | TestRequest): void;
  terminate(): void;
}

export interface WorkerEvents {
  message(reply: SimReply | TestReply): void;
  /** The worker failed or exited; `why` is logged. */
  lost(why: string): void;
}

/** Starts a worker wired to `events`; throws when no worker can start here. */
export type StartWorker = (events: WorkerEvents) => WorkerPort;

/** Runs every request on the calling thread: where no worker can start. Nothing can stop a run midway except its budget. */
export class InProcessSimRunner implements SimRunner {
  private next = 1;
  readonly threaded = false;

  run(
    scenario: Scenario,
    version: number,
    maxEvents: number,
    budgetMs: number,
    cancel: SharedArrayBuffer | ArrayBuffer,
  ): Promise<SimReply> {
    return Promise.resolve(runRequest({ id: this.next++, scenario, version, maxEvents, budgetMs, cancel }));
  }

  runTest(text: string): Promise<TestReply> {
    return Promise.resolve(runTestRequest({ kind: 'test', id: this.next++, text }));
  }

  stop(): void {}
  dispose(): void {}
}

/**
 * A lazily started worker. Where it cannot start, requests are answered by
 * `inProcess` when given (the Node extension and server: simRequests.ts's
 * `answer`), else with an error that says so (the web extension host, which
 * must not carry the simulator only for that).
 */
export class WorkerSimRunner implements SimRunner {
  private worker: WorkerPort | null = null;
  private failed = false;
  private whyNoWorker = 'no simulation worker';
  private next = 1;
  private readonly pending = new Map<number, (r: SimReply | TestReply) => void>();

  constructor(
    private readonly start: StartWorker,
    private readonly log: (message: string) => void,
    private readonly inProcess?: (req: SimRequest | TestRequest) => SimReply | TestReply,
  ) {}

  get threaded(): boolean {
    return this.ensure() !== null;
  }

  run(
    scenario: Scenario,
    version: number,
    maxEvents: number,
    budgetMs: number,
    cancel: SharedArrayBuffer | ArrayBuffer,
  ): Promise<SimReply> {
    return this.send({ id: this.next++, scenario, version, maxEvents, budgetMs, cancel }) as Promise<SimReply>;
  }

  runTest(text: string): Promise<TestReply> {
    return this.send({ kind: 'test', id: this.next++, text }) as Promise<TestReply>;
  }

  /** The worker is terminated, every pending request answers `cancelled`, and the next request starts a new worker. */
  stop(): void {
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    w.terminate();
    for (const [id, resolve] of this.pending) resolve({ id, ok: false, error: 'cancelled', cancelled: true });
    this.pending.clear();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private send(req: SimRequest | TestRequest): Promise<SimReply | TestReply> {
    const w = this.ensure();
    if (!w) return Promise.resolve(this.inProcess ? this.inProcess(req) : { id: req.id, ok: false, error: this.whyNoWorker });
    return new Promise((resolve) => {
      this.pending.set(req.id, resolve);
      w.post(req);
    });
  }

  private ensure(): WorkerPort | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const w: WorkerPort = this.start({
        message: (r) => {
          const resolve = this.pending.get(r.id);
          this.pending.delete(r.id);
          resolve?.(r);
        },
        lost: (why) => this.lost(w, why),
      });
      this.worker = w;
    } catch (err) {
      this.failed = true;
      this.whyNoWorker = `the simulation worker could not start: ${err instanceof Error ? err.message : String(err)}`;
      this.log(this.inProcess ? `${this.whyNoWorker}; simulating in-process` : this.whyNoWorker);
    }
    return this.worker;
  }

  /** The worker died: fail what it had, and let the next run start a new one. */
  private lost(w: WorkerPort, message: string): void {
    // A worker stopped on purpose (stop, dispose) has already been replaced or let go.
    if (this.worker !== w) return;
    this.log(message);
    this.worker = null;
    for (const [id, resolve] of this.pending) resolve({ id, ok: false, error: message });
    this.pending.clear();
  }
}
