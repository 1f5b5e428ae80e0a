/**
 * The one protocol between the panel host (extension) and the chart webview.
 * Both sides validate what they receive with the guards below; the webview
 * sends `ready` before the host sends anything (until then the host holds its
 * messages back). No other file spells a message type.
 */
import type { RunStatus } from '../core/sim/result';

export type ChartMode = 'run' | 'compare';
/** Colour of lane pixels running user code: by state (green) or by the user thread that runs (one hue per thread). */
export type ColourBy = 'state' | 'thread';
export type ExportFormat = 'svg' | 'png' | 'html' | 'perfetto';
/** Formats the webview renders itself; `html` needs the bundle files, so the host builds it. */
export type WebviewExportFormat = Exclude<ExportFormat, 'html'>;
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'html', 'perfetto'];
const WEBVIEW_EXPORT_FORMATS: readonly string[] = ['svg', 'png', 'perfetto'];
const MODES: readonly string[] = ['run', 'compare'];
const THEMES: readonly string[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];
const RUN_STATUSES: readonly string[] = ['completed', 'deadlock', 'limit'];
const STATUSES: readonly string[] = [...RUN_STATUSES, 'error', 'cancelled'];
const MODEL_NAMES: readonly string[] = ['one-to-one', 'many-to-one', 'many-to-many'];

/** Largest export the host accepts from the webview, in UTF-16 code units (256 Mi): bigger than any chart file, smaller than the host's string limit. */
export const MAX_EXPORT_CHARS = 256 * 1024 * 1024;
/** Largest source the host sends (the front end's own cap, MAX_FILE_SIZE, is lower). */
export const MAX_SOURCE_CHARS = 64 * 1024 * 1024;
const MAX_NAME = 255;
/** Standard base64 (what a canvas's data URL carries), the only text a base64 export may hold. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

// ---------------------------------------------------------------------------
// Host → webview

export type ToWebview =
  /** The document to simulate and draw; sent on open and on every (debounced) edit. `uri` is a display label; `documentUri` (optional) the full URI, saved in the view state so a reloaded panel finds its file. */
  | { readonly type: 'source'; readonly uri: string; readonly text: string; readonly version: number; readonly mode?: ChartMode; readonly documentUri?: string; readonly vary?: readonly string[] }
  /** The editor's cursor moved: highlight the intervals of the statement under it (null: none). */
  | { readonly type: 'cursor'; readonly offset: number | null }
  /** Switch view / re-run (the Run and Compare commands on an open panel). */
  | { readonly type: 'run'; readonly mode: ChartMode }
  /** The Export command: render this format and answer with `exportFile`. */
  | { readonly type: 'export'; readonly format: WebviewExportFormat }
  | { readonly type: 'theme'; readonly kind: ThemeKind }
  /** "Predict Then Run": hide the run and ask the scenario's questions first; the chart shows once the learner reveals it. */
  | { readonly type: 'predict' }
  /** A debug session of this file stopped at `time` (ns): draw a cursor there and grey the future; null: the session ended. */
  | { readonly type: 'debugTime'; readonly time: number | null };

// ---------------------------------------------------------------------------
// Webview → host

export type RunOutcome = RunStatus | 'error' | 'cancelled';

/** One run the chart shows (compare: one per model, the file's own first), for the status bar. */
export interface RunSummary {
  /** The model every process ran under, or null for the file as written. */
  readonly model: string | null;
  readonly status: RunStatus;
  readonly makespan: number;
}

export type FromWebview =
  /** The webview has loaded and listens: the host may send. */
  | { readonly type: 'ready' }
  /** The user clicked an interval or a stuck statement: select this range (UTF-16 offsets) in the editor. */
  | { readonly type: 'revealSource'; readonly start: number; readonly end: number }
  /** A run ended and the chart drew it (status bar, test hook). `makespan` in ns, null when nothing ran; `lanes`: lanes the chart now draws (CPU + LWP + thread lanes, all sections), 0 when nothing is drawn. */
  | { readonly type: 'runFinished'; readonly version: number; readonly mode: ChartMode; readonly status: RunOutcome; readonly makespan: number | null; readonly lanes: number; readonly runs?: readonly RunSummary[] }
  /** An export the webview rendered: the host asks where to save it and writes it. */
  | { readonly type: 'exportFile'; readonly format: WebviewExportFormat; readonly content: string; readonly encoding: 'utf8' | 'base64'; readonly suggestedName: string }
  /** The user asked for the standalone HTML: the host builds it from the bundle and the source. */
  | { readonly type: 'exportHtml' }
  /** The learner answered the questions and revealed the run: how many were right (progress, test hook). */
  | { readonly type: 'quizRevealed'; readonly right: number; readonly total: number }
  /** Something failed in the webview (a script error, the worker, an export): shown in the panel and logged by the host. `message` is plain words for the log. */
  | { readonly type: 'error'; readonly message: string };

/** Longest error text the host accepts (a stack trace fits; a runaway string does not). */
export const MAX_ERROR_CHARS = 8192;

