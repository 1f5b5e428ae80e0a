/**
 * The cap on diagnostics shown for one file, applied where they are shown
 * (`lwp check` and the other commands, the language server's publish). A file
 * of four million stray `}` has four million diagnostics: printing or
 * publishing them all took 3 GB and half a minute (`lwp check`) or killed the
 * language server; nobody reads past the first screenful. The last one kept
 * says how many more there are, so the cut is never silent. A thousand is
 * more than anyone reads, and few enough that the language server's main
 * thread converts and sends them (related information included) in well
 * under a tenth of a second.
 */
import type { Diagnostic } from '../diagnostic';

/** Diagnostics shown for one file (listed in docs/limits.md). */
export const MAX_DIAGNOSTICS_PER_FILE = 1_000;

/**
 * At most `max` diagnostics, in their order; when some are left out, the last
 * one kept says `(… and N more …)`. If every error would be left out, the
 * first error takes the last place, so a file with errors always shows one.
 */
export function capDiagnostics(all: readonly Diagnostic[], max: number = MAX_DIAGNOSTICS_PER_FILE, omitted = 0): readonly Diagnostic[] {
  if (all.length + omitted <= max) return all;
  if (all.length === 0) return all;
  const kept = all.slice(0, Math.min(max, all.length));
  max = kept.length;
  if (!kept.some((d) => d.severity === 'error')) {
    const firstError = all.find((d) => d.severity === 'error');
    if (firstError) kept[max - 1] = firstError;
  }
  const last = kept[max - 1];
  const more = all.length - max + omitted;
  kept[max - 1] = { ...last, message: `${last.message} (… and ${more.toLocaleString('en-US')} more in this file, not shown: at most ${max.toLocaleString('en-US')} per file, MAX_DIAGNOSTICS_PER_FILE)` };
  return kept;
}
