/**
 * The text Gantt chart of `lwp run`: one row per CPU, each column the state
 * that covered most of its time slice, a time axis and a legend; 80 columns.
 */
import { State, type Trace } from '../core/sim/result';
import { formatDuration } from '../core/units';

/** Glyph per CPU state class, in legend order. */
const CLASSES = [
  { ch: '#', name: 'user' },
  { ch: 'K', name: 'kernel' },
  { ch: '+', name: 'overhead' },
  { ch: '~', name: 'spinning' },
  { ch: '.', name: 'idle' },
] as const;

function classOf(state: number): number {
  if (state === State.CpuUser) return 0;
  if (state === State.CpuKernel) return 1;
  if (state === State.CpuSpin) return 3;
  if (state >= State.OverheadModeSwitch && state <= State.OverheadUpcall) return 2;
  return 4;
}

export function textGantt(trace: Trace, width = 80): string {
  const cpus = trace.lanes.filter((l) => l.kind === 'cpu').length;
  const end = trace.endTime;
  const label = Math.max(...trace.lanes.filter((l) => l.kind === 'cpu').map((l) => l.label.length), 5) + 1;
  const cols = Math.max(10, width - label - 2);
  if (cpus === 0 || end <= 0) return '(nothing ran)\n';
  const share = new Float64Array(cpus * cols * CLASSES.length);
  const per = end / cols;
  for (let i = 0; i < trace.count; i++) {
    const lane = trace.lane[i];
    if (lane >= cpus) continue;
    const s = trace.start[i];
    const e = trace.end[i];
    const k = classOf(trace.state[i]);
    let c = Math.min(cols - 1, Math.floor(s / per));
    while (c < cols) {
      const c0 = c * per;
      const c1 = c0 + per;
      const overlap = Math.min(e, c1) - Math.max(s, c0);
      if (overlap > 0) share[(lane * cols + c) * CLASSES.length + k] += overlap;
      if (e <= c1) break;
      c++;
    }
  }
  const rows: string[] = [];
  for (let lane = 0; lane < cpus; lane++) {
    let row = '';
    for (let c = 0; c < cols; c++) {
      let best = 4;
      let bestV = 0;
      for (let k = 0; k < CLASSES.length; k++) {
        // Busy states win ties against idle, so a short burst stays visible.
        const v = share[(lane * cols + c) * CLASSES.length + k];
        if (v > bestV || (v === bestV && v > 0 && k < best)) {
          best = k;
          bestV = v;
        }
      }
      row += CLASSES[best].ch;
    }
    rows.push(trace.lanes[lane].label.padEnd(label) + '|' + row + '|');
  }
  const left = '0';
  const mid = formatDuration(end / 2);
  const right = formatDuration(end);
  const axis = new Array<string>(cols + 2).fill(' ');
  const put = (at: number, s: string) => {
    for (let i = 0; i < s.length && at + i < axis.length; i++) axis[at + i] = s[i]!;
  };
  put(0, left);
  put(Math.max(left.length + 1, Math.floor((cols + 2) / 2 - mid.length / 2)), mid);
  put(cols + 2 - right.length, right);
  rows.push(' '.repeat(label) + axis.join(''));
  rows.push(' '.repeat(label) + CLASSES.map((k) => `${k.ch} ${k.name}`).join('  '));
  return rows.join('\n') + '\n';
}
