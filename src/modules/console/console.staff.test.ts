import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { publishedEvent } from '../../../test/helpers/registrations.js';

type Role = 'admin' | 'organizer' | 'moderator' | 'checkin';

/** Every console link on a page (same-origin paths), without fragments and duplicates. */
const consoleLinks = (html: string) => [
  ...new Set([...html.matchAll(/href="(\/console[^"#]*)/g)].map((m) => m[1]!.replaceAll('&amp;', '&'))),
];

describe.each(DB_KINDS)('staff see their work on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function login(email: string, role: Role) {
    await t.app.ctx.services.auth.createUser({
      email,
      password: 'password123',
      role,
      name: email.split('@')[0]!,
    });
    const r = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'password123' },
    });
    return r.cookies.find((c) => c.name === 'aula_session')!.value;
  }
  const get = (cookie: string, url: string) =>
    t.inject({ method: 'GET', url, cookies: { aula_session: cookie } });

  it('door staff and moderators land on their events, see only their tools, and no link answers 403', async () => {
    const e = await publishedEvent(t);
    const draft = await publishedEvent(t, { token: e.token, publish: false });
    const door = await login('pintu@example.test', 'checkin');
    const mod = await login('moderator@example.test', 'moderator');
    for (const [email, role] of [
      ['pintu@example.test', 'checkin'],
      ['moderator@example.test', 'moderator'],
    ]) {
      for (const id of [e.id, draft.id]) {
        const r = await t.inject({
          method: 'PUT',
          url: `/api/v1/events/${id}/team`,
          token: e.token,
          payload: { email, role },
        });
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    for (const [cookie, tool] of [
      [door, `/console/events/${e.id}/checkin`],
      [mod, `/console/events/${e.id}/moderate`],
    ] as const) {
      const home = await get(cookie, '/console');
      expect(home.statusCode).toBe(200);
      expect(home.body).not.toContain('Buat acara baru');
      expect(home.body).toContain(`href="${tool}"`);
      // Walk every console link the person is shown, two levels deep: none may refuse them.
      const seen = new Set<string>();
      let frontier: (readonly [string, string])[] = consoleLinks(home.body).map((url) => [url, '/console']);
      for (let depth = 0; depth < 2; depth++) {
        const next: (readonly [string, string])[] = [];
        for (const [url, from] of frontier) {
          if (seen.has(url)) continue;
          seen.add(url);
          const r = await get(cookie, url);
          const who = cookie === door ? 'door staff' : 'moderator';
          expect(r.statusCode, `${url} (linked from ${from}) for ${who}`).toBeLessThan(400);
          if (r.headers['content-type']?.toString().includes('text/html'))
            next.push(...consoleLinks(r.body).map((u) => [u, url] as const));
        }
        frontier = next;
      }
      const overview = (await get(cookie, `/console/events/${e.id}`)).body;
      expect(overview).not.toContain(`/console/events/${e.id}/edit"`);
      expect(overview).not.toContain(`/console/events/${e.id}/registrations"`);
    }
  });

  it('an invitation defaults to door staff, the least privilege', async () => {
    const admin = await login('admin@example.test', 'admin');
    const page = await get(admin, '/console/users');
    expect(page.statusCode).toBe(200);
    const select = /<select id="inv-role"[\s\S]*?<\/select>/.exec(page.body)![0];
    expect(select).toMatch(/<option value="checkin" selected/);
    expect(select.indexOf('value="checkin"')).toBeLessThan(select.indexOf('value="admin"'));
  });
});
