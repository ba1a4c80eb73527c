import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { teamMember } from '../../../test/helpers/events.js';
import { makeTicket, seedLiveEvent } from '../../../test/helpers/live.js';

describe.each(DB_KINDS)('Q&A API on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let moderator: string;
  let outsider: string;
  let checkin: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  let ticket: { id: string; ticketCode: string };

  const ask = (payload: Record<string, unknown>, cookie?: string) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.event.id}/questions`,
      payload,
      headers: cookie ? { cookie } : {},
    });
  const patch = (id: string, payload: Record<string, unknown>, token?: string) =>
    t.inject({ method: 'PATCH', url: `/api/v1/questions/${id}`, payload, ...(token ? { token } : {}) });
  const publicList = async () =>
    (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/questions` })).json().questions as {
      id: string;
      votes: number;
      status: string;
    }[];
  const cookieOf = (r: { cookies: { name: string; value: string }[] }) => {
    const c = r.cookies.find((x) => x.name === 'aula_voter');
    return c ? `aula_voter=${c.value}` : '';
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    outsider = await t.tokenFor('organizer');
    checkin = await t.tokenFor('checkin');
    ev = await seedLiveEvent(t, organizer);
    moderator = await teamMember(t, organizer, ev.event.id, 'moderator', `mod-${kind}@example.test`);
    ticket = await makeTicket(t, ev.event.id, 'online', 'Siti Rahma');
  });
  afterAll(() => t.close());

  it('takes a question from online (ticket) and from the hall (name); they wait for a moderator', async () => {
    const online = await ask({
      text: 'Bagaimana cara mendapatkan kartu UMKM?',
      channel: 'online',
      ticketCode: ticket.ticketCode,
    });
    expect(online.statusCode).toBe(201);
    expect(online.json()).toMatchObject({
      status: 'pending',
      channel: 'online',
      author: 'Siti Rahma',
      votes: 0,
    });
    const hall = await ask({
      text: 'Apakah ada pelatihan pemasaran digital?',
      channel: 'onsite',
      authorName: 'Pak Budi',
      speakerId: ev.speaker.id,
    });
    expect(hall.statusCode).toBe(201);
    expect(hall.json()).toMatchObject({
      status: 'pending',
      channel: 'onsite',
      author: 'Pak Budi',
      speaker: { name: 'Choirul Arifin, S.St.Pi., M.M' },
    });
    expect(cookieOf(hall)).toMatch(/^aula_voter=/);
    // Participants do not see pending questions; moderators do.
    expect(await publicList()).toHaveLength(0);
    const staff = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${ev.event.id}/questions?status=pending`,
      token: moderator,
    });
    expect(staff.json().questions).toHaveLength(2);
    // A retry of the same question (flaky connection) gives back the first one.
    const again = await ask({
      text: 'Bagaimana cara mendapatkan kartu UMKM?',
      channel: 'online',
      ticketCode: ticket.ticketCode,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(online.json().id);
  });

  it('anonymous questions keep no name, not even for staff', async () => {
    const r = await ask({
      text: 'Pertanyaan tanpa nama',
      channel: 'onsite',
      anonymous: true,
      ticketCode: ticket.ticketCode,
    });
    expect(r.json().author).toBeNull();
    const row = await t.app.ctx.db
      .selectFrom('questions')
      .select('author_name')
      .where('id', '=', r.json().id)
      .executeTakeFirstOrThrow();
    expect(row.author_name).toBeNull();
  });

  it('lets only the event team moderate, and says so per role', async () => {
    const q = (
      await ask({ text: 'Siapa yang boleh memoderasi?', channel: 'onsite', authorName: 'A' })
    ).json();
    expect((await patch(q.id, { status: 'approved' })).statusCode).toBe(401);
    expect((await patch(q.id, { status: 'approved' }, outsider)).statusCode).toBe(403);
    expect((await patch(q.id, { status: 'approved' }, checkin)).statusCode).toBe(403);
    const lone = await t.tokenFor('moderator');
    expect((await patch(q.id, { status: 'approved' }, lone)).statusCode).toBe(403);
    const ok = await patch(q.id, { status: 'approved' }, moderator);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect((await patch(q.id, { status: 'answered' }, organizer)).json().status).toBe('answered');
    expect((await publicList()).map((x) => x.id)).toContain(q.id);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = await t.app.ctx.db
      .selectFrom('questions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [Record<string, unknown>, string, number][] = [
      [{ text: '', channel: 'onsite' }, 'text', 400],
      [{ text: '  \u0007\u0008 ', channel: 'onsite' }, 'text', 400],
      // A NUL anywhere is refused before the schema (src/errors.ts nulCharacter).
      [{ text: 'ab\u0000c', channel: 'onsite' }, 'NUL', 400],
      [{ text: 'x'.repeat(501), channel: 'onsite' }, 'text', 400],
      [{ text: 'Pertanyaan', channel: 'hall' }, 'channel', 400],
      [{ text: 'Pertanyaan', channel: 'online', extra: 1 }, 'extra', 400],
      [{ text: 'Pertanyaan', channel: 'online', authorName: 'n'.repeat(81) }, 'authorName', 400],
      [{ text: 'Pertanyaan', channel: 'online', speakerId: 'nobody' }, 'speakerId', 400],
      [{ text: 'Pertanyaan', channel: 'online', ticketCode: 'not-a-ticket-code' }, 'Tiket', 404],
    ];
    for (const [payload, field, status] of cases) {
      const r = await ask(payload);
      expect(r.statusCode, field).toBe(status);
      expect(r.json().error.message).toContain(field);
    }
    const en = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.event.id}/questions?lang=en`,
      payload: { text: '', channel: 'onsite' },
    });
    expect(en.json().error.message).toMatch(/Check the input/);
    const q = (await ask({ text: 'Untuk diedit', channel: 'onsite', authorName: 'B' })).json();
    expect((await patch(q.id, {}, moderator)).statusCode).toBe(400);
    expect((await patch(q.id, { status: 'merged' }, moderator)).statusCode).toBe(400);
    expect((await patch(q.id, { speakerId: 'nobody' }, moderator)).statusCode).toBe(400);
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: '/api/v1/questions/nope',
          token: moderator,
          payload: { status: 'approved' },
        })
      ).statusCode,
    ).toBe(404);
    const after = await t.app.ctx.db
      .selectFrom('questions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('counts one vote per participant, also when the same vote arrives many times at once', async () => {
    const q = (
      await ask({ text: 'Berapa potongan ongkos kirim?', channel: 'online', ticketCode: ticket.ticketCode })
    ).json();
    // Not visible yet: no voting on a pending question.
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/questions/${q.id}/votes`,
          payload: { ticketCode: ticket.ticketCode },
        })
      ).statusCode,
    ).toBe(404);
    await patch(q.id, { status: 'approved' }, moderator);
    const same = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.inject({
          method: 'POST',
          url: `/api/v1/questions/${q.id}/votes`,
          payload: { ticketCode: ticket.ticketCode },
        }),
      ),
    );
    expect(same.every((r) => r.statusCode === 200)).toBe(true);
    expect(same.filter((r) => r.json().changed)).toHaveLength(1);
    const voters = await Promise.all(
      Array.from({ length: 15 }, (_, i) => makeTicket(t, ev.event.id, i % 2 ? 'onsite' : 'online')),
    );
    await Promise.all(
      voters.map((v) =>
        t.inject({
          method: 'POST',
          url: `/api/v1/questions/${q.id}/votes`,
          payload: { ticketCode: v.ticketCode },
        }),
      ),
    );
    // Votes without a ticket (and the voter cookie of open participation): qa.voting.test.ts.
    expect((await publicList()).find((x) => x.id === q.id)?.votes).toBe(16);
    const rows = await t.app.ctx.db
      .selectFrom('question_votes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('question_id', '=', q.id)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(16);
    const undo = await t.inject({
      method: 'DELETE',
      url: `/api/v1/questions/${q.id}/votes`,
      payload: { ticketCode: ticket.ticketCode },
    });
    expect(undo.json()).toMatchObject({ changed: true, votes: 15 });
  });

  it('merges duplicates: votes add up, each voter once; the merged one leaves the public list', async () => {
    const a = (
      await ask({ text: 'Bagaimana pemasaran digital untuk UMKM?', channel: 'onsite', authorName: 'C' })
    ).json();
    const b = (
      await ask({ text: 'Cara jualan online untuk UMKM?', channel: 'online', authorName: 'E' })
    ).json();
    for (const q of [a, b]) await patch(q.id, { status: 'approved' }, moderator);
    const [v1, v2, v3] = await Promise.all([1, 2, 3].map(() => makeTicket(t, ev.event.id, 'online')));
    const vote = (id: string, code: string) =>
      t.inject({ method: 'POST', url: `/api/v1/questions/${id}/votes`, payload: { ticketCode: code } });
    await vote(a.id, v1!.ticketCode);
    await vote(a.id, v2!.ticketCode);
    await vote(b.id, v2!.ticketCode);
    await vote(b.id, v3!.ticketCode);
    const m = await t.inject({
      method: 'POST',
      url: `/api/v1/questions/${b.id}/merge`,
      token: moderator,
      payload: { into: a.id },
    });
    expect(m.statusCode).toBe(200);
    expect(m.json().votes).toBe(3);
    const pub = await publicList();
    expect(pub.map((x) => x.id)).not.toContain(b.id);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/questions/${b.id}/merge`,
          token: moderator,
          payload: { into: a.id },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/questions/${a.id}/merge`,
          token: moderator,
          payload: { into: a.id },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/questions/${a.id}/merge`, payload: { into: b.id } }))
        .statusCode,
    ).toBe(401);
    expect((await vote(b.id, v1!.ticketCode)).statusCode).toBe(409);
  });

  it('a dismissed question leaves the public list and cannot be voted on', async () => {
    const q = (
      await ask({ text: 'Iklan: beli pulsa murah di sini', channel: 'online', authorName: 'Spam' })
    ).json();
    await patch(q.id, { status: 'approved' }, moderator);
    await patch(q.id, { status: 'dismissed' }, moderator);
    expect((await publicList()).map((x) => x.id)).not.toContain(q.id);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/questions/${q.id}/votes`,
          payload: { ticketCode: ticket.ticketCode },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('limits questions per participant and says when to try again', async () => {
    const p = await makeTicket(t, ev.event.id, 'onsite');
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await ask({ text: `Pertanyaan nomor ${i + 1}`, channel: 'onsite', ticketCode: p.ticketCode }))
          .statusCode,
      );
    expect(codes).toEqual([201, 201, 201, 429]);
    const r = await ask({ text: 'Satu lagi', channel: 'onsite', ticketCode: p.ticketCode });
    expect(r.json().error.code).toBe('too_many_questions');
    expect(r.json().error.message).toMatch(/detik/);
  });

  it('refuses questions while the Q&A is closed; lets them in at once when the organizer chooses so', async () => {
    const close = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${ev.event.id}/live/settings`,
      token: moderator,
      payload: { qaOpen: false },
    });
    expect(close.json()).toEqual({ moderation: 'pre', qaOpen: false, openVoting: false });
    expect((await ask({ text: 'Masih bisa bertanya?', channel: 'onsite' })).statusCode).toBe(409);
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/v1/events/${ev.event.id}/live/settings`,
          payload: { qaOpen: true },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/v1/events/${ev.event.id}/live/settings`,
          token: checkin,
          payload: { qaOpen: true },
        })
      ).statusCode,
    ).toBe(403);
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${ev.event.id}/live/settings`,
      token: organizer,
      payload: { qaOpen: true, moderation: 'auto' },
    });
    const r = await ask({ text: 'Langsung tampil?', channel: 'onsite', authorName: 'D' });
    expect(r.json().status).toBe('approved');
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${ev.event.id}/live/settings`,
      token: organizer,
      payload: { moderation: 'pre' },
    });
  });

  it('limits questions per address too (generously: a hall shares one Wi-Fi), with a clear 429', async () => {
    let limited: { statusCode: number; json(): { error: { code: string; message: string } } } | null = null;
    for (let i = 0; i < 130 && !limited; i++) {
      const r = await ask({ text: `Dari alamat yang sama ${i}`, channel: 'onsite' });
      if (r.statusCode === 429) limited = r;
    }
    expect(limited?.json().error.code).toBe('rate_limited');
    expect(limited?.json().error.message).toMatch(/Coba lagi dalam \d+ detik/);
  });

  it('reports the questions part of the stats and the report lists', async () => {
    const stats = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${ev.event.id}/stats`,
      token: organizer,
    });
    expect(stats.statusCode).toBe(200);
    const qs = stats.json().questions;
    const rows = await t.app.ctx.db
      .selectFrom('questions')
      .select(['channel', 'status'])
      .where('event_id', '=', ev.event.id)
      .where('status', '!=', 'dismissed')
      .execute();
    // Merged questions were asked too: they count, by their origin.
    expect(rows.some((r) => r.status === 'merged')).toBe(true);
    expect(qs).toEqual({
      total: rows.length,
      onsite: rows.filter((r) => r.channel === 'onsite').length,
      online: rows.filter((r) => r.channel === 'online').length,
      answered: rows.filter((r) => r.status === 'answered').length,
    });
    expect(qs.answered).toBeGreaterThan(0);
    const report = await t.app.ctx.services.qa.questionsForReport(ev.event.id);
    expect(
      report.every((q) => typeof q.votes === 'number' && (q.origin === 'onsite' || q.origin === 'online')),
    ).toBe(true);
    expect(report.some((q) => q.answered)).toBe(true);
  });
});
