/**
 * The debug adapter (src/debug/adapter.ts) → extension boundary: the custom
 * DAP event each stop sends, which the Run and Visualize panel of the same
 * file follows with its time cursor.
 */
export const DEBUG_TIME_EVENT = 'lwp/time';

export interface DebugTimeBody {
  /** Simulated time of the stop, ns. */
  readonly time: number;
  /** Events the run had handled. */
  readonly events: number;
  /** The scenario's file path (the launch's `program`). */
  readonly file: string;
}

export function isDebugTimeBody(x: unknown): x is DebugTimeBody {
  if (typeof x !== 'object' || x === null) return false;
  const b = x as Record<string, unknown>;
  return typeof b.time === 'number' && Number.isFinite(b.time) && b.time >= 0 && typeof b.events === 'number' && Number.isFinite(b.events) && typeof b.file === 'string' && b.file.length <= 4096;
}
