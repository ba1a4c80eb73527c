#!/usr/bin/env node
// `node scripts/screenshot.mjs [out.png]`: the README's screenshot — the public page of the demo event
// on a phone (390 px wide, Indonesian), from a throwaway server on a fresh SQLite database with the
// demo loaded (logos and banner included). Chromium: /usr/bin/chromium, or CHROMIUM=/path/to/chrome.
// The PNG is reduced to a palette by sharp so it stays under 200 KB.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { tsImport } from 'tsx/esm/api';

const root = new URL('..', import.meta.url).pathname;
const out = process.argv[2] ?? join(root, 'docs', 'screenshot.png');
const MAX_BYTES = 200 * 1024;

const { buildApp } = await tsImport('../src/app.ts', import.meta.url);
const { loadConfig } = await tsImport('../src/config.ts', import.meta.url);

const dir = mkdtempSync(join(tmpdir(), 'aula-screenshot-'));
const config = loadConfig({
  DATA_DIR: dir,
  DATABASE_URL: `sqlite:${join(dir, 'aula.sqlite')}`,
  LOG_LEVEL: 'silent',
  SESSION_SECRET: 'screenshot-secret-screenshot-secret-1',
  PUBLIC_URL: 'http://localhost:3000',
});
const app = await buildApp(config, { logger: false });
let browser;
try {
  const { slug } = await app.ctx.services.demo.load({ ownerEmail: null, dataDir: config.dataDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
  });
  const answer = await page.goto(`http://127.0.0.1:${port}/e/${slug}`, { waitUntil: 'networkidle' });
  if (answer?.status() !== 200) throw new Error(`event page answered ${answer?.status()}`);
  // The first screen as a visitor from WhatsApp sees it: banner, title, date, place.
  const shot = await page.screenshot({ type: 'png' });

  // A palette of 128 colours keeps the text crisp (it is mostly flat colour) at a fraction of the size.
  for (const colours of [128, 64, 32]) {
    const png = await sharp(shot).png({ palette: true, colours, compressionLevel: 9, effort: 10 }).toBuffer();
    if (png.length <= MAX_BYTES || colours === 32) {
      writeFileSync(out, png);
      break;
    }
  }
  console.log(`${out}: ${(statSync(out).size / 1024).toFixed(1)} KB`);
} finally {
  await browser?.close();
  // Some close hook waits on an unref'd timer; with nothing else left the process would exit with
  // the close still pending (Node's "unsettled top-level await"). A ref'd timer keeps it alive meanwhile.
  const keepAlive = setInterval(() => {}, 1000);
  await app.close();
  clearInterval(keepAlive);
  rmSync(dir, { recursive: true, force: true });
}
