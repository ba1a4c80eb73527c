import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { parseDatabaseUrl } from '../../config.js';
import { createDb } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { migrations } from '../../db/migrations/index.js';

const when = { startsAt: '2031-12-30T09:00:00+07:00', endsAt: '2031-12-30T12:00:00+07:00' };

/**
 * Issue 13 point 1: an organization is its members'. Only members put events under it or edit it;
 * owners manage members and one owner always stays; announcements reach only the attendees of
 * organizations the sender belongs to.
 */
describe.each(DB_KINDS)('organization membership on %s', (kind) => {
  let t: TestApp;
  let a: string; // creates the organization: its owner
  let b: string; // another organizer
  let admin: string;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    a = await t.tokenFor('organizer', 'a@example.test');
    b = await t.tokenFor('organizer', 'b@example.test');
    await t.tokenFor('organizer', 'c@example.test'); // a third organizer, added by e-mail below
    admin = await t.tokenFor('admin');
    await t.tokenFor('checkin', 'door@example.test');
    const r = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      token: a,
      payload: { name: 'Prodi Administrasi Publik', slug: 'prodi-ap' },
    });
    expect(r.statusCode).toBe(201);
    orgId = r.json().id;
  });
  afterAll(() => t.close());

  const members = async (token: string) => {
    const r = await t.inject({ method: 'GET', url: `/api/v1/organizations/${orgId}/members`, token });
    return {
      status: r.statusCode,
      list: (r.json().members ?? []) as { email: string; role: string; id: string }[],
    };
  };
  const put = (token: string, email: string, role: string) =>
    t.inject({
      method: 'PUT',
      url: `/api/v1/organizations/${orgId}/members`,
      token,
      payload: { email, role },
    });
  const userId = async (email: string) => (await members(admin)).list.find((m) => m.email === email)?.id;

  it('makes the creator the owner', async () => {
    const m = await members(a);
    expect(m.status).toBe(200);
    expect(m.list.map((x) => [x.email, x.role])).toEqual([['a@example.test', 'owner']]);
  });

  it('refuses an organizer outside the organization: events under it, its details, its members', async () => {
    const create = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: b,
      payload: { title: 'Seminar B', ...when, orgId },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('org_not_member');
    expect(create.json().error.message).toContain('Prodi Administrasi Publik');
    const bySlug = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: b,
      payload: { title: 'Seminar B', ...when, orgId: 'prodi-ap' },
    });
    expect(bySlug.statusCode).toBe(403);
    const own = await createEvent(t, b, { title: 'Seminar B', ...when });
    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${own.id}`,
      token: b,
      payload: { orgId },
    });
    expect(patch.statusCode).toBe(403);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${own.id}`, token: b })).json().org,
    ).toBeNull();
    const edit = await t.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${orgId}`,
      token: b,
      payload: { name: 'Dipinjam' },
    });
    expect(edit.statusCode).toBe(403);
    expect((await members(b)).status).toBe(403);
    expect((await put(b, 'b@example.test', 'owner')).statusCode).toBe(403);
    const empty = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: b,
      payload: { title: 'Seminar B', ...when, orgId: '' },
    });
    expect(empty.statusCode).toBe(400);
  });

  it('lets the owner add an organizer, who may then use and edit it but not manage members', async () => {
    expect((await put(a, 'nobody@example.test', 'organizer')).statusCode).toBe(404);
    expect((await put(a, 'door@example.test', 'organizer')).statusCode).toBe(400);
    const added = await put(a, 'B@example.test', 'organizer');
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().members.map((x: { role: string }) => x.role)).toEqual(['owner', 'organizer']);
    const e = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: b,
      payload: { title: 'Seminar B2', ...when, orgId: 'prodi-ap' },
    });
    expect(e.statusCode, e.body).toBe(201);
    expect(e.json().org.id).toBe(orgId);
    const edit = await t.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${orgId}`,
      token: b,
      payload: { city: 'Kota Probolinggo' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const promote = await put(b, 'c@example.test', 'organizer');
    expect(promote.statusCode).toBe(403);
    expect(promote.json().error.code).toBe('org_owners_only');
    // An admin may do everything.
    const adminEvent = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: admin,
      payload: { title: 'Seminar Admin', ...when, orgId },
    });
    expect(adminEvent.statusCode).toBe(201);
  });

  it('keeps one owner: the last cannot leave or step down, two owners removing each other keep one', async () => {
    const aId = (await userId('a@example.test'))!;
    const bId = (await userId('b@example.test'))!;
    const leave = await t.inject({
      method: 'DELETE',
      url: `/api/v1/organizations/${orgId}/members/${aId}`,
      token: a,
    });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error.code).toBe('org_last_owner');
    expect((await put(a, 'a@example.test', 'organizer')).statusCode).toBe(409);
    expect((await put(a, 'b@example.test', 'owner')).statusCode).toBe(200);
    const [x, y] = await Promise.all([
      t.inject({ method: 'DELETE', url: `/api/v1/organizations/${orgId}/members/${bId}`, token: a }),
      t.inject({ method: 'DELETE', url: `/api/v1/organizations/${orgId}/members/${aId}`, token: b }),
    ]);
    // One wins. The other is refused either as the last owner (both checks ran before either removal: 409) or,
    // when the winner's removal committed before its check, as no longer a member of the organization (403).
    const codes = [x.statusCode, y.statusCode].sort();
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const left = (await members(admin)).list;
    expect(left.filter((m) => m.role === 'owner')).toHaveLength(1);
    // Whoever stayed puts the other back for the next test.
    const owner = left[0]!.email === 'a@example.test' ? a : b;
    expect(
      (
        await put(
          owner,
          left[0]!.email === 'a@example.test' ? 'b@example.test' : 'a@example.test',
          'organizer',
        )
      ).statusCode,
    ).toBe(200);
  });

  it('lists member links only on organizations the organizer may edit (console)', async () => {
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'c@example.test', password: 'password123' },
    });
    const cookie = login.cookies.find((k) => k.name === 'aula_session')!.value;
    const list = await t.inject({ method: 'GET', url: '/console/orgs', cookies: { aula_session: cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Prodi Administrasi Publik');
    expect(list.body).not.toContain(`href="/console/orgs/${orgId}"`);
    const page = await t.inject({
      method: 'GET',
      url: `/console/orgs/${orgId}`,
      cookies: { aula_session: cookie },
    });
    expect(page.statusCode).toBe(403);
  });
});

