/** Scenario texts shared by tests and the benchmark. */

export const FIRST_EXAMPLE = `// Two-level threads: four user threads share two LWPs on two CPUs
scenario "Many-to-many with a bound watchdog"

machine {
  cpus 2
  scheduler round-robin quantum 10ms
  costs { kernel-switch 5us  user-switch 200ns }
}

process server {
  model many-to-many lwps 2
  sigwaiting on
  mutex cache

  thread worker * 4 {
    repeat 3 {
      compute 2ms
      io 4ms                 // blocking system call: the LWP blocks with it
      lock cache { compute 500us }
    }
  }

  thread watchdog bound priority 10 {
    repeat 4 { sleep 5ms  compute 100us }
  }
}

expect status is completed
expect makespan < 40ms
expect server.worker#2.blocked == 0ns
`;

/** A valid scenario of about `lines` lines: many processes, each with threads, locks, semaphores and loops. */
export function generateScenario(lines: number): string {
  const out: string[] = ['scenario "generated"', 'machine {', '  cpus 8', '  scheduler priority quantum 5ms', '  costs { mode-switch 100ns kernel-switch 2us }', '  limit 10s', '}', 'semaphore ready = 0'];
  let p = 0;
  while (out.length < lines) {
    out.push(`process p${p} {`, '  model many-to-many lwps 4 max 8', '  sigwaiting on', '  scheduler round-robin quantum 2ms', '  mutex m', '  spinlock s', '  semaphore slots = 2');
    for (let t = 0; t < 4; t++) {
      out.push(`  thread worker-${t} * 2 priority ${t} start ${t}us {`, '    repeat 10 {', '      compute 1.5ms', '      io 200us', '      lock m { compute 50us }', '      lock s', '      syscall 10us', '      unlock s', '      wait slots', '      sleep 1ms', '      post slots', '    }', '    yield', '  }');
    }
    out.push('  thread helper spawned { compute 1ms }', '  thread main { spawn helper * 2  join helper  post ready }', '}', `expect p${p}.worker-1#2.finish < 9s`);
    p++;
  }
  out.push('expect makespan < 10s', 'expect cpuUtilization >= 0.1');
  return out.join('\n') + '\n';
}

/** A valid scenario of at least `chars` characters: one process with many threads (within every cap). */
export function generateBigScenario(chars: number): string {
  const out: string[] = ['machine { cpus 4 }', 'process big {', '  model many-to-many lwps 8', '  mutex m', '  semaphore s = 1'];
  let size = 0;
  for (let t = 0; size < chars; t++) {
    const block = [`  thread w${t} priority 1 {`, '    repeat 5 { compute 1.5ms  io 200us  lock m { compute 50us }  wait s  post s  sleep 1ms }', '  }'];
    size += block.join('\n').length + 1;
    out.push(...block);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
