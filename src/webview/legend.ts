/**
 * The legend: one swatch per state, titled from the concepts glossary (the
 * same words as the editor's hovers), with the glossary's one-line summary
 * as its tooltip.
 */
import { conceptForState } from '../core/concepts/index';
import { LANE_STATES, MIXED, styleOf } from '../core/chart/palette';
import type { StateValue } from '../core/sim/result';
import type { ColourBy } from '../shared/protocol';
import { THREAD_HUES } from './chart/theme';
import { el } from './dom';

export function buildLegend(dark: boolean, colourBy: ColourBy = 'state'): HTMLElement {
  const groups: [string, readonly number[]][] = [
    ['CPU', LANE_STATES.cpu],
    ['LWP', LANE_STATES.lwp],
    ['Thread', LANE_STATES.thread],
    ['', [MIXED]],
  ];
  const root = el('div', { class: 'legend', role: 'list', 'aria-label': 'Legend' });
  for (const [name, states] of groups) {
    const g = el('div', { class: 'legend-group' }, [name ? el('span', { class: 'legend-title', text: name }) : null]);
    for (const s of states) {
      const style = styleOf(s);
      if (!style) continue;
      const concept = conceptForState(s as StateValue);
      const swatch = el('span', { class: `swatch${style.pattern ? ' hatched' : ''}` });
      swatch.style.setProperty('--swatch', dark ? style.dark : style.light);
      g.append(el('span', { class: 'legend-item', role: 'listitem', title: concept?.summary ?? style.label }, [swatch, concept?.title ?? style.label]));
    }
    root.append(g);
  }
  const markers = el('div', { class: 'legend-group' }, [
    el('span', { class: 'legend-title', text: 'Markers' }),
    el('span', { class: 'legend-item', text: '▼ switch' }),
    el('span', { class: 'legend-item', text: '● upcall' }),
    el('span', { class: 'legend-item', text: '◆ creation' }),
    el('span', { class: 'legend-item', text: '■ SIGWAITING' }),
  ]);
  root.append(markers);
  if (colourBy === 'thread') {
    // The hues are per thread, not per state: the key is the thread lanes themselves (and the tooltip).
    const hues = el('span', { class: 'legend-item' });
    for (const h of THREAD_HUES.slice(0, 5)) {
      const sw = el('span', { class: 'swatch' });
      sw.style.setProperty('--swatch', h);
      hues.append(sw);
    }
    root.append(
      el('div', { class: 'legend-group' }, [
        el('span', { class: 'legend-title', text: 'Colour: thread' }),
        hues,
        el('span', { class: 'legend-item', text: 'user mode and running take the colour of the user thread that runs (as on its thread lane); other states keep theirs' }),
      ]),
    );
  }
  return root;
}
