/**
 * The two priority queues of the simulator, both allocation-free per
 * operation: the event queue (ordered by time, then insertion sequence) and a
 * keyed heap of entities (ordered by priority, then a sequence number) used by
 * the kernel's run queue and each thread library's ready queue.
 *
 * With traceBuilder.ts, the one place of the simulator that allows layout
 * tricks (struct-of-arrays, a tournament tree, branch-free selects), each
 * behind the methods below.
 */
import { powerOfTwoAtLeast, withLength } from '../typed';

/**
 * The event queue: events ordered by (time, insertion sequence), popped in
 * exactly that order. Two structures hold them:
 *
 * - Slotted events (one kind, e.g. a CPU's segment end, keyed by a small
 *   number such as the CPU): the newest one per slot sits in that slot, and a
 *   tournament tree over the slots keeps the earliest at its root. These are
 *   almost every event of a run; pushing a slot's next event right after its
 *   last one was popped costs one walk up the tree (log2 of the slots).
 * - Everything else, and a slot's older event when a newer one replaces it,
 *   in a 4-ary min-heap.
 *
 * Events are never removed: a cancelled event is recognised by its stale
 * generation when popped (the CPU or LWP it names has moved on), which keeps
 * cancellation O(1). Since a displaced slot event keeps its time and
 * sequence, the order of pops does not depend on where an event was kept.
 * Nothing is allocated per operation.
 */
export class EventQueue {
  // 4-ary heap, struct-of-arrays: the keys and the payload live in the
  // heap's own typed arrays, so a sift reads the four children's times side
  // by side. The arrays double when the heap reaches a new high.
  private time = new Float64Array(256);
  private seq = new Float64Array(256);
  private kind = new Uint8Array(256);
  private arg = new Int32Array(256);
  private gen = new Int32Array(256);
  private heapSize = 0;
  private nextSeq = 0;
  /** Events pending, slotted and in the heap. */
  size = 0;

  // Slots, in a tournament tree stored as an implicit binary tree: node i
  // has children 2i and 2i + 1, slot c is leaf P + c (P a power of two), and
  // every node holds the time, sequence and slot of the earliest event below
  // it (time and sequence Infinity: none), so the root holds the earliest
  // slotted event. `dirty` is a slot whose event was popped but
  // whose path is not yet replayed: the engine usually pushes that slot's
  // next event at once, and one walk then does for both.
  private readonly slotCount: number;
  private readonly leaves: number;
  private readonly nodeTime: Float64Array;
  private readonly nodeSeq: Float64Array;
  private readonly nodeSlot: Int32Array;
  private readonly slotGeneration: Int32Array;
  private dirty = -1;

  // The popped event, read by the engine right after pop().
  outTime = 0;
  outType = 0;
  outSubject = 0;
  outGeneration = 0;

  /** Events of kind `slotKind` with an arg below `slots` are slotted by their arg; -1 / 0 for none. */
  constructor(
    private readonly slotKind = -1,
    slots = 0,
  ) {
    const p = powerOfTwoAtLeast(slots);
    this.slotCount = slots;
    this.leaves = p;
    this.nodeTime = new Float64Array(2 * p).fill(Infinity);
    this.nodeSeq = new Float64Array(2 * p).fill(Infinity);
    this.nodeSlot = new Int32Array(2 * p);
    this.slotGeneration = new Int32Array(p);
    for (let i = 0; i < p; i++) this.nodeSlot[p + i] = i;
    for (let i = p - 1; i >= 1; i--) this.nodeSlot[i] = this.nodeSlot[2 * i];
  }

  push(time: number, kind: number, arg: number, gen: number): void {
    const s = this.nextSeq++;
    this.size++;
    if (kind === this.slotKind && arg < this.slotCount) {
      const d = this.dirty;
      if (d >= 0 && d !== arg) this.replay(d);
      this.dirty = -1;
      const leaf = this.leaves + arg;
      // An older event still in the slot moves to the heap (unchanged keys).
      if (this.nodeSeq[leaf] !== Infinity) this.heapPush(this.nodeTime[leaf], this.nodeSeq[leaf], kind, arg, this.slotGeneration[arg]);
      this.nodeTime[leaf] = time;
      this.nodeSeq[leaf] = s;
      this.slotGeneration[arg] = gen;
      this.replay(arg);
      return;
    }
    this.heapPush(time, s, kind, arg, gen);
  }

