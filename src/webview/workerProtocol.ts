/**
 * Messages between the chart (main thread) and its simulation worker. The
 * trace's typed arrays and the lane index travel as transferables, so a
 * million-interval run crosses without a copy.
 */
import type { Diagnostic } from '../core/diagnostic';
import type { LaneIndex } from '../core/chart/laneIndex';
import type { LaneLod } from '../core/chart/lod';
import type { Span } from '../core/syntax/ast';
import type { RunResult } from '../core/sim/result';
import type { ChartMode } from '../shared/protocol';
import type { ModelName } from '../core/syntax/ast';

export interface WorkerRequest {
  readonly id: number;
  readonly text: string;
  readonly mode: ChartMode;
  /** A sweep point's settings (`cpus=2`), applied to the scenario before it runs; empty for the file as written. */
  readonly vary: readonly string[];
}

/** What the chart needs of the scenario besides the run: names and statement spans. */
export interface ScenarioInfo {
  readonly title: string | null;
  /** Sync object names by index (tooltips: "waiting on mutex cache"). */
  readonly syncs: readonly string[];
  /** Every statement's span, sorted by start (cursor → intervals, click → statement). */
  readonly statements: readonly Span[];
}

export interface RunSection {
  /** The model every process was run under (compare), or null for the file as written. */
  readonly model: ModelName | null;
  /** In compare: this run is the file's own (every process already uses `model`), shown first. */
  readonly asWritten?: boolean;
  /** The LWPs each process had, in words: `pool of 2 LWPs`, `1 LWP per thread`, `server: 1 LWP; client: pool of 3 LWPs`. */
  readonly pool?: string;
  /** The trace states the run contains, ascending (the legend shows only these). */
  readonly states?: readonly number[];
  readonly result: RunResult;
  readonly index: LaneIndex;
  /**
   * Per lane, the level-of-detail summaries (`core/chart/lod.ts`), built in
   * the worker after the index so the first frame of a big run is laid out
   * from them; absent when a section was built without them.
   */
  readonly lod?: readonly (LaneLod | null)[];
}

export type WorkerResponse =
  /** Sent once when the worker script has loaded (id 0): until then an error means it could not start. */
  | { readonly id: 0; readonly type: 'started' }
  | { readonly id: number; readonly type: 'progress'; readonly simulatedNs: number; readonly events: number }
  | { readonly id: number; readonly type: 'diagnostics'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly id: number; readonly type: 'done'; readonly info: ScenarioInfo; readonly sections: readonly RunSection[]; readonly diagnostics: readonly Diagnostic[]; readonly ms: number }
  | { readonly id: number; readonly type: 'failed'; readonly message: string };
