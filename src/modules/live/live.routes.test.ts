import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { listen } from '../../../test/helpers/browser.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent, teamMember } from '../../../test/helpers/events.js';
import { makeTicket, seedLiveEvent } from '../../../test/helpers/live.js';
import { connectLive } from '../../realtime/test-client.js';
import type { ServerMessage } from '../../shared/realtime.js';

describe.each(DB_KINDS)('live room (stage, polls, WebSocket) on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let organizer: string;
  let moderator: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;
  const wsUrl = (q = '') => `${base.replace('http', 'ws')}/api/v1/events/${ev.event.id}/live${q}`;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    ev = await seedLiveEvent(t, organizer);
    moderator = await teamMember(t, organizer, ev.event.id, 'moderator', `m-${kind}@example.test`);
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('moves the stage along the rundown; only the team may', async () => {
    const url = `/api/v1/events/${ev.event.id}/live/stage`;
    expect((await t.inject({ method: 'GET', url })).json()).toMatchObject({
      now: null,
      next: { title: 'Sambutan Lurah Kanigaran' },
    });
    expect((await t.inject({ method: 'POST', url: `${url}/next` })).statusCode).toBe(401);
    expect(
      (await t.inject({ method: 'POST', url: `${url}/next`, token: await t.tokenFor('checkin') })).statusCode,
    ).toBe(403);
    const first = await t.inject({ method: 'POST', url: `${url}/next`, token: moderator });
    expect(first.json()).toMatchObject({
      now: { title: 'Sambutan Lurah Kanigaran', people: [{ fullName: 'Dwi Arianto, S.Sos., M.M.' }] },
      next: { title: 'Pemateri 1: Peran pemerintah' },
    });
    // The planned length (30 minutes) is the default timer.
    const s = first.json();
    expect(Date.parse(s.endsAt) - Date.parse(s.startedAt)).toBe(30 * 60_000);
    const put = await t.inject({
      method: 'PUT',
      url,
      token: organizer,
      payload: { agendaItemId: ev.agenda[1]!.id, timerMinutes: 20 },
    });
    expect(put.json().now.title).toBe('Pemateri 1: Peran pemerintah');
    expect(Date.parse(put.json().endsAt) - Date.parse(put.json().startedAt)).toBe(20 * 60_000);
    expect(
      (await t.inject({ method: 'PUT', url, token: organizer, payload: { agendaItemId: 'nope' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.inject({
          method: 'PUT',
          url,
          token: organizer,
          payload: { agendaItemId: ev.agenda[0]!.id, timerMinutes: 0 },
        })
      ).statusCode,
    ).toBe(400);
    const off = await t.inject({
      method: 'PUT',
      url,
      token: organizer,
      payload: { agendaItemId: ev.agenda[1]!.id, timerMinutes: null },
    });
    expect(off.json().endsAt).toBeNull();
  });

  it('runs a poll: single choice, one ballot each, closed polls take no votes', async () => {
    const create = (payload: Record<string, unknown>, token?: string) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/polls`,
        payload,
        ...(token ? { token } : {}),
      });
    expect((await create({ question: 'Usaha Anda?', options: ['Kuliner', 'Kriya'] })).statusCode).toBe(401);
    expect((await create({ question: 'Usaha Anda?', options: ['Kuliner'] }, moderator)).statusCode).toBe(400);
    expect(
      (await create({ question: 'Usaha Anda?', options: ['Kuliner', 'kuliner'] }, moderator)).statusCode,
    ).toBe(400);
    const poll = (
      await create(
        { question: 'Usaha Anda bergerak di bidang apa?', options: ['Kuliner', 'Kriya', 'Fesyen'] },
        moderator,
      )
    ).json();
    expect(poll.status).toBe('draft');
    // Drafts are for the team only.
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/polls` })).json().polls,
    ).toHaveLength(0);
    const vote = (ids: string[], code: string) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/polls/${poll.id}/votes`,
        payload: { optionIds: ids, ticketCode: code },
      });
    const a = await makeTicket(t, ev.event.id, 'onsite');
    expect((await vote([poll.options[0].id], a.ticketCode)).statusCode).toBe(404);
    const open = await t.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${poll.id}`,
      token: moderator,
      payload: { status: 'open', onScreen: true },
    });
    expect(open.json().status).toBe('open');
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/v1/polls/${poll.id}`,
          token: moderator,
          payload: { options: ['A', 'B'] },
        })
      ).statusCode,
    ).toBe(409);
    expect((await vote([poll.options[0].id, poll.options[1].id], a.ticketCode)).statusCode).toBe(400);
    expect((await vote(['other'], a.ticketCode)).statusCode).toBe(400);
    const tickets = await Promise.all([1, 2, 3, 4].map(() => makeTicket(t, ev.event.id, 'online')));
    const results = await Promise.all([
      vote([poll.options[0].id], a.ticketCode),
      vote([poll.options[1].id], a.ticketCode),
      ...tickets.map((x, i) => vote([poll.options[i % 2].id], x.ticketCode)),
    ]);
    expect(results.filter((r) => r.json().counted)).toHaveLength(5);
    const after = (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/polls` })).json()
      .polls[0];
    expect(after.voters).toBe(5);
    expect(after.options.reduce((n: number, o: { votes: number }) => n + o.votes, 0)).toBe(5);
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${poll.id}`,
      token: moderator,
      payload: { status: 'closed' },
    });
    const late = await vote([poll.options[2].id], (await makeTicket(t, ev.event.id, 'online')).ticketCode);
    expect(late.statusCode).toBe(409);
    expect((await t.app.ctx.services.qa.pollsForReport(ev.event.id))[0]).toMatchObject({
      voters: 5,
      status: 'closed',
    });
  });

  it('streams updates in order; participants never receive pending or dismissed questions; staff do', async () => {
    const pub = await connectLive(wsUrl());
    const snap = await pub.waitFor((m) => m.t === 'snapshot', 'snapshot');
    expect(snap.t === 'snapshot' && snap.d.stage.now?.title).toBe('Pemateri 1: Peran pemerintah');
    const anonStaff = connectLive(wsUrl('?as=staff'));
    await expect(anonStaff).rejects.toThrow(/401/);
    const staff = await connectLive(wsUrl('?as=staff'), { authorization: `Bearer ${moderator}` });
    await staff.waitFor((m) => m.t === 'snapshot');

    const secret = '<img src=x onerror=alert(1)> rahasia';
    const q = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: secret, channel: 'online', authorName: 'X' },
      })
    ).json();
    await staff.waitFor((m) => m.t === 'q' && m.d.id === q.id, 'pending question for staff');
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: moderator,
      payload: { status: 'dismissed' },
    });
    await staff.waitFor(
      (m) => m.t === 'q' && m.d.id === q.id && m.d.status === 'dismissed',
      'dismissed for staff',
    );

    const ok = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: 'Pertanyaan yang disetujui', channel: 'onsite', authorName: 'Y' },
      })
    ).json();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${ok.id}`,
      token: moderator,
      payload: { status: 'approved' },
    });
    await pub.waitFor((m) => m.t === 'q' && m.d.id === ok.id, 'approved question');
    const voter = await makeTicket(t, ev.event.id, 'onsite');
    await t.inject({
      method: 'POST',
      url: `/api/v1/questions/${ok.id}/votes`,
      payload: { ticketCode: voter.ticketCode },
    });
    await t.app.ctx.services.live.rt.settle();
    await pub.waitFor((m) => m.t === 'votes' && m.d[ok.id] === 1, 'vote count');
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.event.id}/live/stage/next`,
      token: moderator,
    });
    await pub.waitFor((m) => m.t === 'stage' && m.d.now?.title === 'Sesi tanya jawab', 'stage');

    expect(JSON.stringify(pub.messages)).not.toContain('rahasia');
    const seqs = pub.messages.map((m) => m.s);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    await pub.close();
    await staff.close();
  });

  it('a client that lost its connection resumes from its last sequence number without duplicates', async () => {
    const a = await connectLive(wsUrl());
    await a.waitFor((m) => m.t === 'snapshot');
    const last = a.lastSeq;
    await a.close();
    // Missed while offline: a new question is approved and the stage moves.
    const q = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: 'Terlewat saat offline', channel: 'online', authorName: 'Z' },
      })
    ).json();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: moderator,
      payload: { status: 'approved', onScreen: true },
    });
    const b = await connectLive(wsUrl(`?since=${last}`));
    const missed = await b.waitFor((m) => m.t === 'q' && m.d.id === q.id, 'missed question');
    expect(missed.s).toBeGreaterThan(last);
    await b.waitFor((m) => m.t === 'screen' && m.d.question?.id === q.id, 'screen');
    expect(b.messages.some((m) => m.t === 'snapshot')).toBe(false);
    expect(b.messages.every((m) => m.s > last)).toBe(true);
    await b.close();
    // The polling fallback answers the same.
    const poll = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/live/updates?since=${last}` })
    ).json();
    expect(poll.messages.map((m: ServerMessage) => m.s)).toEqual(b.messages.map((m) => m.s));
    // Too far behind (or a number from the future): a fresh snapshot.
    const future = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/live/updates?since=999999` })
    ).json();
    expect(future.messages[0].t).toBe('snapshot');
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/live/updates?as=staff` }))
        .statusCode,
    ).toBe(401);
    expect((await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/live` })).statusCode).toBe(
      426,
    );
  });

  it('hides a draft event’s room from the public', async () => {
    const draft = await createEvent(t, organizer, {
      title: 'Draf',
      startsAt: '2030-01-01T09:00:00+07:00',
      endsAt: '2030-01-01T10:00:00+07:00',
    });
    await expect(connectLive(`${base.replace('http', 'ws')}/api/v1/events/${draft.id}/live`)).rejects.toThrow(
      /404/,
    );
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${draft.id}/questions`,
          payload: { text: 'Halo semua', channel: 'online' },
        })
      ).statusCode,
    ).toBe(404);
  });
});
