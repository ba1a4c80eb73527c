import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';

describe.each(DB_KINDS)('staff accounts by invitation on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
  });
  afterAll(() => t.close());

  const invite = (token: string | undefined, payload: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: '/api/v1/users/invitations', ...(token ? { token } : {}), payload });

  it('an organizer adds door staff; the link sets the password once and logs them in', async () => {
    const r = await invite(organizer, { email: 'Rina@Example.test', name: 'Rina', role: 'checkin' });
    expect(r.statusCode).toBe(201);
    const { inviteUrl, email } = r.json();
    expect(email).toBe('rina@example.test');
    const path = new URL(inviteUrl).pathname;
    // Before the link is used, no password works.
    const early = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'password123' },
    });
    expect(early.statusCode).toBe(401);
    const form = await t.inject({ method: 'GET', url: path });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Petugas presensi');
    const short = await t.inject({ method: 'POST', url: path, payload: { password: 'short' } });
    expect(short.statusCode).toBe(400);
    const [a, b] = await Promise.all([
      t.inject({ method: 'POST', url: path, payload: { password: 'rahasia-rina-1' } }),
      t.inject({ method: 'POST', url: path, payload: { password: 'rahasia-rina-2' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 410]);
    const winner = a.statusCode === 303 ? 'rahasia-rina-1' : 'rahasia-rina-2';
    expect(a.statusCode === 303 ? a.cookies : b.cookies).toContainEqual(
      expect.objectContaining({ name: 'aula_session' }),
    );
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: winner },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.role).toBe('checkin');
    expect((await t.inject({ method: 'GET', url: path })).statusCode).toBe(410);
  });

  it('only admins make organizers and admins; strangers and staff make nobody', async () => {
    expect(
      (await invite(organizer, { email: 'o@example.test', name: 'O', role: 'organizer' })).statusCode,
    ).toBe(403);
    expect((await invite(organizer, { email: 'a@example.test', name: 'A', role: 'admin' })).statusCode).toBe(
      403,
    );
    const admin = await t.tokenFor('admin');
    expect((await invite(admin, { email: 'o@example.test', name: 'O', role: 'organizer' })).statusCode).toBe(
      201,
    );
    for (const role of ['moderator', 'checkin'] as const) {
      const r = await invite(await t.tokenFor(role), {
        email: `x-${role}@example.test`,
        name: 'X',
        role: 'checkin',
      });
      expect(r.statusCode).toBe(403);
    }
    expect(
      (await invite(undefined, { email: 'y@example.test', name: 'Y', role: 'checkin' })).statusCode,
    ).toBe(401);
  });

  it('refuses bad input and a taken e-mail, writing nothing', async () => {
    const bad = await invite(organizer, { email: 'not-an-email', name: '', role: 'checkin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('email');
    const first = await invite(organizer, { email: 'budi@example.test', name: 'Budi', role: 'moderator' });
    expect(first.statusCode).toBe(201);
    const again = await invite(organizer, { email: 'budi@example.test', name: 'Budi', role: 'moderator' });
    expect(again.statusCode).toBe(409);
    expect((await t.inject({ method: 'GET', url: '/akun/bukan-tautan' })).statusCode).toBe(410);
  });

  it('an invitation without a role makes door staff, the least privilege', async () => {
    const r = await invite(organizer, { email: 'pintu-baru@example.test', name: 'Petugas Pintu' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().role).toBe('checkin');
  });

  it('has a console page for organizers with the link and a WhatsApp button', async () => {
    await t.tokenFor('organizer', 'panitia@example.test');
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'panitia@example.test', password: 'password123' },
    });
    const cookie = login.cookies.find((c) => c.name === 'aula_session')!.value;
    const csrf = login.json().csrfToken as string;
    const page = await t.inject({ method: 'GET', url: '/console/users', cookies: { aula_session: cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Akun panitia');
    expect(page.body).not.toContain('value="organizer"');
    const made = await t.inject({
      method: 'POST',
      url: '/console/users',
      cookies: { aula_session: cookie },
      payload: { _csrf: csrf, name: 'Sari', email: 'sari@example.test', role: 'checkin' },
    });
    expect(made.statusCode).toBe(201);
    expect(made.body).toContain('/akun/');
    expect(made.body).toContain('https://wa.me/?text=');
    const forged = await t.inject({
      method: 'POST',
      url: '/console/users',
      cookies: { aula_session: cookie },
      payload: { name: 'Eve', email: 'eve@example.test', role: 'checkin' },
    });
    expect(forged.statusCode).toBe(403);
  });
});
