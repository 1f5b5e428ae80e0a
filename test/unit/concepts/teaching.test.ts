import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/analyze';
import { teachingNotes } from '../../../src/core/concepts/teaching';

const notes = (src: string) => {
  const a = analyze(src);
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  return teachingNotes(a.scenario!).map((d) => `${d.span.start} ${d.code} ${d.severity} ${d.message}`);
};

describe('teaching notes', () => {
  it('warns that io in many-to-one blocks every thread, and spinning holds the only LWP', () => {
    const src = 'process p {\n  model many-to-one\n  spinlock f\n  thread t * 2 { io 1ms lock f { compute 1ms } }\n}\n';
    assert.deepEqual(notes(src), [
      `${src.indexOf('io 1ms')} LWP9001 warning 'io' blocks all 2 threads of this process: many-to-one has a single LWP, and it is blocked in the kernel until the call returns`,
      `${src.indexOf('lock f {')} LWP9002 warning spinning on 'f' holds the process's only LWP: if another thread of this process holds it, that thread cannot run to free it`,
    ]);
  });

  it("warns that a priority has no effect on a thread with its own LWP under a kernel policy that ignores priorities (the README's watchdog)", () => {
    const src = 'machine { scheduler round-robin quantum 10ms }\nprocess server {\n  model many-to-many lwps 2\n  thread watchdog bound priority 10 { compute 1ms }\n  thread worker priority 3 { compute 1ms }\n}\n';
    assert.deepEqual(notes(src), [
      `${src.indexOf('watchdog')} LWP9004 warning 'priority 10' has no effect on 'server.watchdog': the thread has an LWP of its own, and the kernel's 'round-robin' policy ignores priorities (write 'scheduler priority' in 'machine' to honour it)`,
    ]);
    assert.match(notes('process p {\n  model one-to-one\n  thread t priority 2 { compute 1ms }\n}\n').join(), /LWP9004 warning 'priority 2' has no effect on 'p\.t'/);
    assert.deepEqual(notes('machine { scheduler priority }\nprocess p {\n  model one-to-one\n  thread t priority 2 { compute 1ms }\n}\n'), []);
    assert.deepEqual(notes('process p {\n  model one-to-one\n  thread t { compute 1ms }\n}\n'), []);
  });

  it('says nothing where the model makes io harmless to other threads', () => {
    assert.deepEqual(notes('process p {\n  model one-to-one\n  thread t * 2 { io 1ms }\n}\n'), []);
    assert.deepEqual(notes('process p {\n  model many-to-one\n  thread t { io 1ms }\n}\n'), []);
    assert.deepEqual(notes('process p {\n  model many-to-many lwps 2\n  upcalls on\n  thread t * 3 { io 1ms }\n}\n'), []);
  });

  it('counts spawned threads as "every thread"', () => {
    const src = 'process p {\n  model many-to-one\n  thread main { spawn h io 1ms }\n  thread h spawned { compute 1ms }\n}\n';
    assert.deepEqual(notes(src), [`${src.indexOf('io 1ms')} LWP9001 warning 'io' blocks every thread of this process: many-to-one has a single LWP, and it is blocked in the kernel until the call returns`]);
  });
});
