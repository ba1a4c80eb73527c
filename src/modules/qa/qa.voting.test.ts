import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { teamMember } from '../../../test/helpers/events.js';
import { makeTicket, seedLiveEvent } from '../../../test/helpers/live.js';
import { NEW_VOTERS_PER_ADDRESS } from './qa.voter.js';

/** One person, one vote (issue 10): tickets by default, the live page's voter where participation is open. */
describe.each(DB_KINDS)('one person, one vote on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let moderator: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;

  const ask = async (text: string, channel: 'onsite' | 'online' = 'onsite') => {
    const q = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text, channel, authorName: 'Warga' },
      })
    ).json();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: moderator,
      payload: { status: 'approved' },
    });
    return q as { id: string };
  };
  const vote = (id: string, opts: { ticketCode?: string; cookie?: string } = {}) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/questions/${id}/votes`,
      payload: opts.ticketCode ? { ticketCode: opts.ticketCode } : {},
      headers: opts.cookie ? { cookie: opts.cookie } : {},
    });
  const votesOf = async (id: string) =>
    Number(
      (
        await t.app.ctx.db
          .selectFrom('question_votes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('question_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const openPoll = async () => {
    const p = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/polls`,
        token: organizer,
        payload: { question: 'Bidang usaha?', kind: 'single', options: ['Kuliner', 'Kriya'] },
      })
    ).json();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${p.id}`,
      token: organizer,
      payload: { status: 'open' },
    });
    return p as { id: string; options: { id: string }[] };
  };
  const setOpen = (openVoting: boolean) =>
    t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${ev.event.id}/live/settings`,
      token: organizer,
      payload: { openVoting },
    });
  const voterCookie = (r: { cookies: { name: string; value: string }[] }) => {
    const c = r.cookies.find((x) => x.name === 'aula_voter');
    return c ? `aula_voter=${c.value}` : '';
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ev = await seedLiveEvent(t, organizer);
    moderator = await teamMember(t, organizer, ev.event.id, 'moderator', `mod-v-${kind}@example.test`);
  });
  afterAll(() => t.close());

  it('by default 30 requests without a ticket change nothing, on questions and polls, and say why', async () => {
    const q = await ask('Apakah ada pendampingan sertifikasi halal?');
    const poll = await openPoll();
    const rs = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2
          ? vote(q.id)
          : t.inject({
              method: 'POST',
              url: `/api/v1/polls/${poll.id}/votes`,
              payload: { optionIds: [poll.options[0]!.id] },
            }),
      ),
    );
    expect(rs.map((r) => r.statusCode)).toEqual(Array(30).fill(403));
    expect(rs[0]!.json().error.code).toBe('ticket_required');
    expect(rs[0]!.json().error.message).toContain('tiket');
    // A cookie minted by asking (or forged) is not a ticket either.
    const cookie = voterCookie(
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: 'Pertanyaan dari aula tanpa tiket', channel: 'onsite' },
      }),
    );
    expect(cookie).toMatch(/^aula_voter=/);
    expect((await vote(q.id, { cookie })).statusCode).toBe(403);
    const form = await t.inject({
      method: 'POST',
      url: `/e/${ev.event.slug}/live/questions/${q.id}/vote`,
      payload: 'on=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('memerlukan tiket');
    expect(await votesOf(q.id)).toBe(0);
    const p = await t.app.ctx.db
      .selectFrom('polls')
      .select('voters')
      .where('id', '=', poll.id)
      .executeTakeFirstOrThrow();
    expect(Number(p.voters)).toBe(0);
    const en = await t.inject({
      method: 'POST',
      url: `/api/v1/questions/${q.id}/votes?lang=en`,
      payload: {},
    });
    expect(en.json().error.message).toContain('ticket');
  });

  it('50 parallel votes from one ticket count once (question and poll)', async () => {
    const q = await ask('Bagaimana akses permodalan KUR?');
    const poll = await openPoll();
    const ticket = await makeTicket(t, ev.event.id, 'onsite', 'Budi');
    const rs = await Promise.all(
      Array.from({ length: 50 }, () => vote(q.id, { ticketCode: ticket.ticketCode })),
    );
    expect(rs.every((r) => r.statusCode === 200)).toBe(true);
    expect(rs.filter((r) => r.json().changed)).toHaveLength(1);
    expect(await votesOf(q.id)).toBe(1);
    const ps = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.inject({
          method: 'POST',
          url: `/api/v1/polls/${poll.id}/votes`,
          payload: { optionIds: [poll.options[1]!.id], ticketCode: ticket.ticketCode },
        }),
      ),
    );
    expect(ps.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    expect(ps.filter((r) => r.statusCode === 200 && r.json().counted)).toHaveLength(1);
    const row = await t.app.ctx.db
      .selectFrom('polls')
      .select('voters')
      .where('id', '=', poll.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.voters)).toBe(1);
  });

  it('open participation: the live page issues the voter, capped per address; no cookie still changes nothing', async () => {
    expect((await setOpen(true)).json()).toMatchObject({ openVoting: true });
    // Only staff change the setting.
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/v1/events/${ev.event.id}/live/settings`,
          payload: { openVoting: false },
        })
      ).statusCode,
    ).toBe(401);
    const q = await ask('Kapan pelatihan pemasaran digital berikutnya?');
    const none = await Promise.all(Array.from({ length: 30 }, () => vote(q.id)));
    expect(none.map((r) => r.statusCode)).toEqual(Array(30).fill(403));
    expect(none[0]!.json().error.code).toBe('voter_required');
    // A signed cookie the live page did not issue for this event does not count either.
    const askCookie = voterCookie(
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: 'Satu lagi dari aula', channel: 'onsite' },
      }),
    );
    expect((await vote(q.id, { cookie: askCookie })).statusCode).toBe(403);
    expect(await votesOf(q.id)).toBe(0);

    const page = await t.inject({
      method: 'GET',
      url: `/e/${ev.event.slug}/live`,
      headers: { cookie: askCookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Partisipasi terbuka');
    // The browser that asked keeps its id and becomes a voter of this event.
    const cookie = voterCookie(page) || askCookie;
    const same = await Promise.all(Array.from({ length: 20 }, () => vote(q.id, { cookie })));
    expect(same.filter((r) => r.json().changed)).toHaveLength(1);
    expect(await votesOf(q.id)).toBe(1);

    // Reloading the page without a cookie mints new voters only up to the cap per address and minute;
    // the clock is held inside one minute so the count does not depend on when the test runs.
    const minute = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(minute + 30_000);
    const pages = [];
    for (let i = 0; i < NEW_VOTERS_PER_ADDRESS.max + 5; i++)
      pages.push(await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live` }));
    const minted = pages.map(voterCookie).filter(Boolean);
    expect(minted.length).toBe(NEW_VOTERS_PER_ADDRESS.max);
    expect(pages.at(-1)!.body).toContain('Terlalu banyak pemilih baru');
    // In parallel too: 40 page loads in the next minute mint exactly the cap.
    clock.mockReturnValue(minute + 90_000);
    const parallel = await Promise.all(
      Array.from({ length: 40 }, () => t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live` })),
    );
    clock.mockRestore();
    expect(parallel.map(voterCookie).filter(Boolean)).toHaveLength(NEW_VOTERS_PER_ADDRESS.max);
    const issued = await t.app.ctx.db
      .selectFrom('qa_voters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', ev.event.id)
      .executeTakeFirstOrThrow();
    // The asker's browser, then the cap in each of the two minutes.
    expect(Number(issued.n)).toBe(1 + 2 * NEW_VOTERS_PER_ADDRESS.max);
    await setOpen(false);
    // Closing participation again: the cookie voters no longer vote.
    expect((await vote(q.id, { cookie: minted[0]! })).statusCode).toBe(403);
  });

  it('merge and unmerge: both questions come back with their own votes; merged ones count by origin', async () => {
    const hall = await ask('Bagaimana cara daftar NIB untuk UMKM?', 'onsite');
    const online = await ask('Cara mendaftar NIB bagaimana ya?', 'online');
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => makeTicket(t, ev.event.id, 'online')));
    await vote(hall.id, { ticketCode: a!.ticketCode });
    await vote(hall.id, { ticketCode: b!.ticketCode });
    await vote(online.id, { ticketCode: b!.ticketCode });
    await vote(online.id, { ticketCode: c!.ticketCode });
    const statsBefore = await t.app.ctx.services.qa.questionStats(ev.event.id);
    const m = await t.inject({
      method: 'POST',
      url: `/api/v1/questions/${online.id}/merge`,
      token: moderator,
      payload: { into: hall.id },
    });
    expect(m.json().votes).toBe(3);
    // The only online question merged into a hall one is still an online question in the report's counts.
    expect(await t.app.ctx.services.qa.questionStats(ev.event.id)).toEqual(statsBefore);
    // The moderators' filter finds merged questions.
    const merged = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${ev.event.id}/questions?status=merged`,
        token: moderator,
      })
    ).json().questions;
    expect(merged.map((x: { id: string }) => x.id)).toContain(online.id);

    const unmerge = (token?: string) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/questions/${online.id}/unmerge`,
        ...(token ? { token } : {}),
      });
    expect((await unmerge()).statusCode).toBe(401);
    const u = await unmerge(moderator);
    expect(u.statusCode).toBe(200);
    expect(u.json()).toMatchObject({ id: online.id, status: 'approved', votes: 2, mergedInto: null });
    expect(await votesOf(hall.id)).toBe(2);
    expect(await votesOf(online.id)).toBe(2);
    const pub = (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/questions` })).json()
      .questions as { id: string; votes: number }[];
    expect(pub.find((x) => x.id === hall.id)?.votes).toBe(2);
    expect(pub.find((x) => x.id === online.id)?.votes).toBe(2);
    // Twice: the second finds nothing to undo, and changes nothing.
    const again = await unmerge(moderator);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('question_not_merged');
    expect(await votesOf(hall.id)).toBe(2);
  });

  it('an answered question leaves the screen', async () => {
    const q = await ask('Apakah ada bantuan alat produksi?');
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: moderator,
      payload: { onScreen: true },
    });
    let snap = await t.app.ctx.services.qa.snapshot(ev.event.id, 'public');
    expect(snap.screen.question?.id).toBe(q.id);
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: moderator,
      payload: { status: 'answered' },
    });
    snap = await t.app.ctx.services.qa.snapshot(ev.event.id, 'public');
    expect(snap.screen.question).toBeNull();
  });
});
