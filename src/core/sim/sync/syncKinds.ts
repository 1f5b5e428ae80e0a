/** The sync object of each kind, by the IR's kind name: a new kind is a file in this folder and a line here. */
import type { SyncIR } from '../../check/ir';
import { Barrier } from './barrier';
import type { SyncContext } from './context';
import { Mutex } from './mutex';
import { Semaphore } from './semaphore';
import { Spinlock } from './spinlock';
import type { SyncObject } from './syncObject';

export const SYNC_KINDS: Record<SyncIR['kind'], (ir: SyncIR, cx: SyncContext) => SyncObject> = {
  mutex: (ir, cx) => new Mutex(ir, cx),
  spinlock: (ir, cx) => new Spinlock(ir, cx),
  semaphore: (ir, cx) => new Semaphore(ir, cx),
  barrier: (ir, cx) => new Barrier(ir, cx),
};