describe.each(DB_KINDS)('organization members in the console on %s', (kind) => {
  let t: TestApp;
  afterAll(() => t.close());

  it('lets the owner add a member by e-mail and the member leave, with errors on the page', async () => {
    t = await createTestApp(kind);
    const owner = await t.tokenFor('organizer', 'pemilik@example.test');
    await t.tokenFor('organizer', 'anggota@example.test');
    const orgId = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        token: owner,
        payload: { name: 'LPM Kota Probolinggo' },
      })
    ).json().id as string;
    const session = async (email: string) => {
      const r = await t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'password123' },
      });
      return {
        cookie: r.cookies.find((k) => k.name === 'aula_session')!.value,
        csrf: r.json().csrfToken as string,
      };
    };
    const post = (s: { cookie: string; csrf: string }, url: string, fields: Record<string, string>) =>
      t.inject({
        method: 'POST',
        url,
        cookies: { aula_session: s.cookie },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
      });
    const o = await session('pemilik@example.test');
    const page = await t.inject({
      method: 'GET',
      url: `/console/orgs/${orgId}`,
      cookies: { aula_session: o.cookie },
    });
    expect(page.body).toContain('Anggota organisasi');
    expect(page.body).toContain(`action="/console/orgs/${orgId}/members"`);
    const unknown = await post(o, `/console/orgs/${orgId}/members`, {
      email: 'siapa@example.test',
      role: 'organizer',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Belum ada akun panitia dengan e-mail siapa@example.test');
    const added = await post(o, `/console/orgs/${orgId}/members`, {
      email: 'anggota@example.test',
      role: 'organizer',
    });
    expect(added.statusCode).toBe(303);
    const m = await session('anggota@example.test');
    const seen = await t.inject({
      method: 'GET',
      url: `/console/orgs/${orgId}`,
      cookies: { aula_session: m.cookie },
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('pemilik@example.test');
    expect(seen.body).not.toContain(`action="/console/orgs/${orgId}/members"`);
    const lastOwner = await post(
      o,
      `/console/orgs/${orgId}/members/${(await t.app.ctx.services.auth.checkPassword('pemilik@example.test', 'password123')).id}/remove`,
      {},
    );
    expect(lastOwner.statusCode).toBe(409);
    expect(lastOwner.body).toContain('minimal satu pemilik');
    const memberId = (await t.app.ctx.services.auth.checkPassword('anggota@example.test', 'password123')).id;
    const leave = await post(m, `/console/orgs/${orgId}/members/${memberId}/remove`, {});
    expect(leave.statusCode).toBe(303);
    expect(leave.headers.location).toBe('/console/orgs?saved=1');
    expect(
      (await t.inject({ method: 'GET', url: `/console/orgs/${orgId}`, cookies: { aula_session: m.cookie } }))
        .statusCode,
    ).toBe(403);
  });
});