  /** Time of the next event, or Infinity. */
  peekTime(): number {
    if (this.dirty >= 0) this.flushDirty();
    const t = this.nodeTime[1];
    if (this.heapSize > 0 && this.time[0] < t) return this.time[0];
    return t;
  }

  /** Removes the earliest event into out*; the caller checks size first. */
  pop(): void {
    if (this.dirty >= 0) this.flushDirty();
    this.size--;
    const st = this.nodeTime[1];
    if (this.heapSize > 0) {
      const ht = this.time[0];
      if (ht < st || (ht === st && this.seq[0] < this.nodeSeq[1])) {
        this.heapPop();
        return;
      }
    }
    const w = this.nodeSlot[1];
    this.outTime = st;
    this.outType = this.slotKind;
    this.outSubject = w;
    this.outGeneration = this.slotGeneration[w];
    const leaf = this.leaves + w;
    this.nodeTime[leaf] = Infinity;
    this.nodeSeq[leaf] = Infinity;
    this.dirty = w;
  }

  private flushDirty(): void {
    const d = this.dirty;
    this.dirty = -1;
    this.replay(d);
  }

  /**
   * Recomputes the nodes on the path from slot c's leaf to the root. Each
   * parent copies the earlier of its two (adjacent) children, the child
   * chosen without a branch, by indexing with the comparison's result (0:
   * left, 1: right): which child wins is close to a coin toss, and a
   * mispredicted branch per level cost more than the extra reads (measured
   * on the bench's queue operations, docs/performance.md). The right child
   * wins only if strictly earlier, so of two empty children the left one is
   * copied; the slot of an empty node is never read.
   */
  private replay(c: number): void {
    const nt = this.nodeTime;
    const ns = this.nodeSeq;
    const nw = this.nodeSlot;
    let i = this.leaves + c;
    while (i > 1) {
      const l = i & ~1;
      const tl = nt[l];
      const tr = nt[l + 1];
      const k = l + (+(tr < tl) | (+(tr === tl) & +(ns[l + 1] < ns[l])));
      i = l >> 1;
      nt[i] = nt[k];
      ns[i] = ns[k];
      nw[i] = nw[k];
    }
  }

  private heapPush(time: number, s: number, kind: number, arg: number, gen: number): void {
    if (this.heapSize === this.time.length) this.grow();
    const ht = this.time;
    const hs = this.seq;
    const hk = this.kind;
    const ha = this.arg;
    const hg = this.gen;
    let i = this.heapSize++;
    // Sift up, by (time, sequence): a displaced slot event may be older than
    // events already in the heap.
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (!(time < pt || (time === pt && s < hs[p]))) break;
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

  private heapPop(): void {
    const ht = this.time;
    const hs = this.seq;
    const hk = this.kind;
    const ha = this.arg;
    const hg = this.gen;
    this.outTime = ht[0];
    this.outType = hk[0];
    this.outSubject = ha[0];
    this.outGeneration = hg[0];
    const n = --this.heapSize;
    if (n === 0) return;
    // Sift the last element down from the root.
    const lt = ht[n];
    const ls = hs[n];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let c = first;
      if (first + 4 <= n) {
        // Four children: the earliest found without a branch, as in replay()
        // (pairs, then the pairs' winners; sequences are unique, so the
        // earliest is the same whichever way it is found).
        const t0 = ht[first];
        const t1 = ht[first + 1];
        const t2 = ht[first + 2];
        const t3 = ht[first + 3];
        const a = first + (+(t1 < t0) | (+(t1 === t0) & +(hs[first + 1] < hs[first])));
        const b = first + 2 + (+(t3 < t2) | (+(t3 === t2) & +(hs[first + 3] < hs[first + 2])));
        const ta = ht[a];
        const tb = ht[b];
        c = a + (b - a) * (+(tb < ta) | (+(tb === ta) & +(hs[b] < hs[a])));
      } else {
        for (let k = first + 1; k < n; k++) {
          const kt = ht[k];
          if (kt < ht[c] || (kt === ht[c] && hs[k] < hs[c])) c = k;
        }
      }
      const ct = ht[c];
      const cs = hs[c];
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
    this.time = withLength(this.time, n);
    this.seq = withLength(this.seq, n);
    this.kind = withLength(this.kind, n);
    this.arg = withLength(this.arg, n);
    this.gen = withLength(this.gen, n);
  }
}

/**
 * Max-priority heap of items; among equal priorities the lower sequence wins.
 * Callers pass an increasing sequence for "at the tail" and a decreasing
 * (negative) one for "at the head" of a priority level; with every priority
 * 0 it is a plain FIFO.
 *
 * Made with `fifo` (for a queue whose items all have the same priority, such
 * as a round-robin run queue), it is that FIFO and nothing more: a ring
 * buffer, O(1) per operation instead of a sift through a heap of thousands.
 * The order is the same: pushTail appends, pushHead prepends.
 */
export class KeyedHeap<T> {
  // Arrays that only grow (the heap's size is `n`): push and pop on a JS
  // array would let V8 shrink and regrow its store as the size swings.
  private items: (T | undefined)[] = [];
  private prio = new Float64Array(16);
  private seq = new Float64Array(16);
  private n = 0;
  private tail = 0;
  private head = 0;
  // FIFO mode: items[first … first + n - 1] (mod the power-of-two capacity), priority `fifoPrio`.
  private first = 0;
  private fifoPrio = 0;

