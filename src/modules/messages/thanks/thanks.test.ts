import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { eventually, plain, registerMany, subjectOf } from '../../../../test/helpers/messages.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';
import { startSmtp } from '../../../../test/helpers/smtp.js';

describe.each(DB_KINDS)('the thank-you after the event on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ev: { id: string; token: string };
  let codes: string[];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(kind, { JOBS_POLL_MS: '50' }, { mailer: smtp.mailer });
    await t.app.ready();
    ev = await publishedEvent(t);
    codes = await registerMany(t, ev.id, 2, 'thanks');
    const c = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.id}/checkins`,
      token: ev.token,
      payload: { ticketCode: codes[0], override: { reason: 'uji di luar jam pintu' } },
    });
    expect(c.statusCode, c.body).toBeLessThan(300);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('thanks the present with evaluation, certificate and recording, the absent with other words', async () => {
    const bad = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${ev.id}/recording`,
      token: ev.token,
      payload: { url: 'javascript:alert(1)' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/url: harus alamat http/);
    const rec = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${ev.id}/recording`,
      token: ev.token,
      payload: { url: 'https://youtu.be/rekaman' },
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const send = () =>
      t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.id}/thanks`,
        token: ev.token,
        payload: { idempotencyKey: 'once' },
      });
    const r = await send();
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      present: { recipients: 1, created: true },
      absent: { recipients: 1, created: true },
    });
    expect((await send()).json()).toMatchObject({ present: { created: false }, absent: { created: false } });
    const mails = await eventually(
      () => smtp.inbox.filter((m) => subjectOf(m).startsWith('Terima kasih:')).map(plain),
      (x) => x.length >= 2,
    );
    const present = mails.find((m) => m.includes('To: p0-thanks'))!;
    const absent = mails.find((m) => m.includes('To: p1-thanks'))!;
    expect(present).toContain('Terima kasih telah hadir');
    expect(present).toContain('evaluasi');
    expect(present).toContain('Sertifikat');
    expect(present).toContain('Rekaman acara: https://youtu.be/rekaman');
    expect(absent).toContain('berhalangan hadir');
    expect(absent).toContain('Rekaman acara: https://youtu.be/rekaman');
    expect(absent).not.toContain('Sertifikat');
    expect(mails).toHaveLength(2);
  });

  it('is for the event organizers only', async () => {
    const other = await t.tokenFor('organizer');
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.id}/thanks`,
      token: other,
      payload: {},
    });
    expect(r.statusCode).toBe(403);
  });
});
