/** Code lenses above each process (run it and see the chart, compare the threading models, sweep a parameter) and above the machine (sweep). */
import type { CodeLens } from 'vscode-languageserver';
import { LENS_COMMANDS } from '../shared/lsp-protocol';
import type { Analysis } from './analysis';
import { toRange } from './convert';

export function codeLenses(a: Analysis): CodeLens[] {
  const out: CodeLens[] = [];
  for (const item of a.file.items) {
    // Above the machine, only the sweep: its CPUs, scheduler and costs are what a sweep varies there.
    if (item.kind === 'machine') out.push({ range: toRange(a.lines, item.keyword), command: { title: 'Sweep…', command: LENS_COMMANDS.sweep, arguments: [a.uri] } });
    if (item.kind !== 'process') continue;
    const range = toRange(a.lines, item.keyword);
    // Arguments: the document URI (a string), as the commands' owner expects.
    out.push({ range, command: { title: '$(play) Run and Visualize', command: LENS_COMMANDS.runAndVisualize, arguments: [a.uri] } });
    out.push({ range, command: { title: 'Compare models', command: LENS_COMMANDS.compareModels, arguments: [a.uri] } });
    out.push({ range, command: { title: 'Debug', command: LENS_COMMANDS.debugScenario, arguments: [a.uri] } });
    out.push({ range, command: { title: 'Sweep…', command: LENS_COMMANDS.sweep, arguments: [a.uri] } });
  }
  return out;
}
