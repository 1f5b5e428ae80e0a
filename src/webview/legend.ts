/**
 * The legend of what is on screen: one swatch per colour the shown runs
 * contain (states that share a colour share a meaning, so one entry names
 * them), the markers the runs have, and under "Colour: thread" each thread's
 * name beside its colour. Titles and tooltips come from the concepts
 * glossary (the same words as the editor's hovers).
 */
import { conceptForState } from '../core/concepts/index';
import { legendEntries, MIXED, RUNNING_STATES, styleOf, type LegendEntry } from '../core/chart/palette';
import { EventKind, type StateValue } from '../core/sim/result';
import type { ColourBy } from '../shared/protocol';
import { MARKER_STYLE } from './chart/markers';
import { el } from './dom';

export interface LegendInput {
  readonly dark: boolean;
  readonly colourBy: ColourBy;
  /** Trace states the shown runs contain. */
  readonly states: ReadonlySet<number>;
  /** The chart shows the grey "many short intervals" hatch somewhere. */
  readonly mixed: boolean;
  /** Event kinds the shown runs contain. */
  readonly events: ReadonlySet<number>;
  /** Colour by thread: each thread's label and colour. */
  readonly threads: readonly { readonly label: string; readonly colour: string }[];
}

/** Threads named in the legend; more are summed up in one line (their lanes stay the key). */
const MAX_NAMED_THREADS = 40;

const MARKERS: readonly [number[], string, string][] = [
  [[EventKind.KernelSwitch], '▼', 'kernel switch'],
  [[EventKind.UserSwitch], '▼', 'user-level switch'],
  [[EventKind.Upcall], '●', 'upcall'],
  [[EventKind.ThreadCreate, EventKind.LwpCreate], '◆', 'creation'],
  [[EventKind.Sigwaiting], '■', 'SIGWAITING'],
  [[EventKind.Handoff], '■', 'hand-off'],
];

const LANE_KIND: Record<string, string> = { cpu: 'CPU', lwp: 'LWP', thread: 'thread' };

function entryTitle(e: LegendEntry): string {
  return e.states
    .map((s) => {
      const c = s === MIXED ? undefined : conceptForState(s as StateValue);
      const kind = s < 20 ? LANE_KIND.cpu : s < 40 ? LANE_KIND.lwp : LANE_KIND.thread;
      const name = s === MIXED ? e.meaning : `${kind}: ${styleOf(s)?.label ?? ''}`;
      return c ? `${name} — ${c.summary}` : name;
    })
    .join('\n');
}

function swatch(colour: string, hatched: boolean): HTMLElement {
  const sw = el('span', { class: `swatch${hatched ? ' hatched' : ''}` });
  sw.style.setProperty('--swatch', colour);
  return sw;
}

export function buildLegend(input: LegendInput): HTMLElement {
  const root = el('div', { class: 'legend', role: 'list', 'aria-label': 'Legend' });
  const present = new Set(input.states);
  if (input.mixed) present.add(MIXED);
  const byThread = input.colourBy === 'thread' && input.threads.length > 0;
  const entries = legendEntries(present, byThread ? RUNNING_STATES : new Set());
  const colours = el('div', { class: 'legend-group' });
  for (const e of entries) {
    colours.append(el('span', { class: 'legend-item', role: 'listitem', title: entryTitle(e) }, [swatch(input.dark ? e.style.dark : e.style.light, e.style.pattern), e.meaning]));
  }
  root.append(colours);
  if (byThread) {
    const named = input.threads.slice(0, MAX_NAMED_THREADS);
    const group = el('div', { class: 'legend-group legend-threads', 'aria-label': 'Threads running user code' }, [el('span', { class: 'legend-title', text: 'Running:' })]);
    for (const t of named) group.append(el('span', { class: 'legend-item', role: 'listitem', title: `${t.label} running user code (on its lane, its LWP and its CPU)` }, [swatch(t.colour, false), t.label]));
    if (input.threads.length > named.length) group.append(el('span', { class: 'legend-item', text: `and ${input.threads.length - named.length} more (each lane's name is its key)` }));
    root.append(group);
  }
  const marks = MARKERS.filter(([kinds]) => kinds.some((k) => input.events.has(k)));
  if (marks.length) {
    const group = el('div', { class: 'legend-group' }, [el('span', { class: 'legend-title', text: 'Markers' })]);
    for (const [kinds, symbol, text] of marks) {
      const mark = el('span', { class: 'marker-symbol', text: symbol });
      mark.style.color = MARKER_STYLE[kinds[0]]?.color ?? '';
      group.append(el('span', { class: 'legend-item', role: 'listitem' }, [mark, text]));
    }
    root.append(group);
  }
  return root;
}
