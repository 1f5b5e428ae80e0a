/**
 * The kernel policies by the name the language gives them (the IR's
 * `kernel.policy`): adding one is a file in this folder and a line here.
 */
import type { Scenario } from '../../check/ir';
import { FairPolicy } from './fair';
import { FifoPolicy } from './fifo';
import type { KernelPolicy } from './policy';
import { PriorityPolicy } from './priority';
import { RoundRobinPolicy } from './roundRobin';

export const KERNEL_POLICIES: Record<Scenario['kernel']['policy'], (kernel: Scenario['kernel']) => KernelPolicy> = {
  'round-robin': (k) => new RoundRobinPolicy(k.quantum),
  fifo: () => new FifoPolicy(),
  priority: (k) => new PriorityPolicy(k.quantum),
  fair: (k) => new FairPolicy(k.latency, k.granularity),
};
