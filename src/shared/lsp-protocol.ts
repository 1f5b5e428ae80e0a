/**
 * Every custom message between the LWP language server and its clients, in
 * one typed file (the standard LSP messages need no declaration). Both sides
 * import the `type` objects so method names and payloads cannot drift.
 */
// The `namespace X { method; type }` shape is the LSP ecosystem's convention for declaring messages (vscode-languageserver-protocol itself uses it).
/* eslint-disable @typescript-eslint/no-namespace */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Settings the server reads (`lwp.*` in VS Code; `initializationOptions.settings` or `workspace/didChangeConfiguration` elsewhere). */
export interface LwpServerSettings {
  /** Run the simulation to report deadlocks, limits and failed expectations as diagnostics. */
  readonly simulate: boolean;
  /** Show each thread's finish time from the last run as an inlay hint. */
  readonly inlayHints: boolean;
}

export const DEFAULT_SERVER_SETTINGS: LwpServerSettings = { simulate: true, inlayHints: true };

/** Shape of `initializationOptions` a client may send. All optional. */
export interface LwpInitializationOptions {
  readonly settings?: Partial<LwpServerSettings>;
  /** Delay after the last edit before front-end diagnostics are computed, ms (default 10). */
  readonly debounceMs?: number;
  /** Delay after front-end diagnostics before the simulation runs, ms (default 200). */
  readonly simulateDelayMs?: number;
}

export type ServerHealth = 'starting' | 'ready' | 'busy' | 'error';

export interface ServerStatusParams {
  readonly health: ServerHealth;
  /** One line for the status bar tooltip. */
  readonly message: string;
}

/** Server → client, whenever its health changes: the VS Code client shows it in the status bar. */
export namespace ServerStatusNotification {
  export const method = 'lwp/serverStatus' as const;
  export const type = new NotificationType<ServerStatusParams>(method);
}

export interface LastRunParams {
  readonly uri: string;
}

export interface LastRunThread {
  /** `process.thread#n`. */
  readonly id: string;
  readonly start: number;
  readonly finish: number | null;
  readonly running: number;
  readonly ready: number;
  readonly blocked: number;
}

export interface LastRunResult {
  /** Document version the run belongs to. */
  readonly version: number;
  readonly status: 'completed' | 'deadlock' | 'limit';
  /** True when the diagnostics run stopped early (event or time budget), so the figures cover only part of the scenario. */
  readonly truncated: boolean;
  readonly makespan: number;
  readonly threads: readonly LastRunThread[];
  readonly processes: readonly { readonly name: string; readonly model: string; readonly finish: number | null; readonly maxLwps: number }[];
  readonly expectations: readonly { readonly text: string; readonly passed: boolean; readonly actual: string }[];
}

/**
 * Client → server: the summary of the simulation the server last ran for a
 * document (null if none is current). Lets the extension and tests show the
 * same results the hovers and inlay hints use without simulating again.
 */
export namespace LastRunRequest {
  export const method = 'lwp/lastRun' as const;
  export const type = new RequestType<LastRunParams, LastRunResult | null, void>(method);
}

export interface WithholdRunParams {
  readonly uri: string;
  /** True while a learner predicts the run (Predict Then Run); false once the answers are revealed. */
  readonly withhold: boolean;
}

/**
 * Client → server: hold back what the last run of a document shows in the
 * editor — its findings among the diagnostics, the run facts in hovers, the
 * finish-time inlay hints and `lwp/lastRun` — while a learner predicts it,
 * so the editor does not give the answers away; the server republishes the
 * document's diagnostics and refreshes its inlay hints at each change.
 */
export namespace WithholdRunNotification {
  export const method = 'lwp/withholdRun' as const;
  export const type = new NotificationType<WithholdRunParams>(method);
}

/** Server → client after the simulation findings for a document were published (tests and the status bar wait on it). */
export namespace SimulationDoneNotification {
  export const method = 'lwp/simulationDone' as const;
  export const type = new NotificationType<{ readonly uri: string; readonly version: number; readonly status: string | null }>(method);
}

/** Command ids the code lenses invoke; the panel owner registers them in the extension. */
export const LENS_COMMANDS = {
  runAndVisualize: 'lwp.runAndVisualize',
  compareModels: 'lwp.compareModels',
  sweep: 'lwp.sweep',
  debugScenario: 'lwp.debugScenario',
} as const;
