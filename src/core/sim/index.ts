/** The simulator's public API. */
export { simulate, type SimOptions } from './simulate';
export { overrideScenario, type ScenarioOverride } from './override';
export { evaluateExpectations, expectationDiagnostics, compare, formatNumber } from './expect';
export { CAPS as SIM_CAPS } from './caps';
export * from './result';
