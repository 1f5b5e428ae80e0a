/**
 * What the result needs of every thread ever made (its metrics, its name),
 * in columns indexed by thread id: the engine drops a thread's object when
 * it exits, so that the tens of thousands a long run spawns die young
 * instead of being kept (and copied by every collection) to the end. Its
 * times are the trace's (TraceBuilder.threadTime).
 */
import { withLength } from '../typed';

export class ThreadRecords {
  count = 0;
  /** Process index, declaration index within it, 1-based instance number. */
  process: Int32Array;
  decl: Int32Array;
  instance: Int32Array;
  /** Time started and exited, -1 before. */
  started: Float64Array;
  finish: Float64Array;

  /** `capacity`: the threads expected (the columns double beyond it). */
  constructor(capacity: number) {
    const n = Math.max(1, capacity);
    this.process = new Int32Array(n);
    this.decl = new Int32Array(n);
    this.instance = new Int32Array(n);
    this.started = new Float64Array(n);
    this.finish = new Float64Array(n);
  }

  /** Records a new thread (neither started nor exited) and returns its id. */
  add(process: number, decl: number, instance: number): number {
    const id = this.count++;
    if (id === this.process.length) {
      const n = 2 * id;
      this.process = withLength(this.process, n);
      this.decl = withLength(this.decl, n);
      this.instance = withLength(this.instance, n);
      this.started = withLength(this.started, n);
      this.finish = withLength(this.finish, n);
    }
    this.process[id] = process;
    this.decl[id] = decl;
    this.instance[id] = instance;
    this.started[id] = -1;
    this.finish[id] = -1;
    return id;
  }
}
