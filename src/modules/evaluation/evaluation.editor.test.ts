import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';
import type { Question } from './evaluation.schemas.js';

const seminar = {
  title: 'Seminar Evaluasi Editor',
  startsAt: '2021-12-30T09:00:00+07:00',
  endsAt: '2021-12-30T12:00:00+07:00',
};
const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});
/** The editor form as the console page posts it, from a question list. */
function fieldsOf(qs: Question[], extra: Record<string, string> = {}): Record<string, string> {
  const f: Record<string, string> = {};
  qs.forEach((q, i) => {
    f[`q${i}_id`] = q.id;
    f[`q${i}_label`] = q.label;
    f[`q${i}_kind`] = q.kind;
    f[`q${i}_topic`] = q.topic;
    f[`q${i}_options`] = (q.options ?? []).join('\n');
    f[`q${i}_order`] = String(i + 1);
    if (q.required) f[`q${i}_required`] = '1';
  });
  return { ...f, ...extra };
}

describe.each(DB_KINDS)('evaluation question editor on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let eventId: string;
  let ticket: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    eventId = (await createEvent(t, organizer, seminar)).id;
    ticket = (await seedRegistration(t.app.ctx.db, eventId, { name: 'Peserta Satu' })).ticketCode;
  });
  afterAll(() => t.close());

  const questions = async (): Promise<Question[]> =>
    (await t.inject({ method: 'GET', url: `/api/v1/events/${eventId}/evaluation`, token: organizer })).json()
      .questions;
  const post = (fields: Record<string, string>) =>
    t.inject({
      method: 'POST',
      url: `/console/events/${eventId}/evaluation/questions`,
      token: organizer,
      ...form(fields),
    });
  const put = (qs: Question[]) =>
    t.inject({
      method: 'PUT',
      url: `/api/v1/events/${eventId}/evaluation`,
      token: organizer,
      payload: { questions: qs },
    });

  it('adds, edits, reorders and removes questions from the console before any answer', async () => {
    const page = await t.inject({
      method: 'GET',
      url: `/console/events/${eventId}/evaluation/questions`,
      token: organizer,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tambah pertanyaan');
    const qs = await questions();

    const added = await post(
      fieldsOf(qs, {
        new_label: 'Apakah Anda akan ikut seminar berikutnya?',
        new_kind: 'choice',
        new_options: 'Ya\nMungkin\nTidak',
        new_topic: 'lainnya',
      }),
    );
    expect(added.statusCode).toBe(303);
    let now = await questions();
    expect(now.at(-1)).toMatchObject({
      kind: 'choice',
      options: ['Ya', 'Mungkin', 'Tidak'],
      required: false,
    });

    // Edit the wording and make it required; move the last question up one place; remove "topik".
    const last = now.length - 1;
    const f = fieldsOf(now, { move: `up:${now[last]!.id}` });
    f[`q${last}_label`] = 'Apakah Anda ingin ikut seminar berikutnya?';
    f[`q${last}_required`] = '1';
    f[`q${now.findIndex((q) => q.id === 'topik')}_remove`] = '1';
    expect((await post(f)).statusCode).toBe(303);
    now = await questions();
    expect(now.find((q) => q.id === 'topik')).toBeUndefined();
    expect(now.at(-2)).toMatchObject({ label: 'Apakah Anda ingin ikut seminar berikutnya?', required: true });

    // Order numbers reorder too: put "saran" first.
    const g = fieldsOf(now);
    g[`q${now.findIndex((q) => q.id === 'saran')}_order`] = '0';
    expect((await post(g)).statusCode).toBe(303);
    expect((await questions())[0]!.id).toBe('saran');
  });

  it('re-shows the form with the reason when the input is invalid, and saves nothing', async () => {
    const before = await questions();
    const r = await post(
      fieldsOf(before, { new_label: 'Pilih satu', new_kind: 'choice', new_options: 'Ya' }),
    );
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('minimal 2 opsi');
    expect(r.body).toContain('Pilih satu');
    expect(await questions()).toEqual(before);
  });

  it('once answered, refuses changes of meaning and says so; order, new questions and choices stay open', async () => {
    await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/evaluation/open`, token: organizer });
    const qs = await questions();
    const answers: Record<string, string | number> = {};
    for (const q of qs) if (q.required) answers[q.id] = q.kind === 'likert' ? 4 : (q.options?.[0] ?? 'ok');
    answers.sumber_info = 'Grup WhatsApp';
    const sent = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket}/evaluation`,
      payload: { answers },
    });
    expect(sent.statusCode, sent.body).toBe(201);

    const materi = qs.findIndex((q) => q.id === 'materi');
    const reworded = qs.map((q, i) => (i === materi ? { ...q, label: 'Materi terlalu sulit.' } : q));
    const r1 = await put(reworded);
    expect(r1.statusCode).toBe(409);
    expect(r1.json().error.code).toBe('evaluation_question_answered');
    expect(r1.json().error.message).toContain('teks "Materi yang disampaikan');
    expect((await put(qs.filter((q) => q.id !== 'materi'))).json().error.message).toContain('dihapus');
    expect(
      (await put(qs.map((q) => (q.id === 'materi' ? { ...q, kind: 'text' as const } : q)))).statusCode,
    ).toBe(409);
    const src = qs.find((q) => q.id === 'sumber_info')!;
    const lostChoice = await put(
      qs.map((q) => (q.id === 'sumber_info' ? { ...q, options: src.options!.slice(1) } : q)),
    );
    expect(lostChoice.statusCode).toBe(409);
    expect(lostChoice.json().error.message).toContain('"Grup WhatsApp"');
    expect(await questions()).toEqual(qs);

    // Allowed: reverse the order, add a choice, add a question, change an unanswered one.
    const ok = await put([
      ...qs
        .map((q) =>
          q.id === 'sumber_info'
            ? { ...q, options: [...q.options!, 'Radio'] }
            : q.id === 'saran'
              ? { ...q, label: 'Saran dan kritik untuk panitia' }
              : q,
        )
        .reverse(),
      {
        id: 'ulang',
        kind: 'likert',
        label: 'Saya akan merekomendasikan acara ini.',
        topic: 'manfaat',
        required: false,
      },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().questions.at(-1).id).toBe('ulang');

    // The console says why, in the organizer's language, with the input kept.
    const now = await questions();
    const f = fieldsOf(now);
    f[`q${now.findIndex((q) => q.id === 'materi')}_remove`] = '1';
    const page = await post(f);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('tidak bisa diubah artinya');
    expect(page.body).toContain('sudah dijawab');
    expect((await questions()).some((q) => q.id === 'materi')).toBe(true);
  });

  it('only the event’s organizers edit the questions', async () => {
    const url = `/console/events/${eventId}/evaluation/questions`;
    const anon = await t.inject({ method: 'GET', url });
    expect([302, 303, 401, 404]).toContain(anon.statusCode);
    for (const role of ['checkin', 'moderator'] as const) {
      const token = await t.tokenFor(role);
      expect([403, 404]).toContain((await t.inject({ method: 'GET', url, token })).statusCode);
      expect([403, 404]).toContain((await t.inject({ method: 'POST', url, token, ...form({}) })).statusCode);
    }
  });
});
