/**
 * A thread declaration's instructions decoded once into typed arrays, shared
 * by all its instances, so that the interpreter dispatches on small numbers
 * and reads operands from columns instead of instruction objects of eight
 * shapes.
 *
 * Invariants: one `Op` per IR instruction kind that the interpreter handles;
 * every statement on a sync object is `acquire` or `release` (the object
 * decides what that means: lock, wait, unlock, post), so a new kind of sync
 * object needs no new op code, only an entry in SYNC_OPS if its statement is
 * new; `src[n]` (one past the end) is -1, the source offset of "exited".
 */
import type { Instr, InstrOp } from '../check/ir';

/** Numeric op codes of the interpreter. */
export const Op = { compute: 0, syscall: 1, io: 2, sleep: 3, yield: 4, acquire: 5, release: 6, spawn: 7, join: 8, loop: 9, next: 10 } as const;

/** The IR's statements on sync objects, and what each does to its object. */
const SYNC_OPS: Partial<Record<InstrOp, number>> = { lock: Op.acquire, wait: Op.acquire, unlock: Op.release, post: Op.release, arrive: Op.acquire };

export class CodeTable {
  /** The op code of each instruction. */
  readonly ops: Uint8Array;
  /**
   * The main operand: the duration (compute, syscall, io, sleep), the sync
   * object's index (acquire, release), the thread declaration's index
   * (spawn, join), the iteration count (loop; -1 for `forever`) or the
   * index of the loop's head (next).
   */
  readonly operand: Float64Array;
  /** The second operand: the instances to make (spawn) or the index just past the loop (loop). */
  readonly operand2: Int32Array;
  /** Source offset of each instruction, and -1 one past the end. */
  readonly src: Int32Array;
  /** Some loop counts its iterations (`forever` ones count nothing): the instances need Thread.loops. */
  readonly hasCountedLoops: boolean;

  constructor(readonly instructions: readonly Instr[]) {
    const n = instructions.length;
    this.ops = new Uint8Array(n);
    this.operand = new Float64Array(n);
    this.operand2 = new Int32Array(n);
    this.src = new Int32Array(n + 1);
    let counted = false;
    for (let i = 0; i < n; i++) {
      const ins = instructions[i];
      this.src[i] = ins.span.start;
      switch (ins.op) {
        case 'compute':
        case 'syscall':
        case 'io':
        case 'sleep':
          this.ops[i] = Op[ins.op];
          this.operand[i] = ins.ns;
          break;
        case 'lock':
        case 'unlock':
        case 'wait':
        case 'post':
        case 'arrive':
          this.ops[i] = SYNC_OPS[ins.op]!;
          this.operand[i] = ins.sync;
          break;
        case 'spawn':
          this.ops[i] = Op.spawn;
          this.operand[i] = ins.thread;
          this.operand2[i] = ins.count;
          break;
        case 'join':
          this.ops[i] = Op.join;
          this.operand[i] = ins.thread;
          break;
        case 'loop':
          if (ins.count !== null && ins.count > 0) counted = true;
          this.ops[i] = Op.loop;
          this.operand[i] = ins.count === null ? -1 : ins.count;
          this.operand2[i] = ins.end;
          break;
        case 'next':
          this.ops[i] = Op.next;
          this.operand[i] = ins.loop;
          break;
        case 'yield':
          this.ops[i] = Op.yield;
          break;
      }
    }
    this.src[n] = -1;
    this.hasCountedLoops = counted;
  }
}
