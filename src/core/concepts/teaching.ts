/**
 * Teaching notes: diagnostics that are not mistakes but explain what a
 * statement will do under this process's model — the point of the tool.
 * They come from the checked scenario, so they appear as fast as the
 * front-end diagnostics. Codes LWP9xxx are reserved for them (the front end's
 * table in diagnostics/codes.ts covers LWP1xxx–5xxx).
 */
import type { ProcessIR, Scenario } from '../check/ir';
import type { Diagnostic } from '../diagnostic';

export const TEACHING_CODES = {
  /** `io` in a many-to-one process with more than one thread. */
  ioBlocksProcess: 'LWP9001',
  /** Spinning on a spinlock in many-to-one: the holder may need the only LWP. */
  spinManyToOne: 'LWP9002',
  /** `io` in a many-to-many pool without upcalls or SIGWAITING. */
  ioShrinksPool: 'LWP9003',
} as const;

/** Most notes reported for one file: a generated scenario with thousands of `io` lines would otherwise flood the editor. */
export const MAX_TEACHING_NOTES = 200;

/** Threads that start on their own; spawned ones come on top at run time. */
function started(p: ProcessIR): number {
  return p.threads.reduce((n, t) => n + (t.spawned ? 0 : t.count), 0);
}

export function teachingNotes(s: Scenario): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of s.processes) {
    const spawns = p.threads.some((t) => t.spawned);
    const n = started(p) + (spawns ? 1 : 0);
    const all = spawns ? 'every thread' : `all ${n} threads`;
    for (const t of p.threads) {
      for (const ins of t.code) {
        if (out.length >= MAX_TEACHING_NOTES) return out;
        if (ins.op === 'io' && p.model === 'many-to-one' && n > 1) {
          out.push({
            code: TEACHING_CODES.ioBlocksProcess,
            severity: 'warning',
            message: `\`io\` blocks ${all} of this process: many-to-one has a single LWP, and it is blocked in the kernel until the call returns`,
            span: ins.span,
            data: { key: 'ioBlocksProcess', process: p.name },
          });
        } else if (ins.op === 'lock' && p.model === 'many-to-one' && n > 1 && s.syncs[ins.sync]?.kind === 'spinlock') {
          out.push({
            code: TEACHING_CODES.spinManyToOne,
            severity: 'warning',
            message: `spinning on \`${s.syncs[ins.sync].name}\` holds the process's only LWP: if another thread of this process holds it, that thread cannot run to free it`,
            span: ins.span,
            data: { key: 'spinManyToOne', process: p.name },
          });
        } else if (ins.op === 'io' && p.model === 'many-to-many' && !t.bound && !p.upcalls && !p.sigwaiting) {
          out.push({
            code: TEACHING_CODES.ioShrinksPool,
            severity: 'info',
            message: `\`io\` takes its LWP with it: the pool of ${p.lwps} runs one LWP short until the call returns (\`upcalls on\` or \`sigwaiting on\` replace it)`,
            span: ins.span,
            data: { key: 'ioShrinksPool', process: p.name },
          });
        }
      }
    }
  }
  return out;
}
