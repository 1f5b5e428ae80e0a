import { State } from '../sim/result';
import { COST_PRESETS, type CostPreset } from '../language/costPresets';
import { COSTS } from '../language/registry';
import { formatDuration } from '../units';
import type { Concept } from './types';

/** The price of each mechanism (LANGUAGE.md §8); each is also a chart state. */
export const COST_CONCEPTS: readonly Concept[] = [
  {
    id: 'cost:mode-switch',
    title: 'Mode switch',
    category: 'cost',
    words: ['mode-switch'],
    summary: 'Entering the kernel and returning (default 100ns).',
    body: 'Paid once per kernel entry with its return: a system call, a blocking call, a kernel wake-up (including waking a parked LWP).',
    cost: 'Default 100ns; counted in `modeSwitches`.',
    states: [State.OverheadModeSwitch],
  },
  {
    id: 'cost:kernel-switch',
    title: 'Kernel context switch',
    category: 'cost',
    words: ['kernel-switch'],
    summary: 'A CPU starts running an LWP other than the last one it ran (default 2us).',
    body: 'Saving one LWP\'s registers and kernel state and loading another\'s. Also paid after a CPU idled.',
    cost: 'Default 2us; counted in `kernelSwitches`.',
    states: [State.OverheadKernelSwitch],
  },
  {
    id: 'cost:address-space-switch',
    title: 'Address-space switch',
    category: 'cost',
    words: ['address-space-switch'],
    summary: 'Extra price when the new LWP belongs to another process (default 1us).',
    body: 'Changing page tables and losing TLB entries. Threads of one process never pay it between themselves.',
    cost: 'Default 1us, on top of `kernel-switch`.',
    states: [State.OverheadAddressSpaceSwitch],
  },
  {
    id: 'cost:user-switch',
    title: 'User-level switch',
    category: 'cost',
    words: ['user-switch'],
    summary: 'The thread library switches the user thread on an LWP (default 100ns).',
    body: 'No kernel entry: the library saves and restores registers itself. This is why many-to-one and many-to-many switches are cheap.',
    cost: 'Default 100ns; counted in `userSwitches`.',
    states: [State.OverheadUserSwitch],
  },
  {
    id: 'cost:user-create',
    title: 'User thread creation',
    category: 'cost',
    words: ['user-create'],
    summary: '`spawn` of an unbound thread in many-to-one / many-to-many (default 1us).',
    body: 'The library allocates a stack and a thread control block; the kernel is not involved.',
    cost: 'Default 1us.',
    states: [State.OverheadUserCreate],
  },
  {
    id: 'cost:kernel-create',
    title: 'Kernel thread (LWP) creation',
    category: 'cost',
    words: ['kernel-create'],
    summary: 'Creating an LWP: `spawn` in one-to-one or of a bound thread, or an LWP added by SIGWAITING or a hand-off (default 10us).',
    body: 'The kernel allocates and initialises a schedulable entity; roughly ten times a user-level creation by default.',
    cost: 'Default 10us.',
    states: [State.OverheadKernelCreate],
  },
  {
    id: 'cost:upcall',
    title: 'Upcall',
    category: 'cost',
    words: ['upcall'],
    summary: 'Each upcall the kernel makes into the thread library (default 1us).',
    body: 'With `upcalls on`, a blocking `io` costs two: one when the LWP blocks, one when the call completes.',
    cost: 'Default 1us; counted in `upcalls`.',
    states: [State.OverheadUpcall],
  },
];

/** A preset's values and sources as Markdown: what hovers and completion show for `costs NAME`. */
export function presetMarkdown(p: CostPreset): string {
  const rows = COSTS.map((c) => {
    const v = p.costs[c.word];
    return v === undefined ? `| \`${c.word}\` | ${formatDuration(c.defaultNs)} | the default |` : `| \`${c.word}\` | ${formatDuration(v.ns)} | ${v.from} |`;
  });
  return ['| cost | value | from |', '| --- | --- | --- |', ...rows, '', `Source: ${p.source}.`].join('\n');
}

/** One glossary entry per cost preset (`costs linux`), so hovers and completion explain each name. */
export const PRESET_CONCEPTS: readonly Concept[] = COST_PRESETS.map((p) => ({
  id: `preset:${p.word}`,
  title: `Cost preset \`${p.word}\`: ${p.title}`,
  category: 'cost',
  words: [p.word],
  summary: `${p.machine}.`,
  body: presetMarkdown(p),
}));
