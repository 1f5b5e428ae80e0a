import * as assert from 'node:assert/strict';
import { durationInAllUnits, formatDuration, MAX_DURATION_NS, parseDuration } from '../../src/core/units';

describe('units', () => {
  it('parses every unit exactly, decimals included', () => {
    assert.deepEqual(parseDuration('2.5ms'), { ok: true, ns: 2_500_000 });
    assert.deepEqual(parseDuration('0.1us'), { ok: true, ns: 100 });
    assert.deepEqual(parseDuration('3µs'), { ok: true, ns: 3_000 });
    assert.deepEqual(parseDuration('7ns'), { ok: true, ns: 7 });
    assert.deepEqual(parseDuration('1.000000001s'), { ok: true, ns: 1_000_000_001 });
    assert.deepEqual(parseDuration('60s'), { ok: true, ns: 60e9 });
  });
  it('rejects sub-nanosecond values, bare numbers, overflow and junk with a reason', () => {
    assert.deepEqual(parseDuration('1.5ns'), { ok: false, reason: 'fraction' });
    assert.deepEqual(parseDuration('0.0001us'), { ok: false, reason: 'fraction' });
    assert.deepEqual(parseDuration('5'), { ok: false, reason: 'unit' });
    assert.deepEqual(parseDuration('5m'), { ok: false, reason: 'syntax' });
    assert.deepEqual(parseDuration(`${MAX_DURATION_NS + 1}ns`), { ok: false, reason: 'overflow' });
    assert.deepEqual(parseDuration(`${MAX_DURATION_NS}ns`), { ok: true, ns: MAX_DURATION_NS });
  });
  it('trailing zeros in a fraction are not sub-nanosecond', () => {
    assert.deepEqual(parseDuration('1.5000ns'.replace('5', '0')), { ok: true, ns: 1 });
  });
  it('formats in the largest unit that keeps the value at least 1', () => {
    assert.equal(formatDuration(14_030_000), '14.03ms');
    assert.equal(formatDuration(1_500), '1.5us');
    assert.equal(formatDuration(0), '0ns');
    assert.equal(formatDuration(999), '999ns');
    assert.equal(formatDuration(2e9), '2s');
    assert.equal(formatDuration(-1_000_000), '-1ms');
  });
  it('shows one duration in every unit for hovers', () => {
    assert.equal(durationInAllUnits(2_500_000), '2.5ms = 2,500us = 2,500,000ns');
  });
});
