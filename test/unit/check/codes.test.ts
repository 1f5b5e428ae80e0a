/**
 * Exact `line:col code message` for every code of the table, one fixture per
 * code (plus variants), and a walk over the table that fails when a code of
 * LWP1xxx–LWP3xxx has no fixture here.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { allCodes } from '../../../src/core/diagnostics/codes';
import { MAX_FILE_SIZE } from '../../../src/core/limits';
import { diagnose } from '../../support/diagnostics';
import { FIRST_EXAMPLE, generateScenario } from '../../support/scenarios';

/** code → [fixture, every diagnostic it must produce, exactly]. */
const FIXTURES: Record<string, [string, string[]]> = {
  LWP1001: ["scenario \"Two threads\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:10 LWP1001 unterminated string: close it with '\"' on the same line"]],
  LWP1002: ["process p {\n  thread t { compute 1ms }\n}\n/* notes", ["4:1 LWP1002 unterminated comment: close it with '*/'"]],
  LWP1003: ["process p {\n  thread t { compute 1ms }\n}\n@", ["4:1 LWP1003 unexpected character '@': remove it"]],
  LWP1004: ["scenario \"a\\tb\"\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:12 LWP1004 unknown escape '\\t' in a string: only '\\\"' and '\\\\' are allowed"]],
  LWP1005: ["process p {\n  thread t compute 1ms }\n}\n", ["2:12 LWP1005 expected '{' to begin the body of thread 't', e.g. 'thread t { compute 1ms }'"]],
  LWP1006: ["process p {\n  model many-to-many lwps\n  thread t { compute 1ms }\n}\n", ["2:22 LWP1006 'lwps' needs a count, e.g. 'lwps 4'"]],
  LWP1007: ["process p {\n  thread t { comput 2ms }\n}\n", ["2:14 LWP1007 unknown statement 'comput' — did you mean 'compute'?"]],
  LWP1008: ["process p {\n  cpus 2\n  thread t { compute 1ms }\n}\n", ["2:3 LWP1008 unexpected 'cpus' in a process: 'cpus' belongs in 'machine { cpus … }'"]],
  LWP1009: ["process p {\n  thread t {\n    compute 1ms\n\nprocess q {\n  thread u { compute 1ms }\n}\n", ["2:12 LWP1009 this '{' is never closed: add '}' before 'process'"]],
  LWP1010: ["process p {\n  thread t { compute 1ms }\n}\n}\n", ["4:1 LWP1010 this '}' closes nothing: remove it"]],
  LWP1011: ["process p {\n  model many-to-few\n  thread t { compute 1ms }\n}\n", ["2:9 LWP1011 unknown model 'many-to-few': use 'one-to-one', 'many-to-one', 'many-to-many', '1:1', 'N:1' or 'M:N' — did you mean 'many-to-one'?"]],
  LWP1012: ["process p {\n  thread t { { compute 1ms } }\n}\n", ["2:14 LWP1012 a block must follow 'repeat N', 'forever' or 'lock NAME': add one of them before '{'"]],
  LWP1013: ["machine { cpus 2.5 }\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:16 LWP1013 'cpus' needs a count (a whole number, 0 or more), not '2.5', e.g. 'cpus 4'"]],
  LWP2001: ["process p {\n  mutex cache\n  thread t { lock cahce { compute 1ms } }\n}\n", ["3:19 LWP2001 no mutex or spinlock named 'cahce' — did you mean 'cache'?"]],
  LWP2002: ["process p {\n  mutex m\n  mutex m\n  thread t { compute 1ms }\n}\n", ["3:9 LWP2002 mutex 'm' is already declared in process 'p': rename one of them"]],
  LWP2003: ["mutex m\nprocess p {\n  mutex m\n  thread t { lock m { compute 1ms } }\n}\n", ["3:9 LWP2003 'm' is already the name of a kernel mutex declared at top level: pick another name"]],
  LWP2004: ["process p {\n  semaphore s = 1\n  thread t { lock s { compute 1ms } }\n}\n", ["3:19 LWP2004 'lock' needs a mutex or spinlock, but 's' is a semaphore: a semaphore has no owner to lock it: write 'wait s' before the block and 'post s' after it"]],
  LWP2005: ["process p {\n  thread main { spawn w }\n  thread w { compute 1ms }\n}\n", ["2:23 LWP2005 'w' is not declared 'spawned', so it already starts on its own: add 'spawned' to 'thread w' to start it only with 'spawn'"]],
  LWP2006: ["process p {\n  thread main { compute 1ms }\n  thread w spawned { compute 1ms }\n}\n", ["3:10 LWP2006 thread 'w' is declared 'spawned' but no thread spawns it, so it never runs: add 'spawn w' to a thread, or remove 'spawned'"]],
  LWP2007: ["process p {\n  thread main { spawn w }\n  thread w spawned start 1ms { compute 1ms }\n}\n", ["3:20 LWP2007 'start' has no effect on 'w': a 'spawned' thread starts when a thread spawns it; remove 'start'"]],
  LWP2008: ["process p {\n  mutex m\n  thread t { unlock m }\n}\n", ["3:14 LWP2008 this thread never locks 'm', so 'unlock m' will fail at run time (a mutex is unlocked only by its holder): lock it first, or use 'lock m { … }'"]],
  LWP2009: ["process p {\n  mutex m\n  thread t { lock m  compute 1ms }\n}\n", ["3:14 LWP2009 the thread can exit still holding 'm': add 'unlock m' after it, or write 'lock m { … }'"]],
  LWP2010: ["machine {\n  costs { kernel-swtich 5us }\n}\nprocess p {\n  thread t { compute 1ms }\n}\n", ["2:11 LWP2010 unknown cost 'kernel-swtich': costs are 'mode-switch', 'kernel-switch', 'address-space-switch', 'user-switch', 'user-create', 'kernel-create' or 'upcall' — did you mean 'kernel-switch'?"]],
  LWP2011: ["process p {\n  thread t { join t }\n}\n", ["2:19 LWP2011 't' joins itself and would wait forever: join another thread"]],
  LWP3001: ["process p {\n  thread t { compute 5 }\n}\n", ["2:22 LWP3001 a duration needs a unit: write '5ms' (units: ns, us, µs, ms, s)"]],
  LWP3002: ["process p {\n  thread t { compute 5m }\n}\n", ["2:22 LWP3002 unknown unit 'm' in '5m': use ns, us, µs, ms or s"]],
  LWP3003: ["process p {\n  thread t { compute 1.5ns }\n}\n", ["2:22 LWP3003 '1.5ns' is not a whole number of nanoseconds: times are counted in whole ns"]],
  LWP3004: ["process p {\n  thread t { compute 9999999999999999s }\n}\n", ["2:22 LWP3004 '9999999999999999s' is too long: the largest duration is 9,007,199,254,740,991ns (about 104 days)"]],
  LWP3005: ["machine { scheduler round-robin quantum 0ms }\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:41 LWP3005 a quantum must be longer than 0: e.g. 'quantum 10ms'"]],
  LWP3006: ["process p {\n  thread t * 100000000 { compute 1ms }\n}\n", ["2:14 LWP3006 '* 100000000' is over the cap of 100,000 thread instances declared in one file (MAX_THREAD_INSTANCES): use a smaller count"]],
  LWP3007: ["process p {\n  model many-to-one\n  thread t bound { compute 1ms }\n}\n", ["3:12 LWP3007 'bound' is impossible in many-to-one (the process has exactly one LWP): remove 'bound' or use 'model many-to-many lwps N'"]],
  LWP3008: ["process p {\n  model one-to-one\n  thread t bound { compute 1ms }\n}\n", ["3:12 LWP3008 'bound' is redundant in one-to-one: every thread already has its own LWP"]],
  LWP3009: ["process p {\n  model many-to-one\n  upcalls on\n  thread t { compute 1ms }\n}\n", ["3:3 LWP3009 'upcalls on' applies only to many-to-many, but this process is many-to-one: remove it or use 'model many-to-many lwps N'"]],
  LWP3010: ["process p {\n  model many-to-many lwps 0\n  thread t { compute 1ms }\n}\n", ["2:27 LWP3010 a many-to-many pool needs at least one LWP: e.g. 'lwps 2'"]],
  LWP3011: ["process p {\n  model many-to-many lwps 4 max 2\n  sigwaiting on\n  thread t { compute 1ms }\n}\n", ["2:33 LWP3011 'max 2' is below the pool size 'lwps 4': 'max' must be at least 4"]],
  LWP3012: ["process p {\n  model one-to-one lwps 2\n  thread t { compute 1ms }\n}\n", ["2:20 LWP3012 'lwps' applies only to many-to-many; one-to-one has no LWP pool: remove it or write 'model many-to-many lwps N'"]],
  LWP3013: ["process p {\n  model one-to-one\n  scheduler priority\n  thread t { compute 1ms }\n}\n", ["3:3 LWP3013 a thread-library 'scheduler' has no effect in one-to-one: the kernel schedules every thread; remove it"]],
  LWP3014: ["machine { cpus 2 }\nmachine { cpus 4 }\nprocess p {\n  thread t { compute 1ms }\n}\n", ["2:1 LWP3014 'machine' is already given in this file: keep only one"]],
  LWP3015: ["machine { cpus 2 }\n", ["1:1 LWP3015 a scenario needs at least one process: add 'process NAME { thread T { compute 1ms } }'"]],
  LWP3016: ["machine { cpus 0 }\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:16 LWP3016 a machine needs at least one CPU: e.g. 'cpus 1'"]],
  LWP3017: ["process p {\n  model many-to-many lwps 2 max 4\n  thread t { compute 1ms }\n}\n", ["2:29 LWP3017 'max' has no effect without 'sigwaiting on' or 'handoff after D': only they add LWPs to the pool; add one or remove 'max'"]],
  LWP3018: ["process p {\n  model M:N\n  thread t { compute 1ms }\n}\n", ["2:9 LWP3018 'M:N' needs a pool size: write 'model M:N lwps 2'"]],
  LWP3019: ["machine { scheduler fifo quantum 5ms }\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:34 LWP3019 'fifo' has no quantum (it runs a thread until it blocks or yields): remove 'quantum', or use 'round-robin quantum D'"]],
  LWP3041: ["machine { scheduler fair quantum 5ms }\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:34 LWP3041 'fair' takes no 'quantum': it takes 'latency' or 'granularity' — e.g. 'scheduler fair latency 6ms granularity 750us'"]],
  LWP3042: ["machine { scheduler fair latency 0ms }\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:34 LWP3042 a latency must be longer than 0: e.g. 'latency 6ms'"]],
  LWP3043: ["machine { scheduler fair granularity 10ms }\nprocess p {\n  thread t { compute 1ms }\n}\n", ["1:38 LWP3043 a granularity of 10ms is longer than the default latency of 6ms: every slice would be the granularity — shorten it or raise 'latency'"]],
  LWP3020: ["process p {\n  thread t { compute 1ms }\n}\nexpect makespam < 10ms\n", ["4:8 LWP3020 unknown metric 'makespam': metrics are 'status', 'makespan', 'cpuUtilization', 'usefulWork', 'overhead', 'spinTime', 'kernelSwitches', 'userSwitches', 'modeSwitches', 'upcalls', 'sigwaiting', 'handoffs', 'lwpsCreated' or 'threadsCreated' — did you mean 'makespan'?"]],
  LWP3021: ["process p {\n  thread t { compute 1ms }\n}\nexpect q.t.finish < 10ms\n", ["4:8 LWP3021 no process named 'q': processes are 'p' — did you mean 'p'?"]],
  LWP3022: ["process p {\n  thread t { compute 1ms }\n}\nexpect p.u.finish < 10ms\n", ["4:10 LWP3022 process 'p' has no thread named 'u': its threads are 't' — did you mean 't'?"]],
  LWP3023: ["process p {\n  thread t { compute 1ms }\n}\nexpect p.t.end < 10ms\n", ["4:12 LWP3023 unknown thread field 'end': fields are 'start', 'finish', 'running', 'ready' or 'blocked'"]],
  LWP3024: ["process p {\n  thread t { compute 1ms }\n}\nexpect makespan < 40\n", ["4:19 LWP3024 'makespan' is a duration: compare it with a duration such as '40ms'"]],
  LWP3025: ["process p {\n  thread t { compute 1ms }\n}\nexpect makespan is completed\n", ["4:17 LWP3025 'is' works only with 'status' (e.g. 'expect status is completed'): compare 'makespan' with <, <=, >, >=, == or !="]],
  LWP3026: ["process p {\n  thread t { compute 1ms }\n}\nexpect status is done\n", ["4:18 LWP3026 a run ends 'completed', 'deadlock' or 'limit', not 'done'"]],
  LWP3027: ["process p {\n  thread t { compute 1ms }\n}\nexpect status == 1\n", ["4:15 LWP3027 compare 'status' with 'is', e.g. 'expect status is completed'"]],
  LWP3028: ["process p {\n  thread t { compute 1ms }\n}\nexpect p.t#2.finish < 10ms\n", ["4:12 LWP3028 't' has a single instance: write 't' without '#2'"]],
  LWP3033: ["process p {\n  thread t * 2 { compute 1ms }\n}\nask p.t.finish\n", ["4:5 LWP3033 'p.t' has 2 instances: ask about one of them, e.g. 'p.t#1'"]],
  LWP3034: ["process p {\n  thread t { compute 1ms }\n}\nask first p.t\n", ["4:5 LWP3034 'ask first' compares threads: name at least two, e.g. 'ask first p.a p.b'"]],
  LWP3029: ["process p {\n  thread t * 2 { compute 1ms }\n}\nexpect p.t#0.finish < 10ms\n", ["4:12 LWP3029 instances are numbered from 1: write 't#1'"]],
  LWP2012: ["process p {\n  barrier b\n  thread t * 2 { arrive b }\n}\n", ["2:11 LWP2012 barrier 'b' needs the number of threads each round waits for: write 'barrier b = 2'"]],
  LWP2013: ["process p {\n  barrier b = 3\n  thread t * 2 { arrive b }\n}\n", ["2:11 LWP2013 barrier 'b' waits for 3 threads each round, but only 2 thread instances ever arrive at it, so it never opens and they wait forever: lower the count to 2 or add threads that 'arrive b'"]],
  LWP2014: ["machine {\n  costs linx\n}\nprocess p {\n  thread t { compute 1ms }\n}\n", ["2:9 LWP2014 unknown cost preset 'linx': presets are 'default', 'linux', 'firefly' or 'pth' — did you mean 'linux'?"]],
  LWP3031: ["process p {\n  model many-to-many lwps 2\n  handoff after 20us\n  upcalls on\n  thread t { compute 1ms }\n}\n", ["4:3 LWP3031 'handoff after D' and 'upcalls on' cannot both be on: each is a different answer to an LWP blocked in the kernel; keep one"]],
};

