#!/usr/bin/env node
'use strict';
// The `lwp` command. The real code is the bundled dist/cli.js; in a fresh
// checkout it does not exist yet, so say exactly what to run.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('lwp: dist/cli.js is missing: run `npm run build` in ' + path.dirname(__dirname) + ' first\n');
  process.exit(2);
}
require(cli).runFromProcess();
