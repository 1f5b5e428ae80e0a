/**
 * The simulator's caps (docs/limits.md, "Simulator"). A run that reaches one
 * stops with status `limit` and a LimitReport naming the cap; it never runs
 * out of memory or hangs.
 */
export const CAPS = {
  /** Events processed by one run unless SimOptions.maxEvents says otherwise (about 10 s of work at 5 M events/s). */
  events: 50_000_000,
  /** Trace intervals (and, separately, trace events) recorded by one run: 20 M intervals ≈ 580 MB of columns. */
  intervals: 20_000_000,
  /** Thread instances in one run, declared and spawned together. */
  threads: 200_000,
  /** LWPs created in one run (one-to-one threads, pools, bound threads, upcalls, SIGWAITING). */
  lwps: 200_000,
  /** Steps (statements executed, dispatch decisions) of one run unless SimOptions.maxSteps says otherwise: bounds a run whose instants each take millions of steps, which the event cap does not see. */
  steps: 1_000_000_000,
  /** Steps taken at one simulated instant before the run is judged to loop without time passing. */
  zeroTimeSteps: 10_000_000,
} as const;