  constructor(private readonly fifo = false) {
    if (fifo) this.items = new Array<T | undefined>(16).fill(undefined);
  }

  get size(): number {
    return this.n;
  }

  pushTail(item: T, priority: number): void {
    if (this.fifo) {
      if (this.n === this.items.length) this.growRing();
      this.items[(this.first + this.n++) & (this.items.length - 1)] = item;
      this.fifoPrio = priority;
      return;
    }
    this.insert(item, priority, ++this.tail);
  }

  pushHead(item: T, priority: number): void {
    if (this.fifo) {
      if (this.n === this.items.length) this.growRing();
      this.first = (this.first - 1) & (this.items.length - 1);
      this.items[this.first] = item;
      this.n++;
      this.fifoPrio = priority;
      return;
    }
    this.insert(item, priority, --this.head);
  }

  peek(): T | undefined {
    return this.n > 0 ? this.items[this.fifo ? this.first : 0] : undefined;
  }

  peekPriority(): number {
    return this.n > 0 ? (this.fifo ? this.fifoPrio : this.prio[0]) : -Infinity;
  }

  pop(): T | undefined {
    const n = this.n;
    if (n === 0) return undefined;
    const items = this.items;
    if (this.fifo) {
      const f = this.first;
      const top = items[f];
      items[f] = undefined;
      this.first = (f + 1) & (items.length - 1);
      this.n = n - 1;
      return top;
    }
    const prio = this.prio;
    const seq = this.seq;
    const top = items[0];
    const m = n - 1;
    this.n = m;
    const lastItem = items[m];
    const lastP = prio[m];
    const lastS = seq[m];
    items[m] = undefined;
    if (m > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= m) break;
        const r = l + 1;
        let c = l;
        if (r < m && (prio[r] > prio[l] || (prio[r] === prio[l] && seq[r] < seq[l]))) c = r;
        if (!(prio[c] > lastP || (prio[c] === lastP && seq[c] < lastS))) break;
        items[i] = items[c];
        prio[i] = prio[c];
        seq[i] = seq[c];
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
    if (this.fifo) {
      const out: T[] = [];
      for (let i = 0; i < this.n; i++) out.push(this.items[(this.first + i) & (this.items.length - 1)] as T);
      return out;
    }
    const idx: number[] = [];
    for (let i = 0; i < this.n; i++) idx.push(i);
    idx.sort((a, b) => this.prio[b] - this.prio[a] || this.seq[a] - this.seq[b]);
    return idx.map((i) => this.items[i] as T);
  }

  /** FIFO mode: doubles the ring, its items moved to the front in order. */
  private growRing(): void {
    const old = this.items;
    const items = new Array<T | undefined>(old.length * 2).fill(undefined);
    for (let i = 0; i < this.n; i++) items[i] = old[(this.first + i) & (old.length - 1)];
    this.items = items;
    this.first = 0;
  }

  private insert(item: T, priority: number, s: number): void {
    if (this.n === this.prio.length) {
      this.prio = withLength(this.prio, this.n * 2);
      this.seq = withLength(this.seq, this.n * 2);
    }
    const items = this.items;
    const prio = this.prio;
    const seq = this.seq;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!(priority > prio[p] || (priority === prio[p] && s < seq[p]))) break;
      items[i] = items[p];
      prio[i] = prio[p];
      seq[i] = seq[p];
      i = p;
    }
    items[i] = item;
    prio[i] = priority;
    seq[i] = s;
  }
}
