import type { ModelName } from '../syntax/ast';
import type { StateValue } from '../sim/result';

/** Where a concept belongs; hovers use it to pick among words with several meanings (`priority`, `fifo`, `sigwaiting`). */
export type ConceptCategory =
  | 'model'
  | 'entity'
  | 'option'
  | 'machine'
  | 'statement'
  | 'cost'
  | 'kernel-policy'
  | 'user-policy'
  | 'sync'
  | 'metric'
  | 'result'
  | 'state';

/**
 * One entry of the threading glossary. The same entry feeds editor hovers,
 * completion details, the chart legend and docs/concepts.md, so the project
 * explains each idea once, in one voice.
 */
export interface Concept {
  /** Stable id, unique in the glossary (`many-to-many`, `cost:upcall`, `state:lwp-parked`). */
  readonly id: string;
  readonly title: string;
  readonly category: ConceptCategory;
  /** Source words this concept explains, in the context of its category (`M:N` and `many-to-many`). */
  readonly words: readonly string[];
  /** One sentence: completion details and legend tooltips. */
  readonly summary: string;
  /** Markdown: what it is and how the simulator treats it. */
  readonly body: string;
  /** How the simulator treats it under each model, where that differs. */
  readonly models?: Partial<Record<ModelName, string>>;
  /** What it costs, in the terms of LANGUAGE.md §8. */
  readonly cost?: string;
  /** A line of history, where one exists. */
  readonly history?: string;
  /** Chart states this concept explains (legend). */
  readonly states?: readonly StateValue[];
}
