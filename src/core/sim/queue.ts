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
 * 4-ary min-heap of events keyed by (time, sequence). Events are never
 * removed: a cancelled event is recognised by its stale generation when popped
 * (the CPU or LWP it names has moved on), which keeps cancellation O(1).
 * Slots are recycled through a free list, so a run allocates only when the
 * number of pending events reaches a new high.
 */
export class EventQueue {
  private time = new Float64Array(64);
  private seq = new Float64Array(64);
  private kind = new Uint8Array(64);
  private arg = new Int32Array(64);
  private gen = new Int32Array(64);
  private heap = new Int32Array(64);
  private free = new Int32Array(64);
  private freeCount = 0;
  private slots = 0;
  private nextSeq = 0;
  size = 0;

  // The popped event, read by the engine right after pop().
  outTime = 0;
  outKind = 0;
  outArg = 0;
  outGen = 0;

  push(time: number, kind: number, arg: number, gen: number): void {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount]!;
    else {
      if (this.slots === this.time.length) this.growSlots();
      slot = this.slots++;
    }
    this.time[slot] = time;
    this.seq[slot] = this.nextSeq++;
    this.kind[slot] = kind;
    this.arg[slot] = arg;
    this.gen[slot] = gen;
    if (this.size === this.heap.length) {
      const h = new Int32Array(this.heap.length * 2);
      h.set(this.heap);
      this.heap = h;
    }
    let i = this.size++;
    const heap = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const ps = heap[p];
      if (!this.less(slot, ps)) break;
      heap[i] = ps;
      i = p;
    }
    heap[i] = slot;
  }

  /** Time of the next event, or Infinity. */
  peekTime(): number {
    return this.size > 0 ? this.time[this.heap[0]] : Infinity;
  }

  /** Removes the earliest event into out*; the caller checks size first. */
  pop(): void {
    const heap = this.heap;
    const top = heap[0];
    this.outTime = this.time[top]!;
    this.outKind = this.kind[top]!;
    this.outArg = this.arg[top]!;
    this.outGen = this.gen[top]!;
    this.free[this.freeCount++] = top;
    const last = heap[--this.size];
    const n = this.size;
    // A 4-ary heap: half the depth of a binary one, and the four children
    // of a node sit next to each other in memory.
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let c = first;
      let cs = heap[first];
      const stop = first + 4 < n ? first + 4 : n;
      for (let k = first + 1; k < stop; k++) {
        const ks = heap[k];
        if (this.less(ks, cs)) {
          c = k;
          cs = ks;
        }
      }
      if (!this.less(cs, last)) break;
      heap[i] = cs;
      i = c;
    }
    heap[i] = last;
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a];
    const tb = this.time[b];
    return ta < tb || (ta === tb && this.seq[a] < this.seq[b]);
  }

  private growSlots(): void {
    const n = this.time.length * 2;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.time = grow(this.time, (k) => new Float64Array(k));
    this.seq = grow(this.seq, (k) => new Float64Array(k));
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
    this.arg = grow(this.arg, (k) => new Int32Array(k));
    this.gen = grow(this.gen, (k) => new Int32Array(k));
    this.free = grow(this.free, (k) => new Int32Array(k));
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
