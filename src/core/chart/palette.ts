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
  /** Short label for legends and tooltips. */
  readonly label: string;
  readonly light: string;
  readonly dark: string;
  /** Hatched (every overhead kind, spinning). */
  readonly pattern: boolean;
}

const OI = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

function st(label: string, light: string, dark: string = light, pattern = false): StateStyle {
  return { label, light, dark, pattern };
}

export const STATE_STYLES: ReadonlyMap<number, StateStyle> = new Map<number, StateStyle>([
  [State.CpuIdle, st('idle', '#ECECEC', '#2B2B2B')],
  [State.CpuUser, st('user mode', OI.green)],
  [State.CpuKernel, st('kernel mode', OI.blue, '#3C9BE0')],
  [State.CpuSpin, st('spinning', OI.orange, OI.orange, true)],
  [State.OverheadModeSwitch, st('mode switch', OI.purple, OI.purple, true)],
  [State.OverheadKernelSwitch, st('kernel switch', OI.vermillion, OI.vermillion, true)],
  [State.OverheadAddressSpaceSwitch, st('address-space switch', '#8E3B00', '#F08A4B', true)],
  [State.OverheadUserSwitch, st('user switch', OI.yellow, OI.yellow, true)],
  [State.OverheadUserCreate, st('user create', OI.sky, OI.sky, true)],
  [State.OverheadKernelCreate, st('kernel create', OI.blue, '#3C9BE0', true)],
  [State.OverheadUpcall, st('upcall', '#000000', '#FFFFFF', true)],
  [State.LwpRunning, st('running', OI.green)],
  [State.LwpRunnable, st('runnable', OI.yellow)],
  [State.LwpBlocked, st('blocked in kernel', OI.vermillion)],
  [State.LwpParked, st('parked', OI.sky)],
  [State.ThreadRunning, st('running', OI.green)],
  [State.ThreadReady, st('ready', OI.yellow)],
  [State.ThreadStalled, st('stalled (LWP off CPU)', '#B5A642', '#8F8636', true)],
  [State.ThreadBlockedKernel, st('blocked in kernel', OI.vermillion)],
  [State.ThreadBlockedSync, st('waiting on sync', OI.purple)],
  [State.ThreadSleeping, st('sleeping', OI.sky)],
  [State.ThreadSpinning, st('spinning', OI.orange, OI.orange, true)],
  [State.ThreadExited, st('exited', '#F5F5F5', '#242424')],
  [MIXED, st('many short intervals (zoom in)', '#7F7F7F', '#9A9A9A', true)],
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
