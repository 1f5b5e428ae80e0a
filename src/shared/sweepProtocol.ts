/**
 * The protocol between the sweep view's host (extension) and its webview
 * (LANGUAGE.md §13, docs/sweeps.md). The host runs the sweep on worker
 * threads and sends the points; the webview draws them and asks the host to
 * open a point's Gantt chart or to cancel. Both sides validate what they
 * receive with the guards below. No other file spells a message type.
 */

/** How a parameter's values read: numbers on a linear axis (durations in ns), or words placed side by side. */
export type SweepUnit = 'count' | 'integer' | 'duration' | 'word';
export type SweepStatus = 'completed' | 'deadlock' | 'limit';

export interface SweepParamInfo {
  readonly name: string;
  readonly unit: SweepUnit;
}

/** The metrics the view can draw: every numeric metric of LANGUAGE.md §10, as `lwp run --json` names them. */
export const SWEEP_METRICS = [
  'makespan',
  'cpuUtilization',
  'usefulWork',
  'overhead',
  'spinTime',
  'kernelSwitches',
  'userSwitches',
  'modeSwitches',
  'upcalls',
  'sigwaiting',
  'lwpsCreated',
  'threadsCreated',
] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];
/** Metrics in ns (the others are counts, and `cpuUtilization` a share 0..1). */
export const DURATION_METRICS: readonly SweepMetric[] = ['makespan', 'usefulWork', 'overhead', 'spinTime'];

export interface SweepPointInfo {
  /** The values of the parameters, in their order. */
  readonly values: readonly (number | string)[];
  readonly status: SweepStatus;
  readonly metrics: Readonly<Record<SweepMetric, number>>;
}

/** Host → webview. `version` is the document version the sweep ran on. */
export type ToSweepView =
  | {
      readonly type: 'start';
      readonly title: string;
      readonly params: readonly SweepParamInfo[];
      readonly total: number;
      readonly version: number;
    }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly type: 'result';
      readonly version: number;
      readonly params: readonly SweepParamInfo[];
      readonly points: readonly SweepPointInfo[];
    }
  /** The sweep could not run: the file has errors, or a parameter no longer fits it. */
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'cancelled'; readonly done: number; readonly total: number };

/** Webview → host. */
export type FromSweepView =
  | { readonly type: 'ready' }
  /** A click on a point: open its Gantt chart (points are numbered as the host sent them). */
  | { readonly type: 'openPoint'; readonly index: number }
  | { readonly type: 'cancel' }
  /** Run the sweep again (after a cancel). */
  | { readonly type: 'rerun' }
  | { readonly type: 'error'; readonly message: string };

const MAX_TEXT = 8192;
const MAX_POINTS = 10_000;
const MAX_PARAMS = 16;
const UNITS: readonly string[] = ['count', 'integer', 'duration', 'word'];
const STATUSES: readonly string[] = ['completed', 'deadlock', 'limit'];

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown, max = Number.MAX_SAFE_INTEGER): x is number =>
  typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= max;
const isText = (x: unknown, max = MAX_TEXT): x is string => typeof x === 'string' && x.length <= max;
const isParam = (x: unknown): x is SweepParamInfo =>
  isObj(x) && isText(x.name, 512) && x.name.length > 0 && typeof x.unit === 'string' && UNITS.includes(x.unit);
const isParams = (x: unknown): x is readonly SweepParamInfo[] =>
  Array.isArray(x) && x.length >= 1 && x.length <= MAX_PARAMS && x.every(isParam);
const isValue = (x: unknown): boolean => (typeof x === 'number' && Number.isFinite(x)) || isText(x, 512);
const isPoint = (x: unknown, arity: number): x is SweepPointInfo =>
  isObj(x) &&
  Array.isArray(x.values) &&
  x.values.length === arity &&
  x.values.every(isValue) &&
  typeof x.status === 'string' &&
  STATUSES.includes(x.status) &&
  isObj(x.metrics) &&
  SWEEP_METRICS.every((m) => typeof (x.metrics as Obj)[m] === 'number' && Number.isFinite((x.metrics as Obj)[m]));

export function isToSweepView(x: unknown): x is ToSweepView {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'start':
      return isText(x.title, 1024) && isParams(x.params) && isCount(x.total, MAX_POINTS) && isCount(x.version);
    case 'progress':
    case 'cancelled':
      return isCount(x.done, MAX_POINTS) && isCount(x.total, MAX_POINTS) && x.done <= x.total;
    case 'result':
      return (
        isCount(x.version) &&
        isParams(x.params) &&
        Array.isArray(x.points) &&
        x.points.length <= MAX_POINTS &&
        x.points.every((p) => isPoint(p, (x.params as unknown[]).length))
      );
    case 'failed':
      return isText(x.message) && x.message.length > 0;
    default:
      return false;
  }
}

export function isFromSweepView(x: unknown): x is FromSweepView {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'cancel':
    case 'rerun':
      return true;
    case 'openPoint':
      return isCount(x.index, MAX_POINTS - 1);
    case 'error':
      return isText(x.message) && x.message.length > 0;
    default:
      return false;
  }
}
