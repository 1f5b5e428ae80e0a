/** Sweeps (LANGUAGE.md §13): vary parameters of a checked scenario, one run per point. */
export {
  PROCESS_WORDS,
  parameterNames,
  resolveParameter,
  currentValue,
  isNameError,
  type Parameter,
  type Target,
  type ValueKind,
  type NameError,
} from './params';
export { parseRange, suggestValues, show as showValue, type SweepValue, type RangeParse } from './ranges';
export { applyPoint, type Assignment, type AppliedPoint } from './apply';
export { planSweep, isPlanError, pointAssignments, runPoint, type SweepPlan, type PlanError, type SweepPoint } from './plan';
