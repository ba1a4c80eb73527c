import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTwoNodes, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS, REDIS_URL } from '../../../test/helpers/env.js';

/**
 * Issue 13 point 7: beside the per-address limit, failed logins count per account, one counter for
 * the API and the form; after 10 within 15 minutes the account waits, even with the right password.
 */
const apiLogin = (t: TestApp, email: string, password: string) =>
  t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const formLogin = (t: TestApp, email: string, password: string, ip = '127.0.0.1') =>
  t.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password }).toString(),
  });

describe.each(DB_KINDS)('login limit per account on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.tokenFor('organizer', 'siti@example.test');
    await t.tokenFor('organizer', 'budi@example.test');
  });
  afterAll(() => t.close());

  it('counts failures of the API and the form together, then refuses even the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await apiLogin(t, 'siti@example.test', `salah${i}`)).statusCode).toBe(401);
      // The form from other addresses: the per-address limit is not what stops this.
      expect((await formLogin(t, 'SITI@example.test', `salah${i}`, `10.0.0.${i + 1}`)).statusCode).toBe(401);
    }
    const api = await apiLogin(t, 'siti@example.test', 'password123');
    expect(api.statusCode).toBe(429);
    expect(api.json().error.code).toBe('too_many_logins');
    expect(api.json().error.message).toMatch(/Coba lagi dalam 1[45] menit/);
    const form = await formLogin(t, 'siti@example.test', 'password123', '10.0.0.99');
    expect(form.statusCode).toBe(429);
    expect(form.body).toContain('Terlalu banyak percobaan masuk');
    // Another account is not affected.
    expect((await apiLogin(t, 'budi@example.test', 'password123')).statusCode).toBe(200);
  });

  it('counts an unknown e-mail the same way, so the answer never tells which accounts exist', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await formLogin(t, 'nobody@example.test', 'x', `10.1.0.${i + 1}`)).statusCode).toBe(401);
    }
    expect((await apiLogin(t, 'nobody@example.test', 'x')).json().error.code).toBe('too_many_logins');
  });

  it('forgets the failures after a successful login', async () => {
    for (let i = 0; i < 9; i++) {
      expect((await formLogin(t, 'budi@example.test', 'salah', `10.2.0.${i + 1}`)).statusCode).toBe(401);
    }
    expect((await apiLogin(t, 'budi@example.test', 'password123')).statusCode).toBe(200);
    for (let i = 0; i < 9; i++) {
      expect((await formLogin(t, 'budi@example.test', 'salah', `10.3.0.${i + 1}`)).statusCode).toBe(401);
    }
    expect((await apiLogin(t, 'budi@example.test', 'password123')).statusCode).toBe(200);
  });
});

describe.runIf(REDIS_URL)('login limit per account across two nodes (Redis)', () => {
  it('shares the count: failures on one node block the account on the other', async () => {
    const nodes = await createTwoNodes(REDIS_URL, 'login');
    try {
      await nodes.a.tokenFor('organizer', 'siti@example.test');
      for (let i = 0; i < 5; i++) {
        expect((await apiLogin(nodes.a, 'siti@example.test', 'salah')).statusCode).toBe(401);
        expect((await formLogin(nodes.b, 'siti@example.test', 'salah', `10.4.0.${i + 1}`)).statusCode).toBe(
          401,
        );
      }
      expect((await apiLogin(nodes.b, 'siti@example.test', 'password123')).statusCode).toBe(429);
      expect((await formLogin(nodes.a, 'siti@example.test', 'password123', '10.4.1.1')).statusCode).toBe(429);
    } finally {
      await nodes.close();
    }
  }, 30_000);
});
