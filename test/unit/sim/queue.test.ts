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
            assert.equal(q.outArg, ms);
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
});
