/**
 * How each trace state is drawn, shared by the webview chart and the SVG
 * exporter so a picture looks the same wherever it is made.
 *
 * Colours come from the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies); hue means the same thing on every lane kind
 * (green runs, yellow waits for a CPU, vermillion is blocked in the kernel,
 * purple waits on a sync object, sky blue sleeps/parks) and every overhead is
 * also hatched, so overhead never relies on colour alone.
 */
import { State, type StateValue } from '../sim/result';

/** A layout column whose pixel is shared by several intervals with no dominant state. Not a trace state. */
export const MIXED = 255;

export interface StateStyle {
  /** Short label for tooltips and exports (`blocked in kernel`). */
  readonly label: string;
  readonly light: string;
  readonly dark: string;
  /** Hatched (every overhead kind, spinning). */
  readonly pattern: boolean;
  /**
   * What the colour means, as the legend says it. States that share a colour
   * share this text (an LWP runnable and a thread ready both wait for a CPU),
   * and no two meanings share a colour, so one legend entry per colour is
   * never ambiguous.
   */
  readonly meaning: string;
  /** Drawn as the background, with no legend entry (an exited thread no longer exists, like one not yet created). */
  readonly blank: boolean;
}

function st(label: string, meaning: string, light: string, dark: string = light, pattern = false): StateStyle {
  return { label, meaning, light, dark, pattern, blank: false };
}

/*
 * One colour per meaning: Okabe–Ito for the states (green runs, blue kernel
 * mode, yellow waits for a CPU, vermillion blocked in the kernel, reddish
 * purple waits on a sync object, sky blue sleeps), hues of their own for
 * everything else. Every pair of distinct meanings is at least ΔE 25 apart
 * (CIELAB) in the light variants and 20 in the dark ones, so the legend's
 * "one colour, one meaning" holds by construction (test/unit/chart/palette.test.ts).
 */
export const STATE_STYLES: ReadonlyMap<number, StateStyle> = new Map<number, StateStyle>([
  [State.CpuIdle, st('idle', 'CPU idle', '#E3E3E3', '#3A3A3A')],
  [State.CpuUser, st('user mode', 'running user code', '#009E73')],
  [State.CpuKernel, st('kernel mode', 'kernel mode', '#0072B2', '#2F7FD0')],
  [State.CpuSpin, st('spinning', 'spinning', '#E69F00', '#E69F00', true)],
  [State.OverheadModeSwitch, st('mode switch', 'mode switch', '#7B2D8E', '#A050B8', true)],
  [State.OverheadKernelSwitch, st('kernel switch', 'kernel context switch', '#8B1A1A', '#B02A2A', true)],
  [State.OverheadAddressSpaceSwitch, st('address-space switch', 'address-space switch', '#7A4A1C', '#A86A30', true)],
  [State.OverheadUserSwitch, st('user switch', 'user-level switch', '#8FD14F', '#8FD14F', true)],
  [State.OverheadUserCreate, st('user create', 'user thread creation', '#1DBFBF', '#1DBFBF', true)],
  [State.OverheadKernelCreate, st('kernel create', 'kernel thread (LWP) creation', '#1B2A6B', '#3A45A8', true)],
  [State.OverheadUpcall, st('upcall', 'upcall', '#000000', '#FFFFFF', true)],
  [State.LwpRunning, st('running', 'running user code', '#009E73')],
  [State.LwpRunnable, st('runnable', 'waiting for a CPU', '#F0E442')],
  [State.LwpBlocked, st('blocked in kernel', 'blocked in the kernel', '#D55E00')],
  [State.LwpParked, st('parked', 'LWP parked (no thread to run)', '#B7B2E8', '#B7B2E8')],
  [State.ThreadRunning, st('running', 'running user code', '#009E73')],
  [State.ThreadReady, st('ready', 'waiting for a CPU', '#F0E442')],
  [State.ThreadStalled, st('stalled (LWP off CPU)', 'stalled (its LWP is off the CPU)', '#9C8F2E', '#9C8F2E', true)],
  [State.ThreadBlockedKernel, st('blocked in kernel', 'blocked in the kernel', '#D55E00')],
  [State.ThreadBlockedSync, st('waiting on sync', 'waiting on a sync object', '#CC79A7')],
  [State.ThreadSleeping, st('sleeping', 'sleeping', '#56B4E9')],
  [State.ThreadSpinning, st('spinning', 'spinning', '#E69F00', '#E69F00', true)],
  [State.ThreadExited, { ...st('exited', 'exited', '#FFFFFF', '#1E1E1E'), blank: true }],
  [MIXED, st('many short intervals (zoom in)', 'many short intervals (zoom in)', '#8A8A8A', '#8A8A8A', true)],
]);

/** Style of a state, or null for Absent / unknown values (drawn as background). */
export function styleOf(state: number): StateStyle | null {
  if (state === State.Absent) return null;
  return STATE_STYLES.get(state) ?? null;
}

