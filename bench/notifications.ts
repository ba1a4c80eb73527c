// `npm run bench -- notifications [count]`: reminders for 10,000 registrants rendered (per person: mode,
// links, .ics) and handed to a local SMTP server through the durable queue (outbox rows and jobs written in
// one transaction, claimed by the worker), against a plain nodemailer loop sending one such message the
// same number of times to the same server in the same run. Prints a final JSON line with the ratio.
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { seedRegistrations } from '../test/helpers/seed-registrations.js';
import { benchNode } from './_node.js';

const COUNT = Number(process.argv[2] ?? 10_000);
const DAY_BEFORE = Date.parse('2031-12-29T17:00:00+07:00');

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  // A reverse DNS look-up per connection would measure the resolver, not the senders.
  disableReverseLookup: true,
  onData(stream, _session, cb) {
    stream.on('data', () => {});
    stream.on('end', () => {
      accepted++;
      cb();
    });
  },
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
const waitFor = async (n: number) => {
  while (accepted < n) await new Promise((r) => setTimeout(r, 20));
};

const node = await benchNode('notifications', {
  SMTP_URL: smtpUrl,
  JOBS_POLL_MS: '50',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const { app } = node;
const ev = await app.inject({
  method: 'POST',
  url: '/api/v1/events',
  headers: { authorization: `Bearer ${node.organizerToken}` },
  payload: {
    title: 'Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
    startsAt: '2031-12-30T09:00:00+07:00',
    endsAt: '2031-12-30T12:00:00+07:00',
    venue: { name: 'Aula Kelurahan Kanigaran', address: 'Kota Probolinggo', capacity: COUNT },
    online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
  },
});
const eventId = ev.json().id as string;
await app.inject({
  method: 'POST',
  url: `/api/v1/events/${eventId}/publish`,
  headers: { authorization: `Bearer ${node.organizerToken}` },
});
await seedRegistrations(app.ctx.db, eventId, Math.ceil(COUNT / 2), { mode: 'onsite', prefix: 'Luring' });
await seedRegistrations(app.ctx.db, eventId, Math.floor(COUNT / 2), { mode: 'online', prefix: 'Daring' });
await app.ready();

// Baseline: one rendered reminder (with its .ics) sent COUNT times by a plain loop, a connection per message
// as Aula's mailer does.
const event = (await app.ctx.services.events.find(eventId))!;
const sample = {
  from: 'Aula <no-reply@aula.bench>',
  to: 'peserta@example.test',
  subject: `Pengingat: ${event.title} — Selasa, 30 Desember 2031, pukul 09.00 WIB`,
  text: 'Halo Peserta,\n\nIni pengingat untuk acara besok.\n'.repeat(8),
  attachments: [
    { filename: 'acara.ics', content: 'BEGIN:VCALENDAR\r\n'.repeat(30), contentType: 'text/calendar' },
  ],
};
// The plain loop is measured on up to 2,000 messages (its rate is steady; 10,000 would take long).
const BASELINE = Math.min(COUNT, 2000);
const transport = nodemailer.createTransport(smtpUrl);
let start = performance.now();
for (let i = 0; i < BASELINE; i++) await transport.sendMail(sample);
const baselineMs = performance.now() - start;
transport.close();
// The same loop over one kept connection, for reference (Aula's mailer keeps a small pool).
const pooled = nodemailer.createTransport(`${smtpUrl}?pool=true&maxConnections=1`);
start = performance.now();
for (let i = 0; i < BASELINE; i++) await pooled.sendMail(sample);
const pooledMs = performance.now() - start;
pooled.close();

// Aula: the day-before reminder comes due; the sweep fans it out and the worker sends.
accepted = 0;
start = performance.now();
const queued = await app.ctx.services.reminders.sweep(DAY_BEFORE + 1000);
const fanOutMs = performance.now() - start;
await waitFor(queued);
const aulaMs = performance.now() - start;
const counts = await app.ctx.services.deliveries.counts({ eventId });

const messagesPerSec = Math.round((queued / aulaMs) * 1000);
const baselinePerSec = Math.round((BASELINE / baselineMs) * 1000);
const pooledPerSec = Math.round((BASELINE / pooledMs) * 1000);
console.log(`engine:                 ${app.ctx.dialect}`);
console.log(`registrants:            ${COUNT}`);
console.log(`fan-out (rows + jobs):  ${fanOutMs.toFixed(0)} ms for ${queued} deliveries`);
console.log(
  `aula reminders:         ${aulaMs.toFixed(0)} ms → ${messagesPerSec} msg/s (sent ${counts.sent ?? 0})`,
);
console.log(`plain nodemailer loop:  ${baselinePerSec} msg/s (${BASELINE} messages, a connection each)`);
console.log(`same loop, one kept connection: ${pooledPerSec} msg/s`);
await node.close();
await new Promise<void>((r) => server.close(() => r()));
console.log(
  JSON.stringify({
    bench: 'notifications',
    engine: app.ctx.dialect,
    messages: queued,
    messagesPerSec,
    baselinePerSec,
    pooledLoopPerSec: pooledPerSec,
    fanOutMs: Math.round(fanOutMs),
    ratio: Number((messagesPerSec / baselinePerSec).toFixed(2)),
  }),
);
process.exit(0);
