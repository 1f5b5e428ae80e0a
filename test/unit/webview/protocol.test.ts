import { strict as assert } from 'node:assert';
import { MAX_ERROR_CHARS, isFromWebview, isSafeFileName, isToWebview, isViewState } from '../../../src/shared/protocol';

describe('webview protocol guards', () => {
  it('accepts every well-formed message from the webview', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'exportHtml' },
      { type: 'revealSource', start: 3, end: 9 },
      { type: 'runFinished', version: 4, mode: 'compare', status: 'deadlock', makespan: 1200, lanes: 30 },
      { type: 'runFinished', version: 0, mode: 'run', status: 'error', makespan: null, lanes: 0 },
      { type: 'runFinished', version: 2, mode: 'compare', status: 'completed', makespan: 9, lanes: 6, runs: [{ model: 'many-to-many', status: 'completed', makespan: 9 }, { model: null, status: 'deadlock', makespan: 4 }] },
      { type: 'error', message: 'The chart script failed: x is not defined' },
      { type: 'exportFile', format: 'svg', content: '<svg/>', encoding: 'utf8', suggestedName: 'a.svg' },
    ]) assert.ok(isFromWebview(m), JSON.stringify(m));
  });

  it('rejects anything else, field by field', () => {
    for (const m of [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'revealSource', start: -1, end: 2 },
      { type: 'revealSource', start: 5, end: 2 },
      { type: 'revealSource', start: 1.5, end: 2 },
      { type: 'revealSource', start: '1', end: 2 },
      { type: 'runFinished', version: 1, mode: 'run', status: 'great', makespan: 1, lanes: 1 },
      { type: 'runFinished', version: 1, mode: 'run', status: 'completed', makespan: 1 },
      { type: 'runFinished', version: 1, mode: 'run', status: 'completed', makespan: 1, lanes: -1 },
      { type: 'runFinished', version: 1, mode: 'run', status: 'completed', makespan: 1, lanes: 2.5 },
      { type: 'error', message: '' },
      { type: 'error', message: 'x'.repeat(MAX_ERROR_CHARS + 1) },
      { type: 'error' },
      { type: 'runFinished', version: 1, mode: 'run', status: 'completed', makespan: Number.NaN },
      { type: 'runFinished', version: 1, mode: 'x', status: 'completed', makespan: 1 },
      { type: 'runFinished', version: 1, mode: 'compare', status: 'completed', makespan: 1, lanes: 1, runs: [{ model: 'two-to-one', status: 'completed', makespan: 1 }] },
      { type: 'runFinished', version: 1, mode: 'compare', status: 'completed', makespan: 1, lanes: 1, runs: [{ model: null, status: 'error', makespan: 1 }] },
      { type: 'runFinished', version: 1, mode: 'compare', status: 'completed', makespan: 1, lanes: 1, runs: [{ model: null, status: 'completed', makespan: -1 }] },
      { type: 'runFinished', version: 1, mode: 'compare', status: 'completed', makespan: 1, lanes: 1, runs: {} },
      { type: 'runFinished', version: 1, mode: 'compare', status: 'completed', makespan: 1, lanes: 1, runs: Array(9).fill({ model: null, status: 'completed', makespan: 1 }) },
      { type: 'exportFile', format: 'html', content: '', encoding: 'utf8', suggestedName: 'a.html' },
      { type: 'exportFile', format: 'svg', content: 1, encoding: 'utf8', suggestedName: 'a.svg' },
      { type: 'exportFile', format: 'svg', content: '', encoding: 'hex', suggestedName: 'a.svg' },
      { type: 'exportFile', format: 'svg', content: '', encoding: 'utf8', suggestedName: '../../etc/passwd' },
      { type: 'exportFile', format: 'png', content: '', encoding: 'base64', suggestedName: 'a\\b.png' },
    ]) assert.ok(!isFromWebview(m), JSON.stringify(m));
  });

  it('checks host messages the same way', () => {
    assert.ok(isToWebview({ type: 'source', uri: 'a.lwp', text: '', version: 1 }));
    assert.ok(isToWebview({ type: 'source', uri: 'a.lwp', text: '', version: 1, mode: 'compare', documentUri: 'file:///a.lwp' }));
    assert.ok(isToWebview({ type: 'cursor', offset: null }));
    assert.ok(isToWebview({ type: 'export', format: 'png' }));
    assert.ok(!isToWebview({ type: 'source', uri: 'a.lwp', text: 3, version: 1 }));
    assert.ok(!isToWebview({ type: 'cursor', offset: -4 }));
    assert.ok(!isToWebview({ type: 'export', format: 'html' }));
    assert.ok(!isToWebview({ type: 'theme', kind: 'pink' }));
    // The debugger's time cursor: a time in ns, or null when the session ended.
    assert.ok(isToWebview({ type: 'debugTime', time: 4_000_000 }));
    assert.ok(isToWebview({ type: 'debugTime', time: null }));
    for (const time of [-1, Infinity, NaN, '5ms', undefined]) assert.ok(!isToWebview({ type: 'debugTime', time }), String(time));
  });

  it('validates saved view state and file names', () => {
    assert.ok(isViewState({ uri: 'file:///a.lwp', mode: 'run', range: [0, 10], scrollY: 0, selected: null, tableView: false }));
    assert.ok(!isViewState({ uri: 'file:///a.lwp', mode: 'run', range: [10, 0], scrollY: 0, selected: null, tableView: false }));
    assert.ok(!isViewState({ uri: 'file:///a.lwp', mode: 'run', range: null, scrollY: 0, selected: null }));
    // colourBy is optional (states saved before it existed stay valid) but checked when present.
    assert.ok(isViewState({ uri: 'file:///a.lwp', mode: 'run', range: null, scrollY: 0, selected: null, tableView: false, colourBy: 'thread' }));
    // labelWidth (a dragged label column) likewise.
    assert.ok(isViewState({ uri: 'file:///a.lwp', mode: 'run', range: null, scrollY: 0, selected: null, tableView: false, labelWidth: 240 }));
    assert.ok(isViewState({ uri: 'file:///a.lwp', mode: 'run', range: null, scrollY: 0, selected: null, tableView: false, labelWidth: null }));
    assert.ok(!isViewState({ uri: 'file:///a.lwp', mode: 'run', range: null, scrollY: 0, selected: null, tableView: false, labelWidth: -3 }));
    assert.ok(!isViewState({ uri: 'file:///a.lwp', mode: 'run', range: null, scrollY: 0, selected: null, tableView: false, labelWidth: '240' }));
    assert.ok(!isViewState({ uri: 'file:///a.lwp', mode: 'run', range: null, scrollY: 0, selected: null, tableView: false, colourBy: 'rainbow' }));
    assert.ok(isSafeFileName('chart.trace.json'));
    assert.ok(!isSafeFileName('..'));
    assert.ok(!isSafeFileName('a/b'));
    assert.ok(!isSafeFileName(''));
  });
});
