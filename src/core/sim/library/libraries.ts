/** The thread library of each model, by the IR's model name: a new model is a file in this folder and a line here. */
import type { ProcessIR } from '../../check/ir';
import type { Engine } from '../engine';
import type { Process } from '../entities';
import type { ThreadLibrary } from './library';
import { ManyToManyLibrary } from './manyToMany';
import { ManyToOneLibrary } from './manyToOne';
import { OneToOneLibrary } from './oneToOne';

export const LIBRARIES: Record<ProcessIR['model'], (sim: Engine, process: Process) => ThreadLibrary> = {
  'one-to-one': (sim) => new OneToOneLibrary(sim),
  'many-to-one': (sim, p) => new ManyToOneLibrary(sim, p),
  'many-to-many': (sim, p) => new ManyToManyLibrary(sim, p),
};
