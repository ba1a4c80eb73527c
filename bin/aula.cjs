#!/usr/bin/env node
// The `aula` command line: checks the Node.js version, builds on first use, then runs the compiled CLI.
// CommonJS with the check first, so an old Node (which cannot parse the app, or even top-level await)
// gets the plain message rather than a syntax error.
require('../scripts/check-node.cjs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  cwd: root,
});
import(pathToFileURL(join(root, 'dist', 'src', 'cli.js')).href).then(async ({ main }) => {
  process.exitCode = await main(process.argv.slice(2));
});
