import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DB_KINDS } from './helpers/env.js';
import { person, publishedEvent } from './helpers/registrations.js';

const plan = {
  layout: { rows: [10, 10], aisles: [5], blocked: [], reserved: ['A1', 'A3'] },
  rule: { kind: 'gap', seatGap: 1, rowGap: 1 },
};

/**
 * Columns that hold a person or point to one. A table with any of them is either in the personal-data registry
 * (src/modules/personal-data.ts) or below with the reason it is not about participants.
 */
const PERSONAL_COLUMNS = new Set([
  'name',
  'front_titles',
  'back_titles',
  'email',
  'phone',
  'contact',
  'author_name',
  'answers',
  'registration_id',
  'voter_key',
  'address',
  'data',
]);
const NOT_ABOUT_PARTICIPANTS: Record<string, string> = {
  users: 'staff accounts',
  api_tokens: 'staff tokens (a token name)',
  people: 'speakers and officials of the public programme, entered by the organizer',
  organizations: 'organizations, not people',
  report_narratives: "the organizer's report text",
  report_versions: 'finalized reports, by staff',
  qa_voters: 'addresses of browsers without a ticket, linked to no registration, kept for rate limits',
  qa_voter_slots: 'per-minute counts of new voters per address, linked to no registration (rate limits)',
  job_queue: 'work in flight: payloads carry ids (a delivery), never a contact',
};

/**
 * UU PDP erasure reaches every module that copied the person's name: after "Hapus data saya" the
 * question keeps its text but not the asker's name, and the certificate keeps its number (never reused)
 * but names no one and no longer verifies as valid.
 */
describe.each(DB_KINDS)('the personal-data registry on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('covers every table with personal columns, and names only columns that exist', async () => {
    const tables = await t.app.ctx.db.introspection.getTables();
    const columns = new Map(tables.map((x) => [x.name, new Set(x.columns.map((c) => c.name))]));
    const covered = t.app.ctx.services.privacy.tables();
    const missing = [...columns]
      .filter(([, cols]) => [...cols].some((c) => PERSONAL_COLUMNS.has(c)))
      .map(([name]) => name)
      .filter((name) => !covered[name] && !NOT_ABOUT_PARTICIPANTS[name]);
    expect(missing, 'tables with personal columns missing from src/modules/personal-data.ts').toEqual([]);
    const unknown = Object.entries(covered).flatMap(([name, cols]) =>
      cols.filter((c) => !columns.get(name)?.has(c)).map((c) => `${name}.${c}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe.each(DB_KINDS)('erasing a participant reaches questions and certificates on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('forgets the name everywhere, keeps the counts', async () => {
    const token = await t.tokenFor('organizer');
    const e = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/events',
        token,
        payload: {
          title: 'Seminar UMKM',
          startsAt: '2031-12-30T09:00:00+07:00',
          endsAt: '2031-12-30T12:00:00+07:00',
          venue: { name: 'Aula Kelurahan Kanigaran', capacity: 52 },
        },
      })
    ).json();
    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/publish`, token });
    const reg = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: {
          name: 'Siti Aminah',
          backTitles: 'S.E.',
          phone: '081234567001',
          mode: 'onsite',
          consent: true,
        },
      })
    ).json();
    const q = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/questions`,
      payload: {
        text: 'Bagaimana cara mendapat kartu UMKM?',
        channel: 'onsite',
        authorName: 'Siti Aminah',
        ticketCode: reg.ticketCode,
      },
    });
    expect(q.statusCode, q.body).toBe(201);
    expect(q.body).toContain('Siti Aminah');
    const checkin = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/checkins`,
      token,
      // The event is years ahead: the door records it anyway with a reason, which the audit log keeps.
      payload: { ticketCode: reg.ticketCode, override: { reason: 'Gladi bersih' } },
    });
    expect(checkin.statusCode, checkin.body).toBe(201);
    const auditUrl = `/api/v1/events/${e.id}/attendance/audit`;
    expect((await t.inject({ method: 'GET', url: auditUrl, token })).body).toContain('Siti');
    const issued = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/certificates`,
      token,
      payload: { beforeEnd: true },
    });
    expect(issued.statusCode, issued.body).toBeLessThan(300);
    const certs = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/certificates`, token })
    ).json().certificates;
    expect(certs).toHaveLength(1);
    const code = certs[0].code as string;
    // A corrected name: the audit line notes the name before and after.
    const fixed = await t.inject({
      method: 'POST',
      url: `/api/v1/certificates/${code}/reissue`,
      token,
      payload: { name: 'Siti Aminah Rahmawati', backTitles: 'S.E.', reason: 'Nama lengkap' },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const certAudit = () =>
      t.app.ctx.db.selectFrom('audit_log').select('data').where('target', '=', certs[0].id).execute();
    expect(JSON.stringify(await certAudit())).toContain('Siti Aminah Rahmawati');
    expect((await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}` })).json().status).toBe(
      'valid',
    );

    const erase = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${reg.ticketCode}/erase`,
      payload: { confirm: true },
    });
    expect(erase.statusCode).toBe(200);

    const questions = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/questions?status=pending`,
      token,
    });
    const mine = questions.json().questions.find((x: { text: string }) => x.text.startsWith('Bagaimana'));
    expect(mine).toBeTruthy();
    expect(JSON.stringify(mine)).not.toContain('Siti');
    const verify = await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}` });
    expect(verify.json().status).toBe('revoked');
    expect(verify.body).not.toContain('Siti');
    const page = await t.inject({ method: 'GET', url: `/v/${code}` });
    expect(page.body).not.toContain('Siti');
    const audit = await t.inject({ method: 'GET', url: auditUrl, token });
    expect(audit.body).toContain('Gladi bersih');
    expect(audit.body).not.toContain('Siti');
    const reissued = JSON.stringify(await certAudit());
    expect(reissued).toContain('—');
    expect(reissued).not.toContain('Siti');
    const stats = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token })).json();
    expect(stats.questions.total).toBe(1);
  });
});

