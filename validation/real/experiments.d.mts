// Types of experiments.mjs, for the tests that check the table.
export interface RealRun {
  prog: 'pthreads' | 'pth' | 'goroutines';
  args: string[];
  cpus: string;
  hangMs?: number;
}
export interface SimRun {
  file: string;
  flags?: string[];
  slices?: boolean;
}
export type Tolerance = { kind: 'ratio'; lo: number; hi: number } | { kind: 'within'; d: number } | { kind: 'equal' };
export interface SimResult {
  status: string;
  makespan: number;
  threads: { id: string; start: number; finish: number | null; running: number; ready: number; blocked: number }[];
  sliceNs?: number;
}
export interface Experiment {
  id: string;
  title: string;
  runs: Record<string, RealRun>;
  real: (results: Record<string, Record<string, number | string>>) => number | string;
  wall?: boolean;
  cost?: boolean;
  sims: Record<string, SimRun>;
  sim: (sims: Record<string, SimResult>) => number | string;
  tolerance: Tolerance;
  unit?: string;
  pending?: string;
}
export const ONE_CPU: string;
export const TWO_CPUS: string;
export const TOLERANCE: Record<'shape' | 'slice' | 'cost' | 'fraction' | 'status', Tolerance>;
export const EXPERIMENTS: Experiment[];