/** More texts per code: the variants of a message. */
const VARIANTS: [string, string[]][] = [
  ['process p {\n  thread t { compute 5 ms }\n}\n', ["2:22 LWP3001 a duration needs a unit: write '5ms' (units: ns, us, µs, ms, s)"]],
  ['process p {\n  thread t { sleep }\n}\n', ["2:14 LWP1006 'sleep' needs a duration, e.g. 'sleep 5ms'"]],
  ['process p {\n  thread t { lock\n    compute 1ms }\n}\n', ["2:14 LWP1006 'lock' needs the name of a mutex or spinlock, e.g. 'lock m'"]],
  ['process p {\n  thread t { zzz 1ms }\n}\n', ["2:14 LWP1007 unknown statement 'zzz': a statement is one of 'compute', 'syscall', 'io', 'sleep', 'yield', 'lock', 'unlock', 'wait', 'post', 'arrive', 'spawn', 'join', 'repeat' or 'forever'"]],
  ['process p {\n  mutex m\n  thread t { wait m }\n}\n', ["3:19 LWP2004 'wait' needs a semaphore, but 'm' is a mutex: use 'lock m'"]],
  ['process p {\n  mutex m\n  thread t { spawn m }\n}\n', ["3:20 LWP2004 'spawn' needs a thread of this process, but 'm' is a mutex"]],
  ['process p {\n  thread t { join worker }\n}\n', ["2:19 LWP2001 no thread named 'worker' (declared: 't')"]],
  ['process p {\n  thread t { join w }\n}\n', ["2:19 LWP2001 no thread named 'w' — did you mean 't'?"]],
  ['process p {\n  thread t { wait s }\n}\n', ["2:19 LWP2001 no semaphore named 's': declare it first"]],
  ['process p {\n  model 1:1\n  thread t { compute 1ms }\n}\nprocess p {\n  thread t { compute 1ms }\n}\n', ["5:9 LWP2002 process 'p' is already declared in this file: rename one of them"]],
  ['process p {\n  model many-to-many lwps 2\n  thread t * 2 { compute 1ms }\n}\nexpect p.t#3.finish < 1ms\n', ["5:12 LWP3028 't' has 2 instances: '#3' is out of range (use #1 to #3)".replace('#1 to #3', '#1 to #2')]],
  ['process p {\n  thread t { compute 1ms }\n}\nexpect cpuUtilization > 1ms\n', ["4:25 LWP3024 'cpuUtilization' is a plain number: compare it with a number such as '0.9' or '3', without a unit"]],
  ['process p {\n  thread t { repeat 2000000000 { compute 1ms } }\n}\n', ["2:21 LWP3006 'repeat 2000000000' is over the cap of 1,000,000,000 (MAX_REPEAT_COUNT): use a smaller count"]],
  ['machine { cpus 5000 }\nprocess p {\n  thread t { compute 1ms }\n}\n', ["1:16 LWP3006 'cpus 5000' is over the cap of 1,024 CPUs (MAX_CPUS): use fewer CPUs"]],
  ['process p {\n  model many-to-one\n  sigwaiting off\n  thread t { compute 1ms }\n}\n', []],
  ['process p {\n  thread t { compute -5ms }\n}\n', ["2:22 LWP1013 'compute' needs a duration of 0 or more, not '-5ms', e.g. 'compute 5ms'"]],
  ['process p {\n  thread t bond { compute 1ms }\n}\n', ["2:12 LWP1011 unknown thread option 'bond': use 'bound', 'priority N', 'start D' or 'spawned' — did you mean 'bound'?"]],
  ['barrier k = 0\nprocess p {\n  thread t * 2 { arrive k }\n}\n', ["1:13 LWP2012 barrier 'k' must wait for at least 1 thread, not 0: write 'barrier k = 2'"]],
  ['process p {\n  barrier b = 100001\n  thread t { arrive b }\n}\n', ["2:15 LWP3006 the count 100001 of barrier 'b' is over the cap of 100,000 (MAX_THREAD_INSTANCES): use a smaller count"]],
  ['process p {\n  barrier b = 2\n  mutex m\n  thread t { arrive m  wait b  lock b { compute 1ms } }\n}\n', ["4:21 LWP2004 'arrive' needs a barrier, but 'm' is a mutex", "4:29 LWP2004 'wait' needs a semaphore, but 'b' is a barrier: a barrier is only arrived at: write 'arrive b'", "4:37 LWP2004 'lock' needs a mutex or spinlock, but 'b' is a barrier: a barrier is only arrived at: write 'arrive b'"]],
  // Hand-off delays and cost presets (LANGUAGE.md §5, §8).
  ['process p {\n  model many-to-many lwps 2\n  handoff 20us\n  thread t { compute 1ms }\n}\n', ["3:11 LWP1005 expected 'after' before the delay, e.g. 'handoff after 20us'"]],
  ['process p {\n  model many-to-many lwps 2\n  handoff\n  thread t { compute 1ms }\n}\n', ["3:3 LWP1006 'handoff' needs 'after' and a delay, e.g. 'handoff after 20us'"]],
  ['process p {\n  model many-to-one\n  handoff after 1ms\n  upcalls on after 2ms\n  thread t { compute 1ms }\n}\n', ["3:3 LWP3009 'handoff' applies only to many-to-many, but this process is many-to-one: remove it or use 'model many-to-many lwps N'", "4:3 LWP3009 'upcalls on' applies only to many-to-many, but this process is many-to-one: remove it or use 'model many-to-many lwps N'"]],
  ['process p {\n  model many-to-many lwps 2 max 4\n  handoff after 1ms\n  sigwaiting on after 1ms\n  thread t { compute 1ms }\n}\n', ["4:3 LWP3031 'handoff after D' and 'sigwaiting on' cannot both be on: each is a different answer to an LWP blocked in the kernel; keep one"]],
  ['process p {\n  model many-to-many lwps 2 max 4\n  handoff after 1ms\n  thread t { compute 1ms }\n}\n', []],
  ['process p {\n  model many-to-many lwps 2\n  upcalls on after\n  thread t { compute 1ms }\n}\n', ["3:14 LWP1006 'after' needs a duration, e.g. 'upcalls on after 2ms'"]],
  ['process p {\n  model many-to-many lwps 2\n  upcalls on after 2\n  thread t { compute 1ms }\n}\n', ["3:20 LWP3001 a duration needs a unit: write '2ms' (units: ns, us, µs, ms, s)"]],
  ['machine {\n  costs linux { kernel-switch 3us }\n}\nprocess p {\n  thread t { compute 1ms }\n}\n', []],
  ['machine {\n  costs firefly\n  cpus 2\n}\nprocess p {\n  thread t { compute 1ms }\n}\n', []],
  // A cost's name after `costs` is a missing '{', not a preset.
  ['machine {\n  costs kernel-switch 3us }\n}\nprocess p {\n  thread t { compute 1ms }\n}\n', ["2:9 LWP1005 expected '{' to begin the costs, e.g. 'costs { kernel-switch 5us }'", "3:1 LWP1010 this '}' closes nothing: remove it"]],
  // Spawned arrivers: how many arrive is known only at run time, so no LWP2013; one instance suffices for '= 1'.
  ['process p {\n  barrier b = 3\n  barrier one = 1\n  thread main { spawn w * 2  arrive b  arrive one }\n  thread w spawned { arrive b }\n}\n', []],
  ['barrier k = 3\nprocess p {\n  thread t { arrive k }\n}\nprocess q {\n  thread u * 2 { arrive k }\n}\n', []],
];

