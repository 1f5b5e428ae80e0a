import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventQueue, KeyedHeap } from '../../../src/core/sim/queue';

describe('sim: queues', () => {
  it('the event queue pops by time, then insertion order, with pushes between pops', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 })), { maxLength: 300 }), (ops) => {
        const q = new EventQueue();
        const model: [number, number][] = [];
        let seq = 0;
        for (const [isPop, t] of ops) {
          if (isPop && model.length) {
            model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            const [mt, ms] = model.shift()!;
            q.pop();
            assert.equal(q.outTime, mt);
            assert.equal(q.outSubject, ms);
          } else {
            q.push(t, 1, seq, 0);
            model.push([t, seq++]);
          }
        }
        assert.equal(q.size, model.length);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('the event queue keeps that order when its heap is hundreds deep, with many equal times', () => {
    // Two pushes per pop on average: the heap grows to a few hundred events,
    // so that pops sift through full levels of four children (ties decided by
    // insertion order at every level).
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 30 })), { minLength: 200, maxLength: 900 }), (ops) => {
        const q = new EventQueue();
        const model: [number, number][] = [];
        let seq = 0;
        for (const [op, t] of ops) {
          if (op === 0 && model.length) {
            model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            const [mt, ms] = model.shift()!;
            q.pop();
            assert.deepEqual([q.outTime, q.outSubject], [mt, ms]);
          } else {
            q.push(t, 1, seq, 0);
            model.push([t, seq++]);
          }
        }
        model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        for (const [mt, ms] of model) {
          q.pop();
          assert.deepEqual([q.outTime, q.outSubject], [mt, ms]);
        }
        assert.equal(q.size, 0);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  // 1 slot: the tree is a single leaf; 5: leaves left empty; 8 and 64: full trees (64 as in the bench).
  for (const slots of [1, 5, 8, 64]) {
    it(`with slotted events (one kind keyed by a small arg, ${slots} slots) the pop order is still time, then insertion order`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: slots + 1 })), { maxLength: 300 }), (ops) => {
          // Kind 1 with arg < slots is slotted (a newer push to the same slot moves the older event to the heap).
          const q = new EventQueue(1, slots);
          const model: { time: number; seq: number; kind: number; arg: number }[] = [];
          let seq = 0;
          for (const [isPop, time, kind, arg] of ops) {
            if (isPop && model.length) {
              assert.equal(q.peekTime(), Math.min(...model.map((m) => m.time)));
              model.sort((a, b) => a.time - b.time || a.seq - b.seq);
              const m = model.shift()!;
              q.pop();
              assert.deepEqual([q.outTime, q.outType, q.outSubject, q.outGeneration], [m.time, m.kind, m.arg, m.seq]);
            } else {
              q.push(time, kind, arg, seq);
              model.push({ time, seq: seq++, kind, arg });
            }
          }
          assert.equal(q.size, model.length);
          if (model.length === 0) assert.equal(q.peekTime(), Infinity);
        }),
        { numRuns: 300, seed: 11 + slots },
      );
    });
  }

  it('the keyed heap serves the highest priority first, FIFO among equals, head inserts first', () => {
    const h = new KeyedHeap<string>();
    h.pushTail('a0', 0);
    h.pushTail('b2', 2);
    h.pushTail('c0', 0);
    h.pushHead('d0', 0);
    h.pushTail('e2', 2);
    assert.deepEqual(h.toArray(), ['b2', 'e2', 'd0', 'a0', 'c0']);
    const out: string[] = [];
    while (h.size) out.push(h.pop()!);
    assert.deepEqual(out, ['b2', 'e2', 'd0', 'a0', 'c0']);
  });

  it('the keyed heap in FIFO mode serves exactly what the heap serves with every priority 0', () => {
    // 0, 3 = pushTail, 1, 4 = pushHead, 2 = pop: runs long enough, and
    // pushing enough, to grow the ring several times while it is wrapped.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 100, maxLength: 300 }), (ops) => {
        const heap = new KeyedHeap<number>();
        const ring = new KeyedHeap<number>(true);
        let next = 0;
        for (const op of ops) {
          if (op === 0 || op === 3) {
            heap.pushTail(next, 0);
            ring.pushTail(next++, 0);
          } else if (op === 1 || op === 4) {
            heap.pushHead(next, 0);
            ring.pushHead(next++, 0);
          } else assert.equal(ring.pop(), heap.pop());
          assert.equal(ring.size, heap.size);
          assert.equal(ring.peek(), heap.peek());
          assert.equal(ring.peekPriority(), heap.peekPriority());
        }
        assert.deepEqual(ring.toArray(), heap.toArray());
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});
