import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { DB_KINDS } from '../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../test/helpers/events.js';

/**
 * Client mistakes answer a 4xx that names the mistake, never a 500 (issue 13 point 4), and a
 * stranger's write is refused before its body is looked at (point 5). On both engines: PostgreSQL
 * refuses a NUL in text with an error of its own, SQLite would store it.
 */
describe.each(DB_KINDS)('client mistakes on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let eventId: string;
  let personId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer', 'org@example.test');
    eventId = (await createEvent(t, organizer, seedSeminar, { publish: true })).id;
    const p = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/people`,
      token: organizer,
      payload: { name: 'Andi Nur Rahmadi', role: 'speaker', presence: 'onsite' },
    });
    expect(p.statusCode, p.body).toBe(201);
    personId = p.json().id;
  });
  afterAll(() => t.close());

  const code = (r: { json(): unknown }) => (r.json() as { error: { code: string } }).error.code;

  it('answers a JSON content type without a body with 400 empty_body (login, registration)', async () => {
    for (const url of ['/api/v1/auth/login', `/api/v1/events/${eventId}/registrations`]) {
      const r = await t.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' } });
      expect(r.statusCode, url).toBe(400);
      expect(code(r)).toBe('empty_body');
    }
  });

  it('answers a broken multipart body with 400 invalid_multipart', async () => {
    const url = `/api/v1/events/${eventId}/materials`;
    const cut = await t.inject({
      method: 'POST',
      url,
      token: organizer,
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4',
    });
    expect(cut.statusCode, cut.body).toBe(400);
    expect(code(cut)).toBe('invalid_multipart');
    const noBoundary = await t.inject({
      method: 'POST',
      url,
      token: organizer,
      headers: { 'content-type': 'multipart/form-data' },
      payload: 'abc',
    });
    expect(noBoundary.statusCode, noBoundary.body).toBe(400);
  });

  it('refuses a NUL character in the body, path, query and cookie before SQL', async () => {
    const cases = [
      t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a\0@b.id', password: 'x' } }),
      t.inject({
        method: 'POST',
        url: '/api/v1/events',
        token: organizer,
        payload: { ...seedSeminar, title: 'A\0B' },
      }),
      t.inject({ method: 'GET', url: '/api/v1/events/a%00b' }),
      t.inject({ method: 'GET', url: '/api/v1/events?q=a%00b' }),
      t.inject({ method: 'GET', url: '/console', headers: { cookie: 'aula_session=a%00b' } }),
      t.inject({
        method: 'POST',
        url: `/e/${eventId}/daftar`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'fullName=A%00B',
      }),
    ];
    for (const r of await Promise.all(cases)) {
      expect(r.statusCode, r.body).toBe(400);
      if (r.headers['content-type']?.toString().includes('json')) expect(code(r)).toBe('invalid_characters');
    }
    // Multipart text fields and file names are read by the route itself: refused there the same way.
    const boundary = 'nulb';
    const upload = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/photos`,
      token: organizer,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload:
        `--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nx\u0000y\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nxx\r\n--${boundary}--\r\n`,
    });
    expect(upload.statusCode, upload.body).toBe(400);
    expect(code(upload)).toBe('invalid_characters');
    const titles = (await t.inject({ method: 'GET', url: '/api/v1/events', token: organizer })).json();
    expect(JSON.stringify(titles)).not.toContain('\\u0000');
  });

  it('answers {} on a PATCH with 400 "tidak ada yang diubah" and changes nothing', async () => {
    const r = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${eventId}/people/${personId}`,
      token: organizer,
      payload: {},
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(code(r)).toBe('nothing_to_change');
    expect(r.json().error.message).toMatch(/Tidak ada yang diubah/);
    const en = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${eventId}/people/${personId}`,
      token: organizer,
      headers: { 'accept-language': 'en' },
      payload: {},
    });
    expect(en.json().error.message).toMatch(/Nothing to change/);
  });

  it('refuses empty-string ids in the path with the field named', async () => {
    const r = await t.inject({ method: 'GET', url: '/api/v1/events//people', token: organizer });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toEqual(['params.id']);
  });

  it('answers a moderator socket with Origin: null with 403, not a 500', async () => {
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'org@example.test', password: 'password123' },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    for (const origin of ['null', 'not a url']) {
      const r = await t.inject({
        method: 'GET',
        url: `/api/v1/events/${eventId}/live?as=staff`,
        headers: { cookie, origin, host: 'aula.test' },
      });
      expect(r.statusCode, origin).toBe(403);
    }
  });

  it("answers a stranger's write with 401 before looking at its body, a user's with the field list", async () => {
    for (const payload of [{ title: 5 }, 'not json at all']) {
      const r = await t.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(r.statusCode, r.body).toBe(401);
      expect(code(r)).toBe('unauthenticated');
    }
    const empty = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${eventId}/people/${personId}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(401);
    const user = await t.inject({
      method: 'POST',
      url: '/api/v1/events',
      token: organizer,
      payload: { title: 5 },
    });
    expect(user.statusCode).toBe(400);
    expect(user.json().error.fields).toContain('title');
    // A public write still reads its body: a registration with a bad body is a 400, not a 401.
    const reg = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/registrations`,
      payload: {},
    });
    expect(reg.statusCode).toBe(400);
  });
});
