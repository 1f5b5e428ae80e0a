/**
 * The statement interpreter: runs a thread's decoded code (code.ts) on its
 * LWP and CPU, turning each statement into actions of the other parts —
 * work for the kernel, waits and wake-ups on sync objects, library
 * operations, spawns and exits for the engine.
 *
 * Invariants: it returns to the CPU loop (kernel.advance) whenever something
 * must happen before the thread's next step: an overhead to pay (the LWP owes
 * one), a preemption requested by what the thread did, a segment started, a
 * block, or a stop; a statement that returns early leaves `phase` saying how
 * far it got, so running it again resumes there; every step counts against
 * the zero-time cap and the run's step cap.
 */
import { Op } from './code';
import type { Engine } from './engine';
import { Wait, type Cpu, type Lwp, type Thread } from './entities';
import { State } from './result';

export class Interpreter {
  constructor(private readonly sim: Engine) {}

  execute(c: Cpu, l: Lwp, t: Thread): void {
    const sim = this.sim;
    const loop = sim.loop;
    const kernel = sim.kernel;
    const syncs = sim.syncs;
    const code = t.code;
    const ops = code.ops;
    const operand = code.operand;
    const end = ops.length;
    const probe = sim.probe;
    for (;;) {
      if (l.owedCount > 0 || c.preemptPending || l.threadPreemptPending || loop.stop !== 'none') return;
      if (!loop.step()) {
        if (loop.stop === 'none') sim.stopAtZeroTime(t);
        return;
      }
      const pc = t.pc;
      if (pc >= end) {
        sim.exitThread(l, t);
        return;
      }
      if (probe !== null && t.phase === 0) probe.statement(t);
      switch (ops[pc]) {
        case Op.compute:
          if (t.phase === 0) {
            t.phase = 1;
            t.workLeft = operand[pc];
          }
          if (t.workLeft > 0) return kernel.startWork(c, l, t, State.CpuUser, State.ThreadRunning);
          t.phase = 0;
          t.pc++;
          break;
        case Op.syscall:
          if (t.phase === 0) {
            t.phase = 1;
            t.workLeft = operand[pc];
            if (kernel.modeSwitch(l)) return;
          }
          if (t.workLeft > 0) return kernel.startWork(c, l, t, State.CpuKernel, State.ThreadRunning);
          t.phase = 0;
          t.pc++;
          break;
        case Op.io:
          if (t.phase === 0) {
            t.phase = 1;
            if (kernel.modeSwitch(l)) return;
          }
          return kernel.block(c, l, t, Wait.Io, -1, operand[pc]);
        case Op.sleep:
          if (!t.direct) return t.process.library.park(l, t, Wait.Sleep, -1, operand[pc]);
          if (t.phase === 0) {
            t.phase = 1;
            if (kernel.modeSwitch(l)) return;
          }
          return kernel.block(c, l, t, Wait.Sleep, -1, operand[pc]);
        case Op.yield:
          if (t.direct) {
            if (t.phase === 0) {
              t.phase = 1;
              if (kernel.modeSwitch(l)) return;
            }
            t.phase = 0;
            t.pc++;
            if (kernel.yieldCpu(c, l)) return;
          } else {
            t.pc++;
            if (t.process.library.yieldThread(l, t)) return;
          }
          break;
        case Op.acquire:
          if (!syncs[operand[pc]].acquire(c, l, t)) return;
          break;
        case Op.release:
          if (!syncs[operand[pc]].release(l, t)) return;
          break;
        case Op.spawn:
          if (!this.spawn(l, t, pc)) return;
          break;
        case Op.join:
          if (!t.process.joins[operand[pc]].acquire(c, l, t)) return;
          break;
        case Op.loop: {
          const count = operand[pc];
          if (count === 0) {
            t.pc = code.operand2[pc];
            break;
          }
          if (count > 0) t.loops![pc] = count;
          t.pc++;
          break;
        }
        case Op.next: {
          const head = operand[pc];
          if (operand[head] < 0 || --t.loops![head] > 0) t.pc = head + 1;
          else t.pc++;
          break;
        }
      }
    }
  }

  /**
   * `spawn T * n`: per instance, the creation cost on the spawner's LWP, then
   * the instance (made on the statement's next run, so it exists only once
   * its cost is paid). False when the thread cannot go on now.
   */
  private spawn(l: Lwp, t: Thread, pc: number): boolean {
    const sim = this.sim;
    const p = t.process;
    const decl = p.ir.threads[t.code.operand[pc]];
    if (t.phase > 0) {
      const n = sim.newThread(p, decl.index, p.startedInstances[decl.index] + 1);
      if (n === null) return false;
      sim.threadLive(n);
      sim.startThread(n);
    }
    if (t.phase < t.code.operand2[pc]) {
      t.phase++;
      const cost = p.library.isDirect(decl) ? State.OverheadKernelCreate : State.OverheadUserCreate;
      if (sim.cost[cost] > 0) l.owe(cost);
      return true;
    }
    t.phase = 0;
    t.pc++;
    return true;
  }
}
