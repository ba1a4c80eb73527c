import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';

describe.each(DB_KINDS)('auth on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.app.ctx.services.auth.createUser({
      email: 'rina@example.test',
      password: 'rahasia123',
      role: 'organizer',
    });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, url = '/api/v1/auth/login') =>
    t.inject({ method: 'POST', url, payload: { email, password } });
  const sessionCookie = (r: LightMyRequestResponse) => r.cookies.find((c) => c.name === 'aula_session');
  const createUser = (
    as: { token?: string; cookie?: string; csrf?: string },
    payload: Record<string, unknown>,
  ) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/users',
      token: as.token,
      ...(as.cookie ? { cookies: { aula_session: as.cookie } } : {}),
      ...(as.csrf ? { headers: { 'x-csrf-token': as.csrf } } : {}),
      payload,
    });
  const me = (cookie: string) =>
    t.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { aula_session: cookie } });

  it('answers health', async () => {
    const r = await t.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
  });

  it('logs in with the right password and sets an httpOnly session cookie', async () => {
    const r = await login('Rina@Example.test', 'rahasia123');
    expect(r.statusCode).toBe(200);
    const cookie = sessionCookie(r);
    expect(cookie?.httpOnly).toBe(true);
    expect((await me(cookie!.value)).json().user.email).toBe('rina@example.test');
  });

  it('refuses a wrong password with a message in Indonesian by default and in English on request', async () => {
    const r = await login('rina@example.test', 'salah');
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toEqual({ code: 'invalid_credentials', message: 'E-mail atau kata sandi salah.' });
    const en = await login('rina@example.test', 'salah', '/api/v1/auth/login?lang=en');
    expect(en.json().error.message).toBe('Wrong e-mail or password.');
  });

  it('rejects malformed JSON and missing fields with 400', async () => {
    const bad = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_json');
    const missing = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'x@y.z' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('password');
  });

  it('a cookie session without the CSRF token acts as anonymous on unsafe methods', async () => {
    const r = await login('rina@example.test', 'rahasia123');
    const cookie = sessionCookie(r)!.value;
    const csrf = r.json().csrfToken as string;
    const admin = await t.tokenFor('admin');
    void admin;
    const newUser = { email: 'x@example.test', password: 'password123' };
    const forged = await createUser({ cookie }, newUser);
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_failed');
    const withToken = await createUser({ cookie, csrf }, newUser);
    // An organizer is authenticated now but still may not create users.
    expect(withToken.statusCode).toBe(403);
    expect(withToken.json().error.code).toBe('forbidden');
  });

  it('only admins create users; anonymous gets 401', async () => {
    const admin = await t.tokenFor('admin');
    const ok = await createUser(
      { token: admin },
      { email: 'new@example.test', password: 'password123', role: 'checkin' },
    );
    expect(ok.statusCode).toBe(201);
    const dup = await createUser({ token: admin }, { email: 'new@example.test', password: 'password123' });
    expect(dup.statusCode).toBe(409);
    for (const role of ['organizer', 'moderator', 'checkin'] as const) {
      const r = await createUser(
        { token: await t.tokenFor(role) },
        { email: `z${role}@example.test`, password: 'password123' },
      );
      expect(r.statusCode).toBe(403);
    }
    const anon = await createUser({}, { email: 'y@example.test', password: 'password123' });
    expect(anon.statusCode).toBe(401);
    const badToken = await t.inject({ method: 'GET', url: '/api/v1/auth/me', token: 'aula_nope' });
    expect(badToken.statusCode).toBe(401);
  });

  it('the login page logs in by form, shows a wrong password again, and stays on this site', async () => {
    const form = await t.inject({ method: 'GET', url: '/login?next=/console/users' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('action="/login?next=%2Fconsole%2Fusers"');
    const wrong = await login('rina@example.test', 'salah', '/login?next=/console/users');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('E-mail atau kata sandi salah.');
    expect(wrong.body).toContain('action="/login?next=%2Fconsole%2Fusers"');
    const empty = await t.inject({ method: 'POST', url: '/login', payload: {} });
    expect(empty.statusCode).toBe(401);
    const ok = await login('rina@example.test', 'rahasia123', '/login?next=//evil.example/');
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/console');
    const cookie = sessionCookie(ok)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const logout = await t.inject({
      method: 'POST',
      url: '/logout',
      cookies: { aula_session: cookie.value },
    });
    expect(logout.statusCode).toBe(303);
    expect((await me(cookie.value)).statusCode).toBe(401);
  });

  it('first-run setup creates the admin once with the one-time token', async () => {
    const fresh = await createTestApp(kind);
    try {
      const token = await fresh.app.ctx.services.auth.ensureSetupToken();
      expect(token).toBeTruthy();
      const wrong = await fresh.inject({ method: 'GET', url: '/setup?token=nope' });
      expect(wrong.statusCode).toBe(403);
      const form = await fresh.inject({ method: 'GET', url: `/setup?token=${token}` });
      expect(form.statusCode).toBe(200);
      const setup = (email: string, password: string) =>
        fresh.inject({ method: 'POST', url: '/setup', payload: { token, name: 'Admin', email, password } });
      const short = await setup('admin@example.test', 'pendek');
      expect(short.statusCode).toBe(400);
      expect(short.body).toContain('Periksa e-mail dan kata sandi (minimal 8 karakter).');
      expect(short.body).toContain(`value="${token}"`);
      const done = await setup('admin@example.test', 'password123');
      expect(done.statusCode).toBe(303);
      const again = await setup('admin2@example.test', 'password123');
      expect(again.statusCode).toBe(409);
    } finally {
      await fresh.close();
    }
  });
});

describe('sessions', () => {
  it('expire, and expired ones are cleared when a new session starts', async () => {
    const t = await createTestApp('sqlite');
    try {
      const user = await t.app.ctx.services.auth.createUser({
        email: 'lama@example.test',
        password: 'rahasia123',
      });
      const old = await t.app.ctx.services.auth.createSession(user.id);
      await t.app.ctx.db
        .updateTable('sessions')
        .set({ expires_at: Date.now() - 1000 })
        .execute();
      const me = await t.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        cookies: { aula_session: old.token },
      });
      expect(me.statusCode).toBe(401);
      await t.app.ctx.services.auth.createSession(user.id);
      const rows = await t.app.ctx.db.selectFrom('sessions').select('expires_at').execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.expires_at).toBeGreaterThan(Date.now());
    } finally {
      await t.close();
    }
  });
});
