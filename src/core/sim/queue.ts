/**
 * The two priority queues of the simulator, both allocation-free per
 * operation: the event queue (ordered by time, then insertion sequence) and a
 * keyed heap of entities (ordered by priority, then a sequence number) used by
 * the kernel's run queue and each thread library's ready queue.
 */

/** Event kinds of the engine's queue. */
export const Ev = {
  /** A CPU's current segment ends (or its quantum expires). a = CPU, gen = CPU generation. */
  CpuEnd: 1,
  /** A kernel block (io, 1:1 sleep) ends. a = LWP id, gen = the LWP's block generation. */
  LwpTimer: 2,
  /** A library timer (sleep of a multiplexed thread) ends. a = thread id, gen = block generation. */
  ThreadTimer: 3,
  /** A declared thread starts. a = thread id. */
  ThreadStart: 4,
} as const;

/**
 * 4-ary min-heap of events keyed by (time, sequence), struct-of-arrays: the
 * keys and the payload live in the heap's own typed arrays, so a sift reads
 * the four children's times side by side instead of chasing slot indices.
 * Events are never removed: a cancelled event is recognised by its stale
 * generation when popped (the CPU or LWP it names has moved on), which keeps
 * cancellation O(1). Nothing is allocated per operation; the arrays double
 * when the number of pending events reaches a new high.
 */
export class EventQueue {
  private time = new Float64Array(256);
  private seq = new Float64Array(256);
  private kind = new Uint8Array(256);
  private arg = new Int32Array(256);
  private gen = new Int32Array(256);
  private nextSeq = 0;
  size = 0;

  // The popped event, read by the engine right after pop().
  outTime = 0;
  outKind = 0;
  outArg = 0;
  outGen = 0;

  push(time: number, kind: number, arg: number, gen: number): void {
    if (this.size === this.time.length) this.grow();
    const s = this.nextSeq++;
    const ht = this.time;
    const hs = this.seq;
    const hk = this.kind;
    const ha = this.arg;
    const hg = this.gen;
    let i = this.size++;
    // Sift up: a new event has the highest sequence, so it moves above a
    // parent only when strictly earlier.
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (!(time < pt)) break;
      ht[i] = pt;
      hs[i] = hs[p];
      hk[i] = hk[p];
      ha[i] = ha[p];
      hg[i] = hg[p];
      i = p;
    }
    ht[i] = time;
    hs[i] = s;
    hk[i] = kind;
    ha[i] = arg;
    hg[i] = gen;
  }

  /** Time of the next event, or Infinity. */
  peekTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  /** Removes the earliest event into out*; the caller checks size first. */
  pop(): void {
    const ht = this.time;
    const hs = this.seq;
    const hk = this.kind;
    const ha = this.arg;
    const hg = this.gen;
    this.outTime = ht[0];
    this.outKind = hk[0];
    this.outArg = ha[0];
    this.outGen = hg[0];
    const n = --this.size;
    if (n === 0) return;
    // Sift the last element down from the root.
    const lt = ht[n];
    const ls = hs[n];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let c = first;
      let ct = ht[first];
      let cs = hs[first];
      const stop = first + 4 < n ? first + 4 : n;
      for (let k = first + 1; k < stop; k++) {
        const kt = ht[k];
        if (kt < ct || (kt === ct && hs[k] < cs)) {
          c = k;
          ct = kt;
          cs = hs[k];
        }
      }
      if (!(ct < lt || (ct === lt && cs < ls))) break;
      ht[i] = ct;
      hs[i] = cs;
      hk[i] = hk[c];
      ha[i] = ha[c];
      hg[i] = hg[c];
      i = c;
    }
    ht[i] = lt;
    hs[i] = ls;
    hk[i] = hk[n];
    ha[i] = ha[n];
    hg[i] = hg[n];
  }

  private grow(): void {
    const n = this.time.length * 2;
    const time = new Float64Array(n);
    time.set(this.time);
    this.time = time;
    const seq = new Float64Array(n);
    seq.set(this.seq);
    this.seq = seq;
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const arg = new Int32Array(n);
    arg.set(this.arg);
    this.arg = arg;
    const gen = new Int32Array(n);
    gen.set(this.gen);
    this.gen = gen;
  }
}

/**
 * Max-priority heap of items; among equal priorities the lower sequence wins.
 * Callers pass an increasing sequence for "at the tail" and a decreasing
 * (negative) one for "at the head" of a priority level; with every priority
 * 0 it is a plain FIFO.
 */
export class KeyedHeap<T> {
  private items: T[] = [];
  private prio: number[] = [];
  private seq: number[] = [];
  private tail = 0;
  private head = 0;

  get size(): number {
    return this.items.length;
  }

  pushTail(item: T, priority: number): void {
    this.insert(item, priority, ++this.tail);
  }

  pushHead(item: T, priority: number): void {
    this.insert(item, priority, --this.head);
  }

  peek(): T | undefined {
    return this.items[0];
  }

  peekPriority(): number {
    return this.items.length ? this.prio[0] : -Infinity;
  }

  pop(): T | undefined {
    const items = this.items;
    const n = items.length;
    if (n === 0) return undefined;
    const top = items[0];
    const lastItem = items.pop()!;
    const lastP = this.prio.pop()!;
    const lastS = this.seq.pop()!;
    if (n > 1) {
      const prio = this.prio;
      const seq = this.seq;
      const m = n - 1;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= m) break;
        const r = l + 1;
        let c = l;
        if (r < m && (prio[r] > prio[l] || (prio[r] === prio[l] && seq[r] < seq[l]))) c = r;
        if (!(prio[c] > lastP || (prio[c] === lastP && seq[c] < lastS))) break;
        items[i] = items[c]!;
        prio[i] = prio[c]!;
        seq[i] = seq[c]!;
        i = c;
      }
      items[i] = lastItem;
      prio[i] = lastP;
      seq[i] = lastS;
    }
    return top;
  }

  /** Items in queue order (for reports; allocates). */
  toArray(): T[] {
    const idx = this.items.map((_, i) => i);
    idx.sort((a, b) => this.prio[b] - this.prio[a] || this.seq[a] - this.seq[b]);
    return idx.map((i) => this.items[i]);
  }

  private insert(item: T, priority: number, s: number): void {
    const items = this.items;
    const prio = this.prio;
    const seq = this.seq;
    let i = items.length;
    items.push(item);
    prio.push(priority);
    seq.push(s);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!(priority > prio[p] || (priority === prio[p] && s < seq[p]))) break;
      items[i] = items[p]!;
      prio[i] = prio[p]!;
      seq[i] = seq[p]!;
      i = p;
    }
    items[i] = item;
    prio[i] = priority;
    seq[i] = s;
  }
}
