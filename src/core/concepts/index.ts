/**
 * The threading glossary: one entry per concept. Hovers, completion details,
 * the chart legend and docs/concepts.md all read it, so each idea is explained
 * once.
 */
import type { ModelName } from '../syntax/ast';
import type { StateValue } from '../sim/result';
import { COST_CONCEPTS, PRESET_CONCEPTS } from './costs';
import { ENTITY_CONCEPTS } from './entities';
import { METRIC_CONCEPTS } from './metrics';
import { MODEL_CONCEPTS } from './models';
import { POLICY_CONCEPTS } from './policies';
import { STATE_CONCEPTS } from './states';
import { STATEMENT_CONCEPTS } from './statements';
import { SYNC_CONCEPTS } from './sync';
import type { Concept, ConceptCategory } from './types';

export type { Concept, ConceptCategory } from './types';

export const GLOSSARY: readonly Concept[] = [
  ...MODEL_CONCEPTS,
  ...ENTITY_CONCEPTS,
  ...STATEMENT_CONCEPTS,
  ...COST_CONCEPTS,
  ...PRESET_CONCEPTS,
  ...POLICY_CONCEPTS,
  ...SYNC_CONCEPTS,
  ...METRIC_CONCEPTS,
  ...STATE_CONCEPTS,
];

const byId = new Map(GLOSSARY.map((c) => [c.id, c]));

export function getConcept(id: string): Concept | undefined {
  return byId.get(id);
}

/**
 * The concept a source word stands for. Several words mean different things in
 * different places (`priority` is a thread option and two scheduler policies;
 * `sigwaiting` an option and a metric), so the caller names the categories that
 * fit where the word is, most fitting first.
 */
export function findConcept(word: string, prefer: readonly ConceptCategory[] = []): Concept | undefined {
  const matches = GLOSSARY.filter((c) => c.words.includes(word));
  for (const cat of prefer) {
    const hit = matches.find((c) => c.category === cat);
    if (hit) return hit;
  }
  return matches[0];
}

/** The concept that explains a chart state, for the legend. */
export function conceptForState(state: StateValue): Concept | undefined {
  return GLOSSARY.find((c) => c.states?.includes(state));
}

const MODEL_LABEL: Record<ModelName, string> = {
  'one-to-one': 'one-to-one',
  'many-to-one': 'many-to-one',
  'many-to-many': 'many-to-many',
};

/**
 * Markdown for a hover or a docs page. With `model`, only the note for that
 * model is shown (the hover is about this process); without, every note.
 */
export function renderConcept(c: Concept, model?: ModelName): string {
  const out = [`**${c.title}** — ${c.summary}`, '', c.body];
  if (c.models) {
    const notes = model ? (c.models[model] ? [[model, c.models[model]] as const] : []) : Object.entries(c.models);
    for (const [m, note] of notes) out.push('', `*In ${model ? 'this ' : ''}${MODEL_LABEL[m as ModelName]}${model ? ' process' : ''}:* ${note}`);
  }
  if (c.cost) out.push('', `*Cost:* ${c.cost}`);
  if (c.history) out.push('', `*History:* ${c.history}`);
  return out.join('\n');
}
