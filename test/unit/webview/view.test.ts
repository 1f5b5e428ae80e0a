import { strict as assert } from 'node:assert';
import { clampView, fitView, isFit, MIN_NS_PER_COLUMN, panBy, zoomAt } from '../../../src/webview/chart/view';

describe('chart view arithmetic', () => {
  it('zooms around the anchor, keeping it in place', () => {
    const v = zoomAt({ t0: 0, t1: 1000 }, 250, 0.5, 1000, 100);
    assert.deepEqual(v, { t0: 125, t1: 625 });
  });

  it('pans and stops at the ends of the run', () => {
    assert.deepEqual(panBy({ t0: 100, t1: 300 }, 50, 1000, 100), { t0: 150, t1: 350 });
    assert.deepEqual(panBy({ t0: 100, t1: 300 }, -500, 1000, 100), { t0: 0, t1: 200 });
    assert.deepEqual(panBy({ t0: 100, t1: 300 }, 5000, 1000, 100), { t0: 800, t1: 1000 });
  });

  it('never zooms out past the run nor in past the narrowest span', () => {
    assert.deepEqual(zoomAt({ t0: 0, t1: 1000 }, 500, 10, 1000, 100), fitView(1000));
    const tight = zoomAt({ t0: 0, t1: 1000 }, 500, 1e-9, 1000, 100);
    assert.ok(Math.abs(tight.t1 - tight.t0 - MIN_NS_PER_COLUMN * 100) < 1e-9);
    assert.ok(tight.t0 <= 500 && tight.t1 >= 500);
  });

  it('repairs nonsense views', () => {
    assert.deepEqual(clampView({ t0: Number.NaN, t1: 5 }, 1000, 10), fitView(1000));
    assert.deepEqual(clampView({ t0: 5, t1: 5 }, 1000, 10), fitView(1000));
    assert.ok(isFit(fitView(10), 10));
    assert.ok(!isFit({ t0: 1, t1: 10 }, 10));
  });
});
