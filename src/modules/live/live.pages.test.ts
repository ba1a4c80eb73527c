import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { makeTicket, seedLiveEvent, sessionFor } from '../../../test/helpers/live.js';

const XSS = '<script>alert("x")</script><b onmouseover=alert(1)>tebal</b>';

describe.each(DB_KINDS)('live pages on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let ev: Awaited<ReturnType<typeof seedLiveEvent>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer', `org-${kind}@example.test`);
    ev = await seedLiveEvent(t, organizer);
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${ev.event.id}`,
      token: organizer,
      payload: {
        online: {
          platform: 'youtube',
          joinUrl: 'https://zoom.us/j/1',
          streamUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
        },
      },
    });
  });
  afterAll(() => t.close());

  it('renders typed markup as text on the live page, the projector and the overlay', async () => {
    const q = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/questions`,
        payload: { text: XSS, channel: 'online', authorName: '<i>nama</i>' },
      })
    ).json();
    const put = await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: organizer,
      payload: { onScreen: true, speakerId: ev.speaker.id },
    });
    expect(put.json()).toMatchObject({ status: 'approved', onScreen: true });
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${ev.event.id}/live/stage/next`,
      token: organizer,
    });
    for (const path of ['live', 'projector', 'overlay']) {
      const r = await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/${path}` });
      expect(r.statusCode, path).toBe(200);
      expect(r.body, path).not.toContain('<script>alert');
      expect(r.body, path).not.toContain('<b onmouseover');
      expect(r.body, path).toContain('&lt;script');
    }
    const live = (await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live` })).body;
    expect(live).toContain('Sambutan Lurah Kanigaran');
    expect(live).toContain('/assets/live.js');
    expect(live).toContain('youtube-nocookie.com/embed/dQw4w9WgXcQ');
    // The join link is for online ticket holders only.
    expect(live).not.toContain('zoom.us/j/1');
    const online = await makeTicket(t, ev.event.id, 'online', 'Daring');
    const withTicket = (
      await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live?t=${online.ticketCode}` })
    ).body;
    expect(withTicket).toContain('zoom.us/j/1');
    expect(withTicket).toContain('attendance-form');
    const projector = (await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/projector` })).body;
    expect(projector).toContain('data:image/png;base64');
    expect(projector).toContain('aula.test/e/');
    const overlay = (await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/overlay` })).body;
    expect(overlay).toContain('Dwi Arianto, S.Sos., M.M.');
    expect(overlay).toContain('Lurah Kanigaran');
  });

  it('works without JavaScript: ask, vote and answer a poll with plain forms', async () => {
    const ask = await t.inject({
      method: 'POST',
      url: `/e/${ev.event.slug}/live/ask`,
      payload: 'text=Apakah+ada+sertifikat%3F&channel=onsite&authorName=Bu+Ani',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(ask.statusCode).toBe(303);
    expect(ask.headers.location).toContain('msg=sent');
    const bad = await t.inject({
      method: 'POST',
      url: `/e/${ev.event.slug}/live/ask`,
      payload: 'text=&channel=onsite',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('text/html');
    const q = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${ev.event.id}/questions?status=pending`,
        token: organizer,
      })
    ).json().questions[0];
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/questions/${q.id}`,
      token: organizer,
      payload: { status: 'approved' },
    });
    // Without a ticket the page says how to vote and offers no vote buttons (one person, one vote).
    const anon = (await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live` })).body;
    expect(anon).toContain('id="vote-note"');
    expect(anon).not.toContain('class="vote"');
    const holder = await makeTicket(t, ev.event.id, 'onsite', 'Bu Ani');
    const vote = await t.inject({
      method: 'POST',
      url: `/e/${ev.event.slug}/live/questions/${q.id}/vote`,
      payload: `on=1&t=${holder.ticketCode}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(vote.statusCode).toBe(303);
    expect(vote.headers.location).toContain(`t=${holder.ticketCode}`);
    const page = (await t.inject({ method: 'GET', url: `/e/${ev.event.slug}/live?t=${holder.ticketCode}` }))
      .body;
    expect(page).toContain('aria-pressed="true"');
    const poll = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${ev.event.id}/polls`,
        token: organizer,
        payload: { question: 'Hadir dari mana?', options: ['Kota', 'Kabupaten'] },
      })
    ).json();
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/polls/${poll.id}`,
      token: organizer,
      payload: { status: 'open' },
    });
    const pv = await t.inject({
      method: 'POST',
      url: `/e/${ev.event.slug}/live/polls/${poll.id}/vote`,
      payload: `option=${poll.options[0].id}&t=${holder.ticketCode}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(pv.statusCode).toBe(303);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${ev.event.id}/polls` })).json().polls[0].voters,
    ).toBe(1);
  });

  it('console pages are for the event team; stage control works as plain forms', async () => {
    for (const p of ['moderate', 'stage', 'polls']) {
      const anon = await t.inject({ method: 'GET', url: `/console/events/${ev.event.id}/${p}` });
      expect(anon.statusCode, p).toBe(302);
      expect(anon.headers.location).toContain('/login');
    }
    const stranger = await t.tokenFor('organizer');
    expect(
      (await t.inject({ method: 'GET', url: `/console/events/${ev.event.id}/moderate`, token: stranger }))
        .statusCode,
    ).toBe(403);
    const mod = await t.inject({
      method: 'GET',
      url: `/console/events/${ev.event.id}/moderate`,
      token: organizer,
    });
    expect(mod.statusCode).toBe(200);
    expect(mod.body).toContain('/assets/moderate.js');
    const link = /href="(http:\/\/aula\.test\/e\/[^"]+\/speaker\/[^"]+)"/.exec(mod.body)?.[1];
    expect(link).toBeTruthy();
    const speakerPage = await t.inject({
      method: 'GET',
      url: link!.replace('http://aula.test', '').replace(/&amp;/g, '&'),
    });
    expect(speakerPage.statusCode).toBe(200);
    expect(speakerPage.body).toContain('Choirul Arifin');
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `${link!.replace('http://aula.test', '').split('?')[0]}?k=forged`,
        })
      ).statusCode,
    ).toBe(404);
    // A session cookie form post needs its CSRF token.
    const s = await sessionFor(t, `org-${kind}@example.test`);
    const cookie = `aula_session=${s.token}`;
    const noCsrf = await t.inject({
      method: 'POST',
      url: `/console/events/${ev.event.id}/stage/step`,
      payload: 'dir=1',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const step = await t.inject({
      method: 'POST',
      url: `/console/events/${ev.event.id}/stage/step`,
      payload: `dir=1&_csrf=${s.csrf}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(step.statusCode).toBe(303);
    const stage = await t.inject({
      method: 'GET',
      url: `/console/events/${ev.event.id}/stage`,
      headers: { cookie },
    });
    expect(stage.body).toContain('Pemateri 1');
    const mk = await t.inject({
      method: 'POST',
      url: `/console/events/${ev.event.id}/polls`,
      payload: `question=Puas%3F&options=Ya%0ATidak&kind=single&_csrf=${s.csrf}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(mk.statusCode).toBe(303);
    const one = await t.inject({
      method: 'POST',
      url: `/console/events/${ev.event.id}/polls`,
      payload: `question=Puas%3F&options=Ya&_csrf=${s.csrf}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(one.statusCode).toBe(400);
  });
});
