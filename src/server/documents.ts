/**
 * Per-document state: the newest analysis (one per version, newest edit
 * wins), the diagnostics pipeline and the last simulation.
 *
 * Pipeline for each edit: wait `debounceMs` for typing to pause, analyse and
 * publish the front-end diagnostics and teaching notes; then, after
 * `simulateDelayMs`, simulate under an event and wall-clock budget and
 * publish again with the simulation findings. A newer edit cancels both
 * steps (timers cleared, `shouldStop` returns true), so a run's findings are
 * never published for text that has changed.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { teachingNotes } from '../core/concepts/teaching';
import type { Diagnostic } from '../core/diagnostic';
import { capDiagnostics } from '../core/diagnostics/cap';
import {
  DEFAULT_SERVER_SETTINGS,
  ServerStatusNotification,
  SimulationDoneNotification,
  type LastRunResult,
  type LwpInitializationOptions,
  type LwpServerSettings,
  type ServerHealth,
} from '../shared/lsp-protocol';
import { analyzeDocument, type Analysis } from './analysis';
import { toLspDiagnostic } from './convert';
import { CancelFlag, simulateForDiagnostics } from './simulation';
import type { SimRunner } from './simRunner';

interface DocState {
  analysis: Analysis | null;
  quickTimer: ReturnType<typeof setTimeout> | null;
  simTimer: ReturnType<typeof setTimeout> | null;
  /** Raised when a newer edit arrives; the running step (and the worker's simulation) checks it. */
  cancel: CancelFlag;
  run: LastRunResult | null;
}

export interface ClientFeatures {
  readonly inlayHintRefresh: boolean;
  readonly configurationPull: boolean;
}

const DEFAULT_DEBOUNCE_MS = 10;
const DEFAULT_SIMULATE_DELAY_MS = 200;

