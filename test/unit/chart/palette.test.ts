import { strict as assert } from 'node:assert';
import { deltaE, legendEntries, LANE_STATES, MIN_DELTA_E, MIXED, STATE_STYLES, styleOf, threadPalette } from '../../../src/core/chart/palette';
import { State } from '../../../src/core/sim/result';

const ALL = [...LANE_STATES.cpu, ...LANE_STATES.lwp, ...LANE_STATES.thread, MIXED];

describe('chart palette: one colour, one meaning', () => {
  it('states share a colour exactly when they share a meaning, in light and dark', () => {
    for (const a of ALL) {
      for (const b of ALL) {
        if (a >= b) continue;
        const sa = styleOf(a)!;
        const sb = styleOf(b)!;
        if (sa.blank || sb.blank) continue;
        if (sa.meaning === sb.meaning) {
          assert.deepEqual([sa.light, sa.dark, sa.pattern], [sb.light, sb.dark, sb.pattern], `${sa.meaning}: ${a} and ${b} look alike`);
        } else {
          assert.ok(deltaE(sa.light, sb.light) >= 25, `light: ${sa.meaning} ${sa.light} vs ${sb.meaning} ${sb.light}: ΔE ${deltaE(sa.light, sb.light).toFixed(1)}`);
          assert.ok(deltaE(sa.dark, sb.dark) >= 20, `dark: ${sa.meaning} ${sa.dark} vs ${sb.meaning} ${sb.dark}: ΔE ${deltaE(sa.dark, sb.dark).toFixed(1)}`);
        }
      }
    }
  });

  it('the legend has one entry per colour among the states present, none for blank or absent ones', () => {
    const e = legendEntries(new Set([State.CpuUser, State.LwpRunning, State.ThreadRunning, State.LwpRunnable, State.ThreadReady, State.ThreadExited, State.Absent]));
    assert.deepEqual(
      e.map((x) => [x.meaning, x.states]),
      [
        ['running user code', [State.CpuUser, State.LwpRunning, State.ThreadRunning]],
        ['waiting for a CPU', [State.LwpRunnable, State.ThreadReady]],
      ],
    );
    assert.deepEqual(legendEntries(new Set()), []);
    assert.equal(STATE_STYLES.get(State.ThreadExited)?.blank, true);
  });

  it('thread colours stand apart from each other and from the state colours they must avoid', () => {
    const avoid = ['#FFFFFF', ...[...STATE_STYLES.values()].filter((s) => !s.blank && s.meaning !== 'running user code').map((s) => s.light)];
    const p = threadPalette(40, avoid);
    const distinct = [...new Set(p)];
    assert.ok(distinct.length >= 8, `${distinct.length} distinct thread colours`);
    for (const c of distinct) for (const a of avoid) assert.ok(deltaE(c, a) >= MIN_DELTA_E, `${c} vs ${a}`);
    for (let i = 0; i < distinct.length; i++) for (let j = i + 1; j < distinct.length; j++) assert.ok(deltaE(distinct[i], distinct[j]) >= MIN_DELTA_E);
    assert.deepEqual(threadPalette(3, avoid), p.slice(0, 3), 'thread k gets the same colour in the same company');
  });
});