/** Every state a lane kind can show, in legend order. */
export const LANE_STATES: { readonly cpu: readonly StateValue[]; readonly lwp: readonly StateValue[]; readonly thread: readonly StateValue[] } = {
  cpu: [
    State.CpuUser,
    State.CpuKernel,
    State.CpuSpin,
    State.OverheadModeSwitch,
    State.OverheadKernelSwitch,
    State.OverheadAddressSpaceSwitch,
    State.OverheadUserSwitch,
    State.OverheadUserCreate,
    State.OverheadKernelCreate,
    State.OverheadUpcall,
    State.CpuIdle,
  ],
  lwp: [State.LwpRunning, State.LwpRunnable, State.LwpBlocked, State.LwpParked],
  thread: [
    State.ThreadRunning,
    State.ThreadReady,
    State.ThreadStalled,
    State.ThreadBlockedKernel,
    State.ThreadBlockedSync,
    State.ThreadSleeping,
    State.ThreadSpinning,
    State.ThreadExited,
  ],
};

/** Name of a state for tooltips and exports (`CpuUser` → `user mode`). */
export function stateLabel(state: number): string {
  return styleOf(state)?.label ?? 'absent';
}

/** `#RRGGBB` → 0xAABBGGRR, the little-endian RGBA word an ImageData Uint32Array view holds. */
export function rgbaWord(hex: string, alpha = 255): number {
  const v = parseInt(hex.slice(1), 16);
  const r = (v >> 16) & 255;
  const g = (v >> 8) & 255;
  const b = v & 255;
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Mixes two `#RRGGBB` colours: `t` = 0 gives `a`, 1 gives `b`. */
export function mixHex(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const ch = (shift: number): number => Math.round(((pa >> shift) & 255) * (1 - t) + ((pb >> shift) & 255) * t);
  return '#' + ((1 << 24) | (ch(16) << 16) | (ch(8) << 8) | ch(0)).toString(16).slice(1).toUpperCase();
}

/** One legend entry: a colour and what it means, for the states of the run that use it. */
export interface LegendEntry {
  readonly meaning: string;
  readonly style: StateStyle;
  /** The states drawn in this colour that the run contains, in legend order (tooltips name them). */
  readonly states: readonly number[];
}

/**
 * The legend of what is on screen: one entry per colour among `present`
 * (states the shown runs contain; MIXED when a frame drew it), in legend
 * order, blank states left out. `omit` drops states drawn in other colours
 * (colour by thread paints running user code in the threads' colours).
 */
export function legendEntries(present: ReadonlySet<number>, omit: ReadonlySet<number> = new Set()): LegendEntry[] {
  const byMeaning = new Map<string, { style: StateStyle; states: number[] }>();
  for (const s of [...LANE_STATES.cpu, ...LANE_STATES.lwp, ...LANE_STATES.thread, MIXED]) {
    if (!present.has(s) || omit.has(s)) continue;
    const style = styleOf(s);
    if (!style || style.blank) continue;
    const e = byMeaning.get(style.meaning);
    if (e) e.states.push(s);
    else byMeaning.set(style.meaning, { style, states: [s] });
  }
  return [...byMeaning].map(([meaning, e]) => ({ meaning, style: e.style, states: e.states }));
}

/** The states user code runs in: coloured by thread under "Colour: thread". */
export const RUNNING_STATES: ReadonlySet<number> = new Set([State.CpuUser, State.LwpRunning, State.ThreadRunning]);

/** CIE76 colour difference of two `#RRGGBB` colours (about 2.3 is just noticeable; 20+ reads as another colour). */
export function deltaE(a: string, b: string): number {
  const p = lab(a);
  const q = lab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

function lab(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  const lin = (c: number): number => {
    const x = c / 255;
    return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  const r = lin((v >> 16) & 255);
  const g = lin((v >> 8) & 255);
  const b = lin(v & 255);
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/**
 * Paul Tol's "muted" qualitative scheme: the first candidates for the
 * threads' colours under "Colour: thread".
 */
export const THREAD_HUES: readonly string[] = ['#CC6677', '#332288', '#DDCC77', '#117733', '#88CCEE', '#882255', '#44AA99', '#999933', '#AA4499'];
/** Tol's "bright" and "vibrant" hues, tried after the muted ones and their variants. */
const MORE_HUES: readonly string[] = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377', '#0077BB', '#33BBEE', '#009988', '#EE7733', '#CC3311', '#EE3377'];
const THREAD_CANDIDATES: readonly string[] = [
  ...THREAD_HUES,
  ...MORE_HUES,
  ...THREAD_HUES.map((h) => mixHex(h, '#FFFFFF', 0.45)),
  ...THREAD_HUES.map((h) => mixHex(h, '#000000', 0.4)),
  ...MORE_HUES.map((h) => mixHex(h, '#000000', 0.45)),
];

/** Below this CIE76 difference two colours on screen could be taken for one another. */
export const MIN_DELTA_E = 25;

/**
 * Colours for `count` threads that differ from each other and from every
 * colour in `avoid` (the state colours on screen and the background) by at
 * least MIN_DELTA_E, in a fixed order so thread k always gets the same colour
 * in the same company. When the distinct candidates run out, colours repeat
 * (the legend then names the threads that share one).
 */
export function threadPalette(count: number, avoid: readonly string[]): string[] {
  const usable: string[] = [];
  for (const c of THREAD_CANDIDATES) {
    if (avoid.every((a) => deltaE(a, c) >= MIN_DELTA_E) && usable.every((u) => deltaE(u, c) >= MIN_DELTA_E)) usable.push(c);
  }
  if (usable.length === 0) usable.push(THREAD_HUES[0]);
  return Array.from({ length: count }, (_, k) => usable[k % usable.length]);
}
