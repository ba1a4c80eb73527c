#!/usr/bin/env node
// Runs before anything else in `npm start`, `npm run build` and `npx aula`: on an older Node.js the
// build or a native module (better-sqlite3) fails far from the cause ("Segmentation fault"), so say
// plainly what is needed and how to get it. Plain old CommonJS (.cjs), so that any Node — 10, 12, 18 — runs it.
// `--as <version>` checks that version instead of this process's (the tests use it).

var NEED = [22, 12];

function supported(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  var major = Number(parts[0]);
  var minor = Number(parts[1] || 0);
  return major > NEED[0] || (major === NEED[0] && minor >= NEED[1]);
}

function message(version) {
  version = 'v' + String(version).replace(/^v/, '');
  return [
    '',
    '  Aula membutuhkan Node.js ' + NEED.join('.') + ' atau lebih baru; ini Node.js ' + version + '.',
    '  Aula needs Node.js ' + NEED.join('.') + ' or newer; this is Node.js ' + version + '.',
    '',
    '  Pasang Node.js 24 LTS, lalu jalankan `npm ci` lagi.',
    '  Install Node.js 24 LTS, then run `npm ci` again:',
    '    - with nvm:        nvm install 24 && nvm use 24',
    '    - Debian/Ubuntu:   curl -fsSL https://deb.nodesource.com/setup_24.x | sudo bash - && sudo apt-get install -y nodejs',
    '    - other systems:   https://nodejs.org/en/download (choose 24 LTS)',
    '',
  ].join('\n');
}

// `--as` only when run as a script (bin/aula.cjs imports this file with the CLI's own arguments).
var self = /check-node\.cjs$/.test(process.argv[1] || '');
var i = self ? process.argv.indexOf('--as') : -1;
var version = i > 0 ? process.argv[i + 1] : process.versions.node;
if (!supported(version)) {
  process.stderr.write(message(version) + '\n');
  process.exit(1);
}
