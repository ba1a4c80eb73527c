#!/usr/bin/env node
// The `aula` command line: builds on first use, then runs the compiled CLI.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, [`${root}scripts/build.mjs`, '--if-stale'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  cwd: root,
});
const { main } = await import(`${root}dist/src/cli.js`);
process.exitCode = await main(process.argv.slice(2));
