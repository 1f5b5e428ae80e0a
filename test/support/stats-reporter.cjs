'use strict';
// Mocha's spec reporter, plus a stats file for scripts/test.mjs, which adds
// every phase's counts into the one closing line `N passed, N failed`.
const Mocha = require('mocha');
const fs = require('node:fs');

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.LWP_TEST_STATS;
      if (file) {
        const { passes, failures, pending } = runner.stats ?? this.stats;
        fs.writeFileSync(file, JSON.stringify({ passes, failures, pending }));
      }
    });
  }
}
module.exports = StatsReporter;
