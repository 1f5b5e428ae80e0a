// Types of simulated.mjs, for the tests.
import type { SimResult, SimRun } from './experiments.mjs';
export function simulate(spec: SimRun, lwp: (args: string[]) => Promise<{ code: number; stdout: string }>): Promise<SimResult>;
export function median(xs: number[]): number;