describe.each(DB_KINDS)('announcements count only organizations the sender belongs to, on %s', (kind) => {
  let t: TestApp;
  afterAll(() => t.close());

  it("does not open an organization's past attendees to a team organizer outside it", async () => {
    t = await createTestApp(kind);
    const owner = await t.tokenFor('organizer', 'owner@example.test');
    const outsider = await t.tokenFor('organizer', 'outsider@example.test');
    const admin = await t.tokenFor('admin');
    const org = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        token: owner,
        payload: { name: 'Kelurahan Kanigaran' },
      })
    ).json().id as string;
    const past = await createEvent(
      t,
      owner,
      { title: 'Seminar 2021', ...when, orgId: org },
      { publish: true },
    );
    const reg = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${past.id}/registrations`,
      payload: {
        name: 'Siti',
        email: 'siti@example.test',
        institution: 'UMKM',
        mode: 'onsite',
        consent: true,
        consents: { news: true },
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const ci = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${past.id}/checkins`,
      token: owner,
      payload: { ticketCode: reg.json().ticketCode, override: { reason: 'uji coba' } },
    });
    expect(ci.statusCode, ci.body).toBe(201);
    const moved = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${past.id}`,
      token: owner,
      payload: { startsAt: '2021-12-30T09:00:00+07:00', endsAt: '2021-12-30T12:00:00+07:00' },
    });
    expect(moved.statusCode).toBe(200);
    const next = await createEvent(
      t,
      owner,
      { title: 'Seminar 2022', ...when, orgId: org },
      { publish: true },
    );
    // The owner adds the outsider to the next event's team, not to the organization.
    const team = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${next.id}/team`,
      token: owner,
      payload: { email: 'outsider@example.test', role: 'organizer' },
    });
    expect(team.statusCode, team.body).toBe(200);
    const count = async (token: string) =>
      (await t.inject({ method: 'GET', url: `/api/v1/events/${next.id}/announcements`, token })).json()
        .eligible;
    expect(await count(owner)).toBe(1);
    expect(await count(admin)).toBe(1);
    expect(await count(outsider)).toBe(0);
    const send = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${next.id}/announcements`,
      token: outsider,
    });
    expect(send.statusCode).toBe(200);
    expect(send.json().emailed).toBe(0);
    // The team organizer can still edit the event without moving it out of the organization.
    const edit = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${next.id}`,
      token: outsider,
      payload: { orgId: org, title: 'Seminar 2022 (revisi)' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
  });
});

describe.each(DB_KINDS)('migration 2026_12_07_1300_org_members on %s', (kind) => {
  it('makes each existing organization owned by its creator', async () => {
    const database = await createTestDatabase(kind);
    const handle = createDb(parseDatabaseUrl(database.url, database.dir));
    try {
      const before = Object.keys(migrations)
        .filter((n) => n < '2026_12_07_1300_org_members')
        .sort()
        .at(-1)!;
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      const step = await migrator.migrateTo(before);
      expect(step.error).toBeUndefined();
      const now = Date.now();
      await handle.db
        .insertInto('users')
        .values({
          id: 'u1',
          email: 'u1@example.test',
          name: 'U',
          role: 'organizer',
          password_hash: 'x',
          created_at: now,
        } as never)
        .execute();
      await handle.db
        .insertInto('organizations')
        .values([
          {
            id: 'o1',
            slug: 'o-satu',
            name: 'Satu',
            short_name: null,
            website: null,
            logo_path: null,
            description: null,
            created_by: 'u1',
            created_at: now,
          },
          {
            id: 'o2',
            slug: 'o-dua',
            name: 'Dua',
            short_name: null,
            website: null,
            logo_path: null,
            description: null,
            created_by: null,
            created_at: now,
          },
        ] as never)
        .execute();
      await migrateToLatest(handle.db);
      const rows = await handle.db.selectFrom('org_members').select(['org_id', 'user_id', 'role']).execute();
      expect(rows).toEqual([{ org_id: 'o1', user_id: 'u1', role: 'owner' }]);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
