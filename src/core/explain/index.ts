export { Explainer } from './explain';
export type { Cause, CauseKind, CpuAt, Explanation, LwpAt, SourceRef, Step } from './causes';
export { TraceAt, type LaneAt } from './traceAt';