describe.each(DB_KINDS)('"Data saya" copies and erases what every module keeps on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('a meeting-report import, its audit and an invitation forget the person; the copy shows them first', async () => {
    const e = await publishedEvent(t);
    const dewi = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        payload: person(1, { name: 'Dewi Lestari', email: 'dewi@example.test', mode: 'online' }),
      })
    ).json();
    const csv = [
      'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent',
      'Dewi Lestari,dewi@example.test,12/30/2031 08:58:10 AM,12/30/2031 12:01:00 PM,183,No,Y',
      'HP Dewi,,12/30/2031 09:10:00 AM,12/30/2031 11:00:00 AM,110,Yes,Y',
    ].join('\n');
    const imp = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/attendance/imports`,
      token: e.token,
      payload: { csv, filename: 'zoom.csv' },
    });
    expect(imp.statusCode, imp.body).toBe(201);
    const impId = imp.json().id as string;
    const rowOf = async (n: string) =>
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/events/${e.id}/attendance/imports/${impId}`,
          token: e.token,
        })
      )
        .json()
        .rows.find((r: { name: string }) => r.name === n);
    // The organizer hands the unnamed device to Dewi: the audit log notes the row's name.
    const assigned = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/attendance/imports/${impId}/rows/${(await rowOf('HP Dewi')).id}`,
      token: e.token,
      payload: { registrationId: dewi.id },
    });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    await t.inject({ method: 'PUT', url: `/api/v1/events/${e.id}/seat-plan`, token: e.token, payload: plan });
    const inv = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/invitations`,
        token: e.token,
        payload: { name: 'Dwi Arianto', position: 'Lurah Kanigaran', phone: '0812-5555-0001', seat: 'a3' },
      })
    ).json();
    const invToken = inv.url.split('/i/')[1];
    await t.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invToken}/reply`,
      payload: { answer: 'accept' },
    });
    const guestTicket = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/invitations`, token: e.token })
    )
      .json()
      .invitations[0].ticketUrl.split('/t/')[1];

    const copy = (await t.inject({ method: 'GET', url: `/api/v1/tickets/${dewi.ticketCode}/data` })).json();
    expect(copy.registration.email).toBe('dewi@example.test');
    expect(JSON.stringify(copy.held.attendance)).toContain('HP Dewi');
    expect(copy.held).toHaveProperty('questions');
    expect(copy.held).toHaveProperty('certificates');
    expect(copy.held.messages).toEqual([]);
    expect(copy.held.announcements).toEqual({ deliveries: [], optedOut: null });
    const guestCopy = (await t.inject({ method: 'GET', url: `/api/v1/tickets/${guestTicket}/data` })).json();
    expect(guestCopy.held.invitations[0]).toMatchObject({ position: 'Lurah Kanigaran' });

    for (const code of [dewi.ticketCode, guestTicket]) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/tickets/${code}/erase`,
        payload: { confirm: true },
      });
      expect(r.statusCode).toBe(200);
    }
    const after = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/attendance/imports/${impId}`,
      token: e.token,
    });
    expect(after.body).not.toContain('Dewi');
    expect(after.body).not.toContain('dewi@example.test');
    const audit = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/attendance/audit`,
      token: e.token,
    });
    expect(audit.body).not.toContain('Dewi');
    const invs = await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/invitations`, token: e.token });
    expect(invs.body).not.toContain('Dwi');
    expect(invs.body).not.toContain('6281255550001');
    expect(invs.json().counts).toMatchObject({ accepted: 1 });
  });
});
