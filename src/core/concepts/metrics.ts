import type { Concept } from './types';

/** Run metrics (LANGUAGE.md §10); `expect` tests them. Ids are `metric:<name>`. */
export const METRIC_CONCEPTS: readonly Concept[] = [
  m('status', 'Status', 'How the run ended: `completed`, `deadlock` or `limit`. Test it with `expect status is completed`.'),
  m('makespan', 'Makespan', 'Time until the last thread exited (or the end of the run). A duration.'),
  m('cpuUtilization', 'CPU utilization', 'Share of CPU time (all CPUs × makespan) that was not idle, from 0 to 1. Overhead and spinning count as busy.'),
  m('usefulWork', 'Useful work', 'Time spent on `compute` and `syscall` work. A duration.'),
  m('overhead', 'Overhead', 'Time spent on switches, creations and upcalls. A duration.'),
  m('spinTime', 'Spin time', 'Time spent spinning on spinlocks. A duration.'),
  m('kernelSwitches', 'Kernel switches', 'How many times a CPU switched to another LWP.'),
  m('userSwitches', 'User switches', 'How many times a thread library switched the user thread on an LWP.'),
  m('modeSwitches', 'Mode switches', 'How many kernel entries (system calls, blocking calls, wake-ups).'),
  m('upcalls', 'Upcalls', 'How many upcalls the kernel made (`upcalls on`).'),
  m('sigwaiting', 'SIGWAITING signals', 'How many times SIGWAITING grew an LWP pool.'),
  m('handoffs', 'Hand-offs', 'How many run slots LWPs blocked in the kernel handed off (`handoff after D`).'),
  m('lwpsCreated', 'LWPs created', 'LWPs that existed in the run, the initial ones included.'),
  m('threadsCreated', 'Threads created', 'Thread instances that existed in the run, the initial ones included.'),
  f('start', 'Thread start', 'When the instance started. A duration.'),
  f('finish', 'Thread finish', 'When the instance exited. In `expect p.t.finish`, every instance must satisfy it.'),
  f('running', 'Thread running time', 'Time the instance ran on a CPU (including spinning).'),
  f('ready', 'Thread ready time', 'Time it was ready but not running: waiting in the library queue, or on an LWP the kernel had not put on a CPU.'),
  f('blocked', 'Thread blocked time', 'Time it was blocked: in the kernel, on a sync object, in a join, or asleep.'),
];

function m(name: string, title: string, summary: string): Concept {
  return { id: `metric:${name}`, title, category: 'metric', words: [name], summary, body: summary };
}

function f(name: string, title: string, summary: string): Concept {
  return { id: `field:${name}`, title, category: 'metric', words: [name], summary, body: `A per-thread field, ns: \`expect process.thread#n.${name} …\`. ${summary}` };
}