export class DocumentStore {
  private readonly states = new Map<string, DocState>();
  settings: LwpServerSettings;
  private readonly debounceMs: number;
  private readonly simulateDelayMs: number;
  private health: ServerHealth = 'starting';
  private readonly worker: SimRunner;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    init: LwpInitializationOptions,
    private readonly client: ClientFeatures,
    /** Where the diagnostics simulation runs (a worker thread under Node, in-process in a browser's worker). */
    simRunner: (log: (message: string) => void) => SimRunner,
  ) {
    this.settings = { ...DEFAULT_SERVER_SETTINGS, ...init.settings };
    this.debounceMs = clampMs(init.debounceMs, DEFAULT_DEBOUNCE_MS);
    this.simulateDelayMs = clampMs(init.simulateDelayMs, DEFAULT_SIMULATE_DELAY_MS);
    this.worker = simRunner((m) => connection.console.info(m));
  }

  dispose(): void {
    for (const st of this.states.values()) st.cancel.cancel();
    this.worker.dispose();
  }

  initialized(): void {
    this.setHealth('ready', 'LWP language server ready');
    if (this.client.configurationPull) void this.pullConfiguration();
  }

  /** Push-style settings (`{ lwp: { … } }`) or, from clients that support it, a pull. */
  configurationChanged(settings: unknown): void {
    const lwp = (settings as { lwp?: Record<string, unknown> } | null)?.lwp;
    if (lwp) this.applySettings(lwp);
    else if (this.client.configurationPull) void this.pullConfiguration();
  }

  private async pullConfiguration(): Promise<void> {
    try {
      const lwp: unknown = await this.connection.workspace.getConfiguration('lwp');
      if (lwp && typeof lwp === 'object') this.applySettings(lwp as Record<string, unknown>);
    } catch (err) {
      this.connection.console.warn(`could not read the lwp settings: ${String(err)}`);
    }
  }

  private applySettings(lwp: Record<string, unknown>): void {
    const diag = lwp['diagnostics'] as { simulate?: unknown } | undefined;
    const hints = lwp['inlayHints'] as { enabled?: unknown } | undefined;
    const next: LwpServerSettings = {
      simulate: typeof diag?.simulate === 'boolean' ? diag.simulate : this.settings.simulate,
      inlayHints: typeof hints?.enabled === 'boolean' ? hints.enabled : this.settings.inlayHints,
    };
    const changed = next.simulate !== this.settings.simulate || next.inlayHints !== this.settings.inlayHints;
    this.settings = next;
    if (!changed) return;
    for (const doc of this.documents.all()) this.changed(doc);
    if (this.client.inlayHintRefresh) void this.connection.languages.inlayHint.refresh();
  }

  /** The analysis of the document's current version (computed now if the pipeline has not yet). */
  analysis(uri: string): Analysis | null {
    const doc = this.documents.get(uri);
    if (!doc) return null;
    const st = this.state(uri);
    if (!st.analysis || st.analysis.version !== doc.version) st.analysis = analyzeDocument(uri, doc.version, doc.getText());
    return st.analysis;
  }

  /** Documents whose run results are held back while a learner predicts them (WithholdRunNotification). */
  private readonly withheld = new Set<string>();

  /** Holds back (or shows again) what the last run of `uri` shows in the editor, and republishes. */
  withhold(uri: string, on: boolean): void {
    if (on === this.withheld.has(uri)) return;
    if (on) this.withheld.add(uri);
    else this.withheld.delete(uri);
    const doc = this.documents.get(uri);
    if (doc) this.changed(doc);
    if (this.client.inlayHintRefresh) void this.connection.languages.inlayHint.refresh();
  }

  /** The last simulation of this document, if it belongs to the current version (none while it is withheld). */
  lastRun(uri: string): LastRunResult | null {
    if (this.withheld.has(uri)) return null;
    const doc = this.documents.get(uri);
    const run = this.states.get(uri)?.run ?? null;
    return doc && run && run.version === doc.version ? run : null;
  }

  changed(doc: TextDocument): void {
    const st = this.state(doc.uri);
    st.cancel.cancel();
    st.cancel = new CancelFlag();
    if (st.quickTimer) clearTimeout(st.quickTimer);
    if (st.simTimer) clearTimeout(st.simTimer);
    st.simTimer = null;
    const cancel = st.cancel;
    st.quickTimer = setTimeout(() => {
      st.quickTimer = null;
      if (!cancel.cancelled) this.quick(doc.uri, cancel);
    }, this.debounceMs);
  }

  closed(uri: string): void {
    const st = this.states.get(uri);
    if (st) {
      st.cancel.cancel();
      if (st.quickTimer) clearTimeout(st.quickTimer);
      if (st.simTimer) clearTimeout(st.simTimer);
    }
    this.states.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private state(uri: string): DocState {
    let st = this.states.get(uri);
    if (!st) {
      st = { analysis: null, quickTimer: null, simTimer: null, cancel: new CancelFlag(), run: null };
      this.states.set(uri, st);
    }
    return st;
  }

  private quick(uri: string, cancel: CancelFlag): void {
    const a = this.guard(() => this.analysis(uri), null);
    if (!a) return;
    const scenario = a.scenario;
    const notes = scenario ? this.guard(() => teachingNotes(scenario), []) : [];
    this.publish(a, [...a.diagnostics, ...notes]);
    this.setHealth('ready', 'LWP language server ready');
    const st = this.state(uri);
    if (!this.settings.simulate || !a.scenario) {
      st.run = null;
      return;
    }
    st.simTimer = setTimeout(() => {
      st.simTimer = null;
      if (!cancel.cancelled) void this.simulate(a, [...a.diagnostics, ...notes], cancel);
    }, this.simulateDelayMs);
  }

  private async simulate(a: Analysis, quick: readonly Diagnostic[], cancel: CancelFlag): Promise<void> {
    this.setHealth('busy', 'Simulating for diagnostics…');
    let outcome: Awaited<ReturnType<typeof simulateForDiagnostics>> = null;
    try {
      outcome = await simulateForDiagnostics(a, this.worker, cancel);
      this.setHealth('ready', 'LWP language server ready');
    } catch (err) {
      this.internalError(err);
    }
    // A newer edit arrived while simulating: its own pipeline will publish.
    if (!outcome || cancel.cancelled || this.documents.get(a.uri)?.version !== a.version) return;
    const st = this.state(a.uri);
    st.run = outcome.run;
    this.publish(a, this.withheld.has(a.uri) ? quick : [...quick, ...outcome.diagnostics]);
    void this.connection.sendNotification(SimulationDoneNotification.type, { uri: a.uri, version: a.version, status: outcome.run.status });
    if (this.client.inlayHintRefresh && this.settings.inlayHints) void this.connection.languages.inlayHint.refresh();
  }

  /** At most MAX_DIAGNOSTICS_PER_FILE: four million of them (a file of `}`) made a message too long to send, and killed the server. */
  private publish(a: Analysis, diagnostics: readonly Diagnostic[]): void {
    void this.connection.sendDiagnostics({ uri: a.uri, version: a.version, diagnostics: capDiagnostics(diagnostics, undefined, a.omitted).map((d) => toLspDiagnostic(d, a.lines, a.uri)) });
  }

  /** Runs one step; an internal error is logged and reported in the status bar, never fatal to the server. */
  private guard<T>(f: () => T, fallback: T): T {
    try {
      return f();
    } catch (err) {
      this.internalError(err);
      return fallback;
    }
  }

  private internalError(err: unknown): void {
    this.connection.console.error(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    this.setHealth('error', 'Internal error — see the LWP Language Server log');
  }

  private setHealth(health: ServerHealth, message: string): void {
    if (health === this.health && health !== 'error') return;
    this.health = health;
    void this.connection.sendNotification(ServerStatusNotification.type, { health, message });
  }
}

function clampMs(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.min(10_000, v)) : fallback;
}
