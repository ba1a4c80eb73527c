#!/usr/bin/env node
// The `aula` command line: checks the Node.js version, builds on first use, then runs the compiled CLI.
// The check is the first import, so it runs before anything else is loaded.
import '../scripts/check-node.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, [`${root}scripts/build.mjs`, '--if-stale'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  cwd: root,
});
const { main } = await import(`${root}dist/src/cli.js`);
process.exitCode = await main(process.argv.slice(2));
