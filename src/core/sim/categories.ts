/**
 * The time categories every lane sums its states into (what the metrics
 * read): CPU lanes 0 idle, 1 useful (user + kernel work), 2 overhead, 3
 * spinning; thread lanes 0 running (running or spinning), 1 ready (ready or
 * stalled), 2 blocked (kernel, sync, sleeping), 3 anything else (absent,
 * exited; LWP lanes).
 */
import { State, STATE_COUNT } from './result';

export const CATEGORY = (() => {
  const c = new Uint8Array(STATE_COUNT).fill(3);
  c[State.CpuIdle] = 0;
  c[State.CpuUser] = 1;
  c[State.CpuKernel] = 1;
  for (let s: number = State.OverheadModeSwitch; s <= State.OverheadUpcall; s++) c[s] = 2;
  c[State.CpuSpin] = 3;
  c[State.ThreadRunning] = 0;
  c[State.ThreadSpinning] = 0;
  c[State.ThreadReady] = 1;
  c[State.ThreadStalled] = 1;
  c[State.ThreadBlockedKernel] = 2;
  c[State.ThreadBlockedSync] = 2;
  c[State.ThreadSleeping] = 2;
  return c;
})();

/** Categories per lane. */
export const CATS = 4;
