/**
 * Teaching notes: diagnostics that are not mistakes but explain what a
 * statement will do under this process's model — the point of the tool.
 * They come from the checked scenario, so they appear as fast as the
 * front-end diagnostics. Their rows (LWP9xxx) are in the one code table,
 * diagnostics/codes.ts.
 */
import type { ProcessIR, Scenario } from '../check/ir';
import type { Diagnostic } from '../diagnostic';
import { CODES, makeDiagnostic } from '../diagnostics/codes';

export const TEACHING_CODES = {
  /** `io` in a many-to-one process with more than one thread. */
  ioBlocksProcess: CODES.ioBlocksProcess.code,
  /** Spinning on a spinlock in many-to-one: the holder may need the only LWP. */
  spinManyToOne: CODES.spinManyToOne.code,
  /** `io` in a many-to-many pool without upcalls or SIGWAITING. */
  ioShrinksPool: CODES.ioShrinksPool.code,
  /** A `priority` on a thread with its own LWP (one-to-one, bound) under a kernel policy that ignores priorities. */
  priorityIgnored: CODES.priorityIgnored.code,
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
      // On an LWP of its own a thread is scheduled by the kernel alone, so only a priority kernel policy reads its priority.
      if (t.priority !== 0 && (p.model === 'one-to-one' || t.bound) && s.kernel.policy !== 'priority' && out.length < MAX_TEACHING_NOTES) {
        out.push(makeDiagnostic('priorityIgnored', t.nameSpan, [`${p.name}.${t.name}`, t.priority, s.kernel.policy], { data: { process: p.name } }));
      }
      for (const ins of t.code) {
        if (out.length >= MAX_TEACHING_NOTES) return out;
        if (ins.op === 'io' && p.model === 'many-to-one' && n > 1) {
          out.push(makeDiagnostic('ioBlocksProcess', ins.span, [all], { data: { process: p.name } }));
        } else if (ins.op === 'lock' && p.model === 'many-to-one' && n > 1 && s.syncs[ins.sync]?.kind === 'spinlock') {
          out.push(makeDiagnostic('spinManyToOne', ins.span, [s.syncs[ins.sync].name], { data: { process: p.name } }));
        } else if (ins.op === 'io' && p.model === 'many-to-many' && !t.bound && !p.upcalls && !p.sigwaiting && p.handoff === null) {
          out.push(makeDiagnostic('ioShrinksPool', ins.span, [p.lwps], { data: { process: p.name } }));
        }
      }
    }
  }
  return out;
}