// ---------------------------------------------------------------------------
// Guards: every field checked, nothing extra trusted.

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isOffset = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isStr = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const oneOf = (x: unknown, options: readonly string[]): boolean => typeof x === 'string' && options.includes(x);
/** Most runs a runFinished lists (compare shows at most four). */
const MAX_RUNS = 8;
const isRunSummary = (x: unknown): x is RunSummary =>
  isObj(x) && (x.model === null || oneOf(x.model, MODEL_NAMES)) && oneOf(x.status, RUN_STATUSES) && typeof x.makespan === 'number' && Number.isFinite(x.makespan) && x.makespan >= 0;

/** Most parameters one sweep point sets, and the longest `NAME=VALUE` of one. */
export const MAX_VARY = 16;
const MAX_VARY_CHARS = 512;
/** A sweep point's settings (`cpus=2`, `server.lwps=3`): the chart runs the file with them (LANGUAGE.md §13). */
export const isVary = (x: unknown): x is readonly string[] => Array.isArray(x) && x.length <= MAX_VARY && x.every((v) => isStr(v, MAX_VARY_CHARS) && v.includes('='));

/** A file name for a save dialog: no folders, no control characters. */
export function isSafeFileName(x: unknown): x is string {
  // eslint-disable-next-line no-control-regex
  return isStr(x, MAX_NAME) && x.length > 0 && !/[/\\\u0000-\u001f]/.test(x) && x !== '.' && x !== '..';
}

export function isFromWebview(x: unknown): x is FromWebview {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'exportHtml':
      return true;
    case 'revealSource':
      return isOffset(x.start) && isOffset(x.end) && x.end >= x.start;
    case 'runFinished':
      return (
        isOffset(x.version) &&
        oneOf(x.mode, MODES) &&
        oneOf(x.status, STATUSES) &&
        (x.makespan === null || (typeof x.makespan === 'number' && Number.isFinite(x.makespan) && x.makespan >= 0)) &&
        isOffset(x.lanes) &&
        (x.runs === undefined || (Array.isArray(x.runs) && x.runs.length <= MAX_RUNS && x.runs.every(isRunSummary)))
      );
    case 'quizRevealed':
      return isOffset(x.right) && isOffset(x.total) && x.right <= x.total;
    case 'error':
      return isStr(x.message, MAX_ERROR_CHARS) && x.message.length > 0;
    case 'exportFile':
      return oneOf(x.format, WEBVIEW_EXPORT_FORMATS) && isStr(x.content, MAX_EXPORT_CHARS) && oneOf(x.encoding, ['utf8', 'base64']) && (x.encoding !== 'base64' || BASE64.test(x.content)) && isSafeFileName(x.suggestedName);
    default:
      return false;
  }
}

export function isToWebview(x: unknown): x is ToWebview {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'source':
      return (
        isStr(x.uri, 4096) &&
        isStr(x.text, MAX_SOURCE_CHARS) &&
        isOffset(x.version) &&
        (x.mode === undefined || oneOf(x.mode, MODES)) &&
        (x.documentUri === undefined || isStr(x.documentUri, 4096)) &&
        (x.vary === undefined || isVary(x.vary))
      );
    case 'cursor':
      return x.offset === null || isOffset(x.offset);
    case 'run':
      return oneOf(x.mode, MODES);
    case 'export':
      return oneOf(x.format, WEBVIEW_EXPORT_FORMATS);
    case 'theme':
      return oneOf(x.kind, THEMES);
    case 'predict':
      return true;
    case 'debugTime':
      return x.time === null || (typeof x.time === 'number' && Number.isFinite(x.time) && x.time >= 0);
    default:
      return false;
  }
}

/** What the webview saves with `setState` and the serializer hands back after a reload. */
export interface ViewState {
  /** The document's URI (string form), so a revived panel finds its file. */
  readonly uri: string;
  readonly mode: ChartMode;
  /** Visible time range in ns, or null for "fit the whole run". */
  readonly range: readonly [number, number] | null;
  readonly scrollY: number;
  /** Selected thread lane label (`server.worker#2`), or null. */
  readonly selected: string | null;
  readonly tableView: boolean;
  /** What lane pixels running user code are coloured by (absent in states saved before the toggle existed: 'state'). */
  readonly colourBy?: ColourBy;
  /** The label column's width the user dragged it to, CSS px, or null/absent to fit the labels. */
  readonly labelWidth?: number | null;
}

export function isViewState(x: unknown): x is ViewState {
  if (!isObj(x)) return false;
  const r = x.range;
  const rangeOk =
    r === null || (Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number' && Number.isFinite(v)) && (r[1] as number) > (r[0] as number));
  return (
    isStr(x.uri, 4096) &&
    oneOf(x.mode, MODES) &&
    rangeOk &&
    typeof x.scrollY === 'number' &&
    Number.isFinite(x.scrollY) &&
    (x.selected === null || isStr(x.selected, 4096)) &&
    typeof x.tableView === 'boolean' &&
    (x.colourBy === undefined || oneOf(x.colourBy, ['state', 'thread'])) &&
    (x.labelWidth === undefined || x.labelWidth === null || (typeof x.labelWidth === 'number' && Number.isFinite(x.labelWidth) && x.labelWidth > 0 && x.labelWidth <= 10_000))
  );
}
