import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { listen } from '../../../test/helpers/browser.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { teamMember } from '../../../test/helpers/events.js';
import { seedLiveEvent } from '../../../test/helpers/live.js';
import { connectLive } from '../../realtime/test-client.js';

describe.each(DB_KINDS)('live captions on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let organizer: string;
  let moderator: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  const url = () => `/api/v1/events/${ev.event.id}/captions`;
  const add = (payload: Record<string, unknown>, token?: string, lang = 'id') =>
    t.inject({ method: 'POST', url: `${url()}?lang=${lang}`, payload, ...(token ? { token } : {}) });

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ev = await seedLiveEvent(t, organizer);
    moderator = await teamMember(t, organizer, ev.event.id, 'moderator', `cap-${kind}@example.test`);
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('takes lines only from the event’s moderators and organizers', async () => {
    expect((await add({ text: 'Selamat pagi' })).statusCode).toBe(401);
    expect((await add({ text: 'Selamat pagi' }, await t.tokenFor('checkin'))).statusCode).toBe(403);
    expect((await add({ text: 'Selamat pagi' }, await t.tokenFor('organizer'))).statusCode).toBe(403);
    expect((await add({ text: 'Selamat pagi' }, await t.tokenFor('moderator'))).statusCode).toBe(403);
    const door = await teamMember(t, organizer, ev.event.id, 'checkin', `door-${kind}@example.test`);
    expect((await add({ text: 'Selamat pagi' }, door)).statusCode).toBe(403);
    expect((await add({ text: 'Selamat pagi' }, organizer)).statusCode).toBe(201);
    expect(
      (await t.inject({ method: 'PATCH', url: `${url()}/last`, payload: { text: 'x' }, token: door }))
        .statusCode,
    ).toBe(403);
    const lines = (await t.inject({ method: 'GET', url: url() })).json().lines;
    expect(lines.map((l: { text: string }) => l.text)).toEqual(['Selamat pagi']);
  });

  it('refuses empty and over-long lines naming the field, and writes nothing', async () => {
    const before = (await t.inject({ method: 'GET', url: url() })).json().lines.length;
    const empty = await add({ text: '   ' }, moderator, 'en');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/text:/);
    const long = await add({ text: 'a'.repeat(501) }, moderator);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toMatch(/text: terlalu panjang/);
    expect((await t.inject({ method: 'GET', url: url() })).json().lines.length).toBe(before);
  });

  it('sends lines and the correction of the last one through the live room, markup as text', async () => {
    const pub = await connectLive(`${base.replace('http', 'ws')}/api/v1/events/${ev.event.id}/live`);
    await pub.waitFor((m) => m.t === 'snapshot', 'snapshot');
    const snap = pub.messages.find((m) => m.t === 'snapshot');
    expect(snap?.t === 'snapshot' && snap.d.captions?.map((c) => c.text)).toEqual(['Selamat pagi']);
    const r = await add({ text: 'Pemulihan <b>UMKM</b>\n dimulai dari data', source: 'speech' }, moderator);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ text: 'Pemulihan <b>UMKM</b> dimulai dari data', edited: false });
    const line = await pub.waitFor((m) => m.t === 'caption' && !m.d.edited, 'caption');
    expect(line.t === 'caption' && line.d.text).toBe('Pemulihan <b>UMKM</b> dimulai dari data');
    const fix = await t.inject({
      method: 'PATCH',
      url: `${url()}/last`,
      payload: { text: 'Pemulihan UMKM dimulai dari data yang rapi' },
      token: moderator,
    });
    expect(fix.statusCode).toBe(200);
    expect(fix.json()).toMatchObject({ id: r.json().id, edited: true });
    const edited = await pub.waitFor((m) => m.t === 'caption' && m.d.edited, 'corrected caption');
    expect(edited.t === 'caption' && edited.d).toMatchObject({
      id: r.json().id,
      text: 'Pemulihan UMKM dimulai dari data yang rapi',
    });
    await pub.close();
    const lines = (await t.inject({ method: 'GET', url: url() })).json().lines;
    expect(lines.map((l: { text: string; source: string }) => [l.text, l.source])).toEqual([
      ['Selamat pagi', 'typed'],
      ['Pemulihan UMKM dimulai dari data yang rapi', 'speech'],
    ]);
  });

  it('has a caption desk page for the team only; its form adds a line without JavaScript', async () => {
    const page = `/console/events/${ev.event.id}/captions`;
    expect((await t.inject({ method: 'GET', url: page, token: moderator })).statusCode).toBe(200);
    expect(
      (await t.inject({ method: 'GET', url: page, token: await t.tokenFor('checkin') })).statusCode,
    ).toBe(403);
    const post = await t.inject({
      method: 'POST',
      url: page,
      token: moderator,
      payload: { text: 'Baris dari formulir' },
    });
    expect(post.statusCode).toBe(303);
    expect((await t.inject({ method: 'GET', url: page, token: moderator })).body).toContain(
      'Baris dari formulir',
    );
  });
});
