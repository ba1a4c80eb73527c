import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { eventually, registerMany } from '../../../test/helpers/messages.js';
import { publishedEvent } from '../../../test/helpers/registrations.js';
import { startWhatsappStandIn } from '../../../test/helpers/whatsapp.js';

describe.each(DB_KINDS)('WhatsApp Cloud API channel on %s', (kind) => {
  let t: TestApp;
  let wa: Awaited<ReturnType<typeof startWhatsappStandIn>>;
  let ev: { id: string; token: string };

  beforeAll(async () => {
    wa = await startWhatsappStandIn({ token: 'wa-token', phoneNumberId: '1234567890' });
    t = await createTestApp(kind, {
      JOBS_POLL_MS: '50',
      JOBS_RETRY_SECONDS: '1',
      WHATSAPP_TOKEN: 'wa-token',
      WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      WHATSAPP_API_URL: wa.url,
    });
    await t.app.ready();
    ev = await publishedEvent(t);
    await registerMany(t, ev.id, 2, 'wa', { mode: 'online' });
  });
  afterAll(async () => {
    await t.close();
    await wa.close();
  });

  it('sends approved template messages, one line each, retrying a transient outage', async () => {
    wa.failNext(1);
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.id}/messages`,
      token: ev.token,
      payload: {
        audience: { modes: ['online'], statuses: ['confirmed'] },
        subject: 'Tautan Zoom',
        body: 'Tautan baru ada di tiket.\nSampai jumpa.',
        channels: ['whatsapp'],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const p = await eventually(
      async () =>
        (
          await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/messages/${id}`, token: ev.token })
        ).json().progress,
      (x) => x.sent === 2,
      30_000,
    );
    expect(p).toMatchObject({ sent: 2, failed: 0 });
    expect(wa.sent).toHaveLength(2);
    expect(wa.sent.map((s) => s.to).every((to) => /^62812\d{8}$/.test(to))).toBe(true);
    expect(wa.sent[0]).toMatchObject({ template: 'aula_pesan', language: 'id' });
    expect(wa.sent[0]!.text).toContain('Tautan Zoom — Tautan baru ada di tiket. Sampai jumpa.');
    // Nothing waits in the by-hand send list when the API sends.
    const log = await t.inject({ method: 'GET', url: `/api/v1/events/${ev.id}/deliveries`, token: ev.token });
    const rows = log.json().items as { attempts: number; status: string }[];
    expect(rows.every((d) => d.status === 'sent')).toBe(true);
    expect(rows.some((d) => d.attempts === 2)).toBe(true);
  });

  it('reminders go by WhatsApp too when the API is set up', async () => {
    const before = wa.sent.length;
    const n = await t.app.ctx.services.reminders.sweep(Date.parse('2031-12-30T08:00:00+07:00') + 1000);
    // Both reminders came due (the day before, and an hour before): two people, e-mail and WhatsApp each.
    expect(n).toBe(8);
    await eventually(
      () => wa.sent.length,
      (x) => x >= before + 4,
    );
    expect(wa.sent.slice(before).every((s) => s.text.startsWith('Pengingat:'))).toBe(true);
  });
});
