import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';
import { startSmtp } from '../../../test/helpers/smtp.js';

describe.each(DB_KINDS)('"your certificate is ready" e-mail on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(kind, {}, { mailer: smtp.mailer });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('reaches a real SMTP server with the number and a download link that works, once per issue', async () => {
    const token = await t.tokenFor('organizer');
    const e = await createEvent(t, token, {
      title: 'Seminar UMKM',
      startsAt: '2021-12-30T09:00:00+07:00',
      endsAt: '2021-12-30T12:00:00+07:00',
      venue: { name: 'Aula Kelurahan Kanigaran' },
    });
    const withMail = await seedRegistration(t.app.ctx.db, e.id, {
      name: 'Siti Aminah',
      backTitles: 'S.E.',
      email: 'siti@example.test',
    });
    const noMail = await seedRegistration(t.app.ctx.db, e.id, { name: 'Budi' });
    for (const r of [withMail, noMail]) {
      const c = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/checkins`,
        token,
        payload: { ticketCode: r.ticketCode, override: { reason: 'Tes: di luar jendela acara' } },
      });
      expect(c.statusCode).toBe(201);
    }
    const issued = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/certificates`,
      token,
      payload: { notify: true },
    });
    expect(issued.json().issued).toBe(2);
    const certs = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/certificates`, token })
    ).json().certificates as {
      number: string;
      code: string;
    }[];
    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0]!.replace(/=\r?\n/g, '');
    expect(mail).toContain('siti@example.test');
    expect(certs.some((c) => mail.includes(c.number))).toBe(true);
    const link = /http:\/\/aula\.test(\/api\/v1\/certificates\/[A-Z2-9]+\/pdf\?key=[^\s]+)/.exec(mail)?.[1];
    expect(link).toBeTruthy();
    const pdf = await t.inject({ method: 'GET', url: link!.replace(/=3D/g, '=') });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Issuing again issues nothing new and sends nothing.
    const again = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/certificates`,
      token,
      payload: { notify: true },
    });
    expect(again.json().issued).toBe(0);
    expect(smtp.inbox).toHaveLength(1);
  });
});
