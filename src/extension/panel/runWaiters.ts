/**
 * The panels' test hook: the last `runFinished` each document's panel
 * received, and promises waiting for a later one. The extension host cannot
 * see inside a webview, so the integration suite asks here what the chart
 * reported (`_lwp.panel.waitForRun`). Keyed by the document URI's string form,
 * so a waiter may start before its panel exists.
 */
import type { FromWebview } from '../../shared/protocol';

export type RunFinished = Extract<FromWebview, { type: 'runFinished' }>;

interface Waiter {
  readonly afterVersion: number;
  readonly resolve: (m: RunFinished) => void;
}

/** Longest wait the hook accepts (a longer one is clamped), so a test cannot park a promise forever. */
export const MAX_WAIT_MS = 10 * 60_000;

export class RunWaiters {
  private readonly last = new Map<string, RunFinished>();
  private readonly waiting = new Map<string, Set<Waiter>>();

  /** A panel received `m` for the document `uri`. */
  finished(uri: string, m: RunFinished): void {
    this.last.set(uri, m);
    const set = this.waiting.get(uri);
    if (!set) return;
    for (const w of [...set]) {
      if (m.version > w.afterVersion) {
        set.delete(w);
        w.resolve(m);
      }
    }
    if (!set.size) this.waiting.delete(uri);
  }

  /** The panel of `uri` is gone: its last report no longer describes a chart. */
  forget(uri: string): void {
    this.last.delete(uri);
  }

  /**
   * The first `runFinished` of `uri` with a version above `afterVersion`: the
   * last one received if it qualifies, else the next that does; rejects after
   * `timeoutMs` saying what it waited for and what it last saw.
   */
  wait(uri: string, afterVersion: number, timeoutMs: number): Promise<RunFinished> {
    const seen = this.last.get(uri);
    if (seen && seen.version > afterVersion) return Promise.resolve(seen);
    const ms = Math.min(MAX_WAIT_MS, Math.max(0, timeoutMs));
    return new Promise<RunFinished>((resolve, reject) => {
      const set = this.waiting.get(uri) ?? new Set<Waiter>();
      this.waiting.set(uri, set);
      const timer = setTimeout(() => {
        set.delete(waiter);
        if (!set.size && this.waiting.get(uri) === set) this.waiting.delete(uri);
        const last = this.last.get(uri);
        const saw = last ? `the last run it reported was version ${last.version} (${last.status})` : 'it reported no run at all (is its panel open and its webview loaded?)';
        reject(new Error(`_lwp.panel.waitForRun: no chart run of ${uri} with a version above ${afterVersion} within ${ms} ms; ${saw}`));
      }, ms);
      const waiter: Waiter = {
        afterVersion,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      set.add(waiter);
    });
  }
}
