import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { multipart } from '../../test/helpers/images.js';

/** A body over the limit names the limit that applied: the JSON body's (1 MiB) or an uploaded file's (8 MiB). */
describe('too large', () => {
  let t: TestApp;
  // Writes need a caller before their body is read (a stranger hears 401 first).
  let token: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    token = await t.tokenFor('admin');
    // A plain upload with the app-wide file limit (module routes pass their own, smaller ones).
    t.app.post('/api/test/upload', async (req) => {
      const file = await req.file();
      return { size: (await file!.toBuffer()).length };
    });
  });
  afterAll(() => t.close());

  it('says the JSON body may be at most 1024 KB', async () => {
    const r = await t.inject({
      method: 'POST',
      url: '/api/v1/users?lang=en',
      token,
      payload: { email: 'a@example.test', password: 'x'.repeat(1024 * 1024) },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toEqual({
      code: 'too_large',
      message: 'The request body is too large (at most 1024 KB).',
    });
  });

  it('says an uploaded file may be at most 8192 KB', async () => {
    const ok = await t.inject({
      method: 'POST',
      url: '/api/test/upload',
      token,
      ...multipart([{ name: 'file', value: Buffer.alloc(2 * 1024 * 1024), filename: 'a.bin' }]),
    });
    expect(ok.json()).toEqual({ size: 2 * 1024 * 1024 });
    const big = await t.inject({
      method: 'POST',
      url: '/api/test/upload',
      token,
      ...multipart([{ name: 'file', value: Buffer.alloc(8 * 1024 * 1024 + 1), filename: 'a.bin' }]),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toEqual({
      code: 'too_large',
      message: 'Berkas terlalu besar (maksimal 8192 KB).',
    });
  });
});
