import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { jpegWithExif, multipart, pngLogo } from '../../../test/helpers/images.js';
import { DEMO_SLUG } from '../demo/index.js';

type Session = { cookie: string; csrf: string };
const decode = (html: string) =>
  html.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");

describe.each(DB_KINDS)('organizer console on %s', (kind) => {
  let t: TestApp;
  let rina: Session;
  let budi: Session;
  let door: Session;
  let eventId = '';

  async function login(
    email: string,
    role: 'admin' | 'organizer' | 'moderator' | 'checkin',
  ): Promise<Session> {
    await t.app.ctx.services.auth.createUser({
      email,
      password: 'password123',
      role,
      name: email.split('@')[0],
    });
    const r = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'password123' },
    });
    return { cookie: r.cookies.find((c) => c.name === 'aula_session')!.value, csrf: r.json().csrfToken };
  }
  const get = (s: Session | null, url: string) =>
    t.inject({ method: 'GET', url, ...(s ? { cookies: { aula_session: s.cookie } } : {}) });
  const post = (s: Session, url: string, form: Record<string, string | string[]>, csrf = true) =>
    t.inject({
      method: 'POST',
      url,
      cookies: { aula_session: s.cookie },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(
        Object.entries({ ...form, ...(csrf ? { _csrf: s.csrf } : {}) }).flatMap(([k, v]) =>
          Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]],
        ),
      ).toString(),
    });

  const eventForm = {
    title: 'Pelatihan Pemasaran Digital UMKM',
    theme: 'Jualan daring untuk pemula',
    startsAt: '2030-03-05T09:00',
    endsAt: '2030-03-05T12:00',
    timezone: 'Asia/Makassar',
    venueName: 'Balai Desa <b>Sukamaju</b>',
    venueAddress: 'Jl. Merdeka 1',
    venueMapUrl: '',
    venueCapacity: '40',
    onlinePlatform: 'meet',
    onlineJoinUrl: 'https://meet.google.com/abc-defg-hij',
    onlineStreamUrl: '',
    onlineCapacity: '',
    orgId: '',
    series: 'Pelatihan UMKM',
    slug: '',
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    rina = await login('rina@example.test', 'organizer');
    budi = await login('budi@example.test', 'organizer');
    door = await login('pintu@example.test', 'checkin');
  });
  afterAll(() => t.close());

  it('sends anonymous visitors to the login page, and refuses forms without the CSRF token', async () => {
    const r = await get(null, '/console');
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('/login?next=%2Fconsole');
    const forged = await post(rina, '/console/events/new', eventForm, false);
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Formulir kedaluwarsa');
  });

  it('offers the demo event, and loads it once', async () => {
    const home = await get(rina, '/console?welcome=1');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Muat acara contoh');
    const r = await post(rina, '/console/demo', {});
    expect(r.statusCode).toBe(303);
    const again = await post(rina, '/console/demo', {});
    expect(again.headers.location).toBe(r.headers.location);
    const after = await get(rina, '/console');
    expect(after.body).not.toContain('Muat acara contoh');
    expect(decode(after.body)).toContain('Seminar Hybrid (Tatap Muka dan Daring)');
    expect((await get(door, '/console')).body).not.toContain('Muat acara contoh');
    expect((await post(door, '/console/demo', {})).statusCode).toBe(403);
    const page = await get(null, `/e/${DEMO_SLUG}`);
    expect(page.statusCode).toBe(200);
    // The button stores the placeholder banner and logos too.
    expect(page.body).toMatch(/\/uploads\/banners\/[0-9a-z]+\.jpg/);
    expect(page.body).toMatch(/\/uploads\/logos\/[0-9a-z]+\.png/);
  });

  it('creates an event; bad input is shown again in the form with what was typed', async () => {
    const bad = await post(rina, '/console/events/new', {
      ...eventForm,
      endsAt: '2030-03-05T08:00',
      venueCapacity: '-3',
    });
    expect(bad.statusCode).toBe(400);
    const html = decode(bad.body);
    expect(html).toContain('Selesai');
    expect(html).toContain('value="Pelatihan Pemasaran Digital UMKM"');
    expect(bad.body).toContain('value="Balai Desa &lt;b>Sukamaju&lt;/b>"');
    expect(bad.body).not.toContain('<b>Sukamaju</b>');
    expect(html).toContain('Kapasitas ruangan (orang)');
    const noDate = await post(rina, '/console/events/new', { ...eventForm, startsAt: '' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('isi tanggal dan jam');
    const badUrl = await post(rina, '/console/events/new?lang=en', {
      ...eventForm,
      onlineJoinUrl: 'meet.google.com/abc',
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.body).toContain('Join link');
    // Nothing was written: Rina still has only the demo's events (the seminar and its next webinar).
    const rinas = (
      await t.inject({
        method: 'GET',
        url: '/api/v1/events',
        headers: { cookie: `aula_session=${rina.cookie}` },
      })
    ).json().events as { title: string }[];
    expect(rinas.filter((e) => e.title === eventForm.title)).toHaveLength(0);

    const ok = await post(rina, '/console/events/new', eventForm);
    expect(ok.statusCode).toBe(303);
    eventId = /\/console\/events\/([0-9a-z]+)/.exec(ok.headers.location as string)![1]!;
    const overview = await get(rina, `/console/events/${eventId}`);
    expect(overview.statusCode).toBe(200);
    expect(decode(overview.body)).toContain('Selasa, 5 Maret 2030, pukul 09.00 WITA');
    const edit = decode((await get(rina, `/console/events/${eventId}/edit`)).body);
    expect(edit).toContain('value="2030-03-05T09:00"');
    expect(edit).toContain('<option value="Asia/Makassar" selected');
    expect(edit).toContain('value="https://meet.google.com/abc-defg-hij"');
  });

  it('keeps other users out: other organizers get 404, door staff may not create events', async () => {
    expect((await get(budi, `/console/events/${eventId}`)).statusCode).toBe(404);
    expect((await get(budi, `/console/events/${eventId}/edit`)).statusCode).toBe(404);
    expect((await post(budi, `/console/events/${eventId}/publish`, {})).statusCode).toBe(404);
    expect((await get(door, '/console/events/new')).statusCode).toBe(403);
    expect((await post(door, '/console/events/new', eventForm)).statusCode).toBe(403);
    expect((await get(door, '/console/orgs')).statusCode).toBe(403);
  });

  it('adds people with titles as typed, a rundown item with them, and the team', async () => {
    const p1 = await post(rina, `/console/events/${eventId}/people`, {
      frontTitles: 'Dr.',
      name: 'Siti Rahmawati',
      backTitles: 'S.E., M.Si.',
      position: 'Dosen',
      institution: 'Universitas Contoh',
      role: 'speaker',
      presence: 'online',
      email: '',
    });
    expect(p1.statusCode).toBe(303);
    const badPerson = await post(rina, `/console/events/${eventId}/people`, {
      name: '',
      role: 'speaker',
      presence: 'onsite',
    });
    expect(badPerson.statusCode).toBe(400);
    expect(badPerson.body).toContain('Nama');
    const people = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${eventId}/people`,
        headers: { cookie: `aula_session=${rina.cookie}` },
      })
    ).json().people;
    expect(people[0].fullName).toBe('Dr. Siti Rahmawati, S.E., M.Si.');

    const editPerson = await post(rina, `/console/events/${eventId}/people/${people[0].id}`, {
      frontTitles: 'Dr.',
      name: 'Siti Rahmawati',
      backTitles: 'S.E., M.Si.',
      position: 'Dosen Manajemen',
      institution: '',
      role: 'speaker',
      presence: 'onsite',
    });
    expect(editPerson.statusCode).toBe(303);

    const item = await post(rina, `/console/events/${eventId}/rundown`, {
      startsAt: '2030-03-05T09:30',
      endsAt: '2030-03-05T10:15',
      kind: 'talk',
      title: 'Memulai toko daring',
      personIds: [people[0].id],
      notes: '',
    });
    expect(item.statusCode).toBe(303);
    const badItem = await post(rina, `/console/events/${eventId}/rundown`, {
      startsAt: '2030-03-05T10:00',
      endsAt: '2030-03-05T09:00',
      kind: 'talk',
      title: 'X',
    });
    expect(badItem.statusCode).toBe(400);
    const rundown = decode((await get(rina, `/console/events/${eventId}/rundown`)).body);
    expect(rundown).toContain('09.30–10.15 WITA');
    expect(rundown).toContain('Dr. Siti Rahmawati, S.E., M.Si.');

    const team = await post(rina, `/console/events/${eventId}/team`, {
      email: 'budi@example.test',
      role: 'moderator',
    });
    expect(team.statusCode).toBe(303);
    const unknown = await post(rina, `/console/events/${eventId}/team`, {
      email: 'siapa@example.test',
      role: 'moderator',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('siapa@example.test');
    // Budi, now moderator, sees the event in his console but may not edit it.
    expect((await get(budi, `/console/events/${eventId}`)).statusCode).toBe(200);
    expect((await get(budi, `/console/events/${eventId}/edit`)).statusCode).toBe(403);
  });

  it('publishes; the public page shows the event in Indonesian and the tools menu lists other modules', async () => {
    t.app.ctx.ui.consoleLinks.push({
      key: 'test-tool',
      order: 99,
      label: { id: 'Alat uji', en: 'Test tool' },
      path: '/test-tool',
    });
    expect(
      (
        await get(
          null,
          `/e/${(await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}`, headers: { cookie: `aula_session=${rina.cookie}` } })).json().slug}`,
        )
      ).statusCode,
    ).toBe(404);
    const pub = await post(rina, `/console/events/${eventId}/publish`, {});
    expect(pub.statusCode).toBe(303);
    const overview = decode((await get(rina, `/console/events/${eventId}`)).body);
    expect(overview).toContain(`href="/console/events/${eventId}/test-tool"`);
    expect(overview).toContain('https://wa.me/?text=');
    const slug = (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}` })).json().slug;
    const page = decode((await get(null, `/e/${slug}`)).body);
    expect(page).toContain('Pelatihan Pemasaran Digital UMKM');
    expect(page).toContain('Selasa, 5 Maret 2030, pukul 09.00 WITA');
    expect(page).toContain('Dr. Siti Rahmawati, S.E., M.Si.');
    expect(page).toContain('Google Meet');
    expect(page).not.toContain('meet.google.com/abc');
  });

  it('uploads a banner through the form with the CSRF field; refuses it without', async () => {
    const image = await jpegWithExif();
    const without = multipart([{ name: 'file', value: image, filename: 'b.jpg', type: 'image/jpeg' }]);
    const r1 = await t.inject({
      method: 'POST',
      url: `/console/events/${eventId}/banner`,
      cookies: { aula_session: rina.cookie },
      ...without,
    });
    expect(r1.statusCode).toBe(403);
    const withCsrf = multipart([
      { name: '_csrf', value: rina.csrf },
      { name: 'file', value: image, filename: 'b.jpg', type: 'image/jpeg' },
    ]);
    const r2 = await t.inject({
      method: 'POST',
      url: `/console/events/${eventId}/banner`,
      cookies: { aula_session: rina.cookie },
      ...withCsrf,
    });
    expect(r2.statusCode).toBe(303);
    const notImage = multipart([
      { name: '_csrf', value: rina.csrf },
      { name: 'file', value: Buffer.from('hello'), filename: 'b.jpg', type: 'image/jpeg' },
    ]);
    const r3 = await t.inject({
      method: 'POST',
      url: `/console/events/${eventId}/banner`,
      cookies: { aula_session: rina.cookie },
      ...notImage,
    });
    expect(r3.statusCode).toBe(415);
    expect(r3.body).toContain('JPEG, PNG, WebP');
    const budiTry = multipart([
      { name: '_csrf', value: budi.csrf },
      { name: 'file', value: image, filename: 'b.jpg', type: 'image/jpeg' },
    ]);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/console/events/${eventId}/banner`,
          cookies: { aula_session: budi.cookie },
          ...budiTry,
        })
      ).statusCode,
    ).toBe(403);
    const e = (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}` })).json();
    expect(e.bannerUrl).toMatch(/^\/uploads\/banners\//);
    const page = (await get(null, `/e/${e.slug}`)).body;
    expect(page).toContain(`<meta property="og:image" content="http://aula.test${e.bannerUrl}"`);
  });

  it('creates organizations with a logo and sets owner and partners on the event', async () => {
    const bad = await post(rina, '/console/orgs', { name: '', website: 'nope' });
    expect(bad.statusCode).toBe(400);
    const r = await post(rina, '/console/orgs', {
      name: 'Dinas Koperasi Contoh',
      shortName: 'Dinkop',
      website: 'https://dinkop.example',
      description: '',
    });
    expect(r.statusCode).toBe(303);
    const orgId = /\/console\/orgs\/([0-9a-z]+)/.exec(r.headers.location as string)![1]!;
    const logo = multipart([
      { name: '_csrf', value: rina.csrf },
      { name: 'file', value: await pngLogo(), filename: 'l.png', type: 'image/png' },
    ]);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/console/orgs/${orgId}/logo`,
          cookies: { aula_session: rina.cookie },
          ...logo,
        })
      ).statusCode,
    ).toBe(303);
    expect((await get(budi, `/console/orgs/${orgId}`)).statusCode).toBe(403);
    const edit = await post(rina, `/console/events/${eventId}/edit`, {
      ...eventForm,
      orgId,
      partnerIds: [orgId],
      title: 'Pelatihan Pemasaran Digital UMKM 2030',
    });
    expect(edit.statusCode).toBe(303);
    const e = (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}` })).json();
    expect(e.org.id).toBe(orgId);
    expect(e.partners.map((p: { id: string }) => p.id)).toEqual([orgId]);
    expect(e.org.logoUrl).toMatch(/^\/uploads\/logos\//);
    expect(decode((await get(null, `/e/${e.slug}`)).body)).toContain('Pelatihan Pemasaran Digital UMKM 2030');
  });

  it('duplicates the event for the next date as a draft', async () => {
    const form = await get(rina, `/console/events/${eventId}/duplicate`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="2030-03-12T09:00"');
    const bad = await post(rina, `/console/events/${eventId}/duplicate`, {
      title: 'Lanjutan',
      startsAt: '2030-04-02T09:00',
      endsAt: '2030-04-01T12:00',
    });
    expect(bad.statusCode).toBe(400);
    const r = await post(rina, `/console/events/${eventId}/duplicate`, {
      title: 'Pelatihan lanjutan',
      startsAt: '2030-04-02T09:00',
      endsAt: '2030-04-02T12:00',
    });
    expect(r.statusCode).toBe(303);
    const copyId = /\/console\/events\/([0-9a-z]+)/.exec(r.headers.location as string)![1]!;
    const copy = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${copyId}`,
        headers: { cookie: `aula_session=${rina.cookie}` },
      })
    ).json();
    expect(copy).toMatchObject({
      title: 'Pelatihan lanjutan',
      status: 'draft',
      startsAt: '2030-04-02T09:00:00+08:00',
      series: 'Pelatihan UMKM',
    });
    const agenda = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/events/${copyId}/agenda`,
        headers: { cookie: `aula_session=${rina.cookie}` },
      })
    ).json().agenda;
    expect(agenda[0].startsAt).toBe('2030-04-02T09:30:00+08:00');
  });

  it('reorders people for the event page', async () => {
    await post(rina, `/console/events/${eventId}/people`, {
      name: 'Budi Santoso',
      role: 'speaker',
      presence: 'onsite',
    });
    const names = async () =>
      (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/people` }))
        .json()
        .people.map((p: { name: string }) => p.name);
    expect(await names()).toEqual(['Siti Rahmawati', 'Budi Santoso']);
    const people = (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/people` })).json().people;
    expect(
      (await post(rina, `/console/events/${eventId}/people/${people[1].id}/move-up`, {})).statusCode,
    ).toBe(303);
    expect(await names()).toEqual(['Budi Santoso', 'Siti Rahmawati']);
    // Budi is on the team as moderator: he may not reorder.
    expect(
      (await post(budi, `/console/events/${eventId}/people/${people[1].id}/move-down`, {})).statusCode,
    ).toBe(403);
    await post(rina, `/console/events/${eventId}/people/${people[1].id}/delete`, {});
  });

  it('removes a rundown item, a person and a team member', async () => {
    const items = (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/agenda` })).json().agenda;
    expect(
      (await post(rina, `/console/events/${eventId}/rundown/${items[0].id}/delete`, {})).statusCode,
    ).toBe(303);
    const people = (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/people` })).json().people;
    expect(
      (await post(rina, `/console/events/${eventId}/people/${people[0].id}/delete`, {})).statusCode,
    ).toBe(303);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/people` })).json().people,
    ).toHaveLength(0);
    const budiId = (
      await t.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { aula_session: budi.cookie } })
    ).json().user.id;
    expect((await post(rina, `/console/events/${eventId}/team/${budiId}/delete`, {})).statusCode).toBe(303);
    expect((await get(budi, `/console/events/${eventId}`)).statusCode).toBe(404);
    // The public page follows at once (the console bumps the event's version).
    const slug = (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}` })).json().slug;
    expect((await get(null, `/e/${slug}`)).body).not.toContain('Siti Rahmawati');
  });

  it('shows the console in English on request', async () => {
    const r = await get(rina, '/console?lang=en');
    expect(r.body).toContain('My events');
    expect(r.body).toContain('New event');
  });
});