describe('diagnostic codes', () => {
  for (const [code, [text, expected]] of Object.entries(FIXTURES)) {
    it(`${code}: exact diagnostics`, () => {
      assert.deepEqual(diagnose(text), expected);
      assert.ok(expected.some((e) => e.includes(` ${code} `)), `the fixture of ${code} must produce ${code}`);
    });
  }
  VARIANTS.forEach(([text, expected], i) => {
    it(`variant ${i + 1}: ${expected[0]?.split(' ')[1] ?? 'clean'}`, () => assert.deepEqual(diagnose(text), expected));
  });

  it('LWP3030: a file over the size cap is one clear error, not a parse', () => {
    const text = 'x'.repeat(MAX_FILE_SIZE + 1);
    const a = analyze(text);
    assert.equal(a.diagnostics.length, 1);
    assert.equal(a.diagnostics[0].code, 'LWP3030');
    assert.equal(a.diagnostics[0].message, 'the file is 16.0 MiB (16,777,217 characters), over the cap of 16.0 MiB (MAX_FILE_SIZE): split the scenario');
    assert.equal(a.scenario, null);
  });

  it('every static code of the table has a fixture here, and every example produces its code', () => {
    const tested = new Set([...Object.keys(FIXTURES), 'LWP3030']);
    const codes = new Set<string>();
    for (const row of allCodes()) {
      assert.ok(!codes.has(row.code), `duplicate code ${row.code}`);
      codes.add(row.code);
      if (!/^LWP[123]/.test(row.code)) continue;
      assert.ok(tested.has(row.code), `${row.code} (${row.key}) has no exact test`);
      if (row.example) assert.ok(analyze(row.example).diagnostics.some((d) => d.code === row.code), `example of ${row.code} does not produce it`);
    }
  });

  it('analyze without IR (`lwp check`) gives the same diagnostics, symbols and AST, and no scenario', () => {
    const texts = [...Object.values(FIXTURES).map(([text]) => text), ...VARIANTS.map(([text]) => text), FIRST_EXAMPLE, generateScenario(200)];
    for (const text of texts) {
      const full = analyze(text);
      const lean = analyze(text, { ir: false });
      assert.deepEqual(lean.diagnostics, full.diagnostics, text);
      assert.deepEqual(lean.symbols.decls, full.symbols.decls, text);
      assert.deepEqual(lean.symbols.refs, full.symbols.refs, text);
      assert.deepEqual(lean.tokens, full.tokens, text);
      assert.equal(lean.file.items.length, full.file.items.length);
      assert.equal(lean.scenario, null);
    }
    assert.notEqual(analyze(FIRST_EXAMPLE).scenario, null, 'the first example has a scenario with IR');
  });

  it('every message is one line and says something', () => {
    for (const [text] of [...Object.values(FIXTURES), ...VARIANTS]) for (const d of analyze(text).diagnostics) assert.match(d.message, /^[^\n]{10,}$/);
  });
});
