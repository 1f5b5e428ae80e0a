/** Which trace states the shown runs contain: the legend shows only these. */
import type { RunSection } from '../workerProtocol';

/** The states of every section (from the worker's `states` when it sent them, else one pass over the intervals). */
export function presentStates(sections: readonly RunSection[]): Set<number> {
  const out = new Set<number>();
  for (const sec of sections) {
    if (sec.states) {
      for (const s of sec.states) out.add(s);
      continue;
    }
    for (const s of statesOf(sec.index.state)) out.add(s);
  }
  return out;
}

/** The distinct values of a state column, in increasing order. */
export function statesOf(column: Uint8Array): number[] {
  const seen = new Uint8Array(256);
  for (let i = 0; i < column.length; i++) seen[column[i]] = 1;
  const out: number[] = [];
  for (let s = 0; s < 256; s++) if (seen[s]) out.push(s);
  return out;
}
