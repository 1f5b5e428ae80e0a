/**
 * The simulator's entry point: checked Scenario in, RunResult out
 * (LANGUAGE.md §4–§11). Deterministic: no clock, no randomness, so the same
 * scenario always yields the same bytes.
 */
import type { Scenario } from '../check/ir';
import type { Diagnostic } from '../diagnostic';
import { makeDiagnostic } from '../diagnostics/codes';
import { CAPS } from './caps';
import { Engine } from './engine';
import { evaluateExpectations } from './expect';
import { computeMetrics, processMetrics, threadMetrics } from './metrics';
import { deadlockReport, limitReport } from './report';
import type { DeadlockReport, LimitReport, RunResult, RunStatus } from './result';

export interface SimOptions {
  /** Event cap (default CAPS.events); past it the run stops with status `limit`. */
  readonly maxEvents?: number;
  /** Step cap (default CAPS.steps): statements executed and dispatch decisions; past it the run stops with status `limit`. */
  readonly maxSteps?: number;
  /** Polled every 4096 events and every 65,536 steps; returning true stops the run (status `limit`, reported as cancelled). */
  readonly shouldStop?: () => boolean;
  /** Called at each poll (every 4096 events, every 65,536 steps) with the simulated time reached and the events processed. */
  readonly onProgress?: (simTimeNs: number, events: number) => void;
  /** Record the trace (default true). With false the trace is empty (no intervals, markers or lanes) but every metric is still exact. */
  readonly recordTrace?: boolean;
  /** Trace-interval cap (default CAPS.intervals). */
  readonly maxIntervals?: number;
}

export function simulate(scenario: Scenario, options: SimOptions = {}): RunResult {
  const maxEvents = options.maxEvents ?? CAPS.events;
  const maxIntervals = options.maxIntervals ?? CAPS.intervals;
  const maxSteps = options.maxSteps ?? CAPS.steps;
  const e = new Engine(scenario, {
    maxEvents,
    maxSteps,
    maxIntervals,
    shouldStop: options.shouldStop,
    onProgress: options.onProgress,
    recordTrace: options.recordTrace ?? true,
  });
  e.run();
  const { trace } = e.trace.finish(e.endTime);
  let status: RunStatus;
  let deadlock: DeadlockReport | null = null;
  let limit: LimitReport | null = null;
  const diagnostics: Diagnostic[] = [...e.diagnostics];
  if (e.stop === 'completed') status = 'completed';
  else if (e.stop === 'quiescent') {
    status = 'deadlock';
    deadlock = deadlockReport(e);
    for (const s of deadlock.stuck) diagnostics.push(makeDiagnostic('deadlocked', s.span, [s.thread, s.waitsFor], s.holderSpan ? { related: [{ span: s.holderSpan, message: `${s.holder ?? 'the holder'} is here` }] } : undefined));
  } else {
    status = 'limit';
    limit = limitReport(e, { maxEvents, maxSteps, maxIntervals }, CAPS);
    const first = scenario.processes[0];
    const anchor = limit.spinning[0]?.span ?? (first ? first.nameSpan : { start: 0, end: 0 });
    diagnostics.push(makeDiagnostic('limitReached', anchor, [limit.summary]));
    for (const s of limit.spinning) diagnostics.push(makeDiagnostic('spinsForever', s.span, [s.thread, s.waitsFor]));
  }
  const metrics = computeMetrics(e, status);
  const threads = threadMetrics(e);
  const processes = processMetrics(e);
  const partial = { status, makespan: metrics.makespan, metrics, threads, processes };
  return {
    ...partial,
    deadlock,
    limit,
    expectations: evaluateExpectations(scenario, partial),
    diagnostics,
    trace,
    events: e.events,
  };
}
