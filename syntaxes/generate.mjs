// Generates lwp.tmLanguage.json (the file VS Code loads) from readable pieces:
// `node syntaxes/generate.mjs`. Edit this file, not the JSON.
import { writeFileSync } from 'node:fs';
const B = '(?<![A-Za-z0-9_-])'; // word start: not inside another word (words may contain '-')
const E = '(?![A-Za-z0-9_-])'; // word end
const W = '[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*';
const kw = (words) => `${B}(?:${words.join('|')})${E}`;
const MODELS = '(?:one-to-one|many-to-one|many-to-many)' + E + '|(?:1:1|N:1|M:N)(?![A-Za-z0-9_:])';
const COSTS = ['mode-switch', 'kernel-switch', 'address-space-switch', 'user-switch', 'user-create', 'kernel-create', 'upcall'];
const METRICS = ['status', 'makespan', 'cpuUtilization', 'usefulWork', 'overhead', 'spinTime', 'kernelSwitches', 'userSwitches', 'modeSwitches', 'upcalls', 'sigwaiting', 'lwpsCreated', 'threadsCreated'];

const g = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'LWP',
  scopeName: 'source.lwp',
  fileTypes: ['lwp'],
  patterns: [{ include: '#comments' }, { include: '#expect' }, { include: '#declarations' }, { include: '#statements' }, { include: '#keywords' }, { include: '#literals' }, { include: '#punctuation' }],
  repository: {
    comments: {
      patterns: [
        { name: 'comment.line.double-slash.lwp', begin: '//', beginCaptures: { 0: { name: 'punctuation.definition.comment.lwp' } }, end: '$' },
        { name: 'comment.block.lwp', begin: '/\\*', beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.lwp' } }, end: '\\*/', endCaptures: { 0: { name: 'punctuation.definition.comment.end.lwp' } } },
      ],
    },
    string: {
      name: 'string.quoted.double.lwp',
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.lwp' } },
      end: '"|$',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.lwp' } },
      patterns: [{ name: 'constant.character.escape.lwp', match: '\\\\["\\\\]' }, { name: 'invalid.illegal.escape.lwp', match: '\\\\.' }],
    },
    declarations: {
      patterns: [
        { match: `${B}(scenario)${E}`, captures: { 1: { name: 'storage.type.scenario.lwp' } } },
        { match: `${B}(machine)${E}`, captures: { 1: { name: 'storage.type.machine.lwp' } } },
        { match: `${B}(process)${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'storage.type.process.lwp' }, 2: { name: 'entity.name.type.process.lwp' } } },
        { match: `${B}(thread)${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'storage.type.thread.lwp' }, 2: { name: 'entity.name.function.thread.lwp' } } },
        { match: `${B}(mutex|spinlock|semaphore)${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'storage.type.sync.lwp' }, 2: { name: 'entity.name.variable.sync.lwp' } } },
        { match: `${B}(model)${E}(?:\\s+(${MODELS}))?`, captures: { 1: { name: 'keyword.other.model.lwp' }, 2: { name: 'constant.language.model.lwp' } } },
        { match: `${B}(scheduler)${E}(?:\\s+(round-robin|fifo|priority)${E})?`, captures: { 1: { name: 'keyword.other.scheduler.lwp' }, 2: { name: 'constant.language.policy.lwp' } } },
      ],
    },
    statements: {
      patterns: [
        { match: `${B}(lock|unlock|wait|post)${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'keyword.control.statement.lwp' }, 2: { name: 'variable.other.sync.lwp' } } },
        { match: `${B}(spawn|join)${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'keyword.control.statement.lwp' }, 2: { name: 'variable.function.thread.lwp' } } },
        { match: kw(['compute', 'syscall', 'io', 'sleep', 'yield']), name: 'keyword.control.statement.lwp' },
        { match: kw(['repeat', 'forever']), name: 'keyword.control.loop.lwp' },
      ],
    },
    keywords: {
      patterns: [
        { match: `${B}(?:${MODELS})`, name: 'constant.language.model.lwp' },
        { match: kw(['round-robin', 'fifo']), name: 'constant.language.policy.lwp' },
        { match: kw(COSTS), name: 'support.constant.cost.lwp' },
        { match: kw(['on', 'off']), name: 'constant.language.boolean.lwp' },
        { match: kw(['cpus', 'costs', 'limit', 'quantum', 'lwps', 'max', 'upcalls', 'sigwaiting', 'bound', 'priority', 'start', 'spawned']), name: 'keyword.other.option.lwp' },
      ],
    },
    literals: {
      patterns: [
        { include: '#string' },
        {
          match: '(?<![A-Za-z0-9_.-])(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s)(?![A-Za-z0-9_-])',
          name: 'constant.numeric.duration.lwp',
          captures: { 2: { name: 'keyword.other.unit.lwp' } },
        },
        { match: '(?<![A-Za-z0-9_.-])-?\\d+\\.\\d+(?![A-Za-z0-9_.])', name: 'constant.numeric.float.lwp' },
        { match: '(?<![A-Za-z0-9_.-])-?\\d+(?![A-Za-z0-9_.])', name: 'constant.numeric.integer.lwp' },
      ],
    },
    punctuation: {
      patterns: [
        { match: '\\{', name: 'punctuation.section.block.begin.lwp' },
        { match: '\\}', name: 'punctuation.section.block.end.lwp' },
        { match: ';', name: 'punctuation.terminator.statement.lwp' },
        { match: '\\*', name: 'keyword.operator.count.lwp' },
        { match: '=', name: 'keyword.operator.assignment.lwp' },
      ],
    },
    expect: {
      begin: `${B}(expect)${E}`,
      beginCaptures: { 1: { name: 'keyword.other.expect.lwp' } },
      end: '$',
      name: 'meta.expect.lwp',
      patterns: [
        { include: '#comments' },
        {
          match: `(${W})(\\.)(${W})(?:(#)(\\d+))?(\\.)(${W})`,
          captures: {
            1: { name: 'variable.other.process.lwp' },
            2: { name: 'punctuation.accessor.lwp' },
            3: { name: 'variable.function.thread.lwp' },
            4: { name: 'punctuation.separator.instance.lwp' },
            5: { name: 'constant.numeric.integer.lwp' },
            6: { name: 'punctuation.accessor.lwp' },
            7: { name: 'support.variable.field.lwp' },
          },
        },
        { match: '<=|>=|==|!=|<|>', name: 'keyword.operator.comparison.lwp' },
        { match: `${B}(is)${E}(?:\\s+(completed|deadlock|limit)${E})?`, captures: { 1: { name: 'keyword.operator.is.lwp' }, 2: { name: 'constant.language.status.lwp' } } },
        { match: kw(METRICS), name: 'support.variable.metric.lwp' },
        { include: '#literals' },
      ],
    },
  },
};
writeFileSync(new URL('./lwp.tmLanguage.json', import.meta.url), JSON.stringify(g, null, 2) + '\n');
