import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Locale } from '../../i18n/index.js';
import { shortCode } from '../../shared/ids.js';
import { FormFields, SavedQuery } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { eventToolPage } from '../../web/tool-page.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { FormBody, type Question } from './evaluation.schemas.js';
import type { EvaluationService } from './evaluation.service.js';

const T = {
  heading: { id: 'Pertanyaan evaluasi', en: 'Evaluation questions' },
  back: { id: 'Evaluasi', en: 'Evaluation' },
  intro: {
    id: 'Ubah teks, jenis dan urutan pertanyaan. Setelah ada jawaban, pertanyaan yang sudah dijawab tidak bisa dihapus atau diubah artinya; urutan, pertanyaan baru dan pilihan tambahan tetap bisa.',
    en: 'Change the wording, kind and order of the questions. Once answers exist, an answered question cannot be removed or change meaning; order, new questions and extra choices still can.',
  },
  answered: { id: 'sudah dijawab', en: 'answered' },
  label: { id: 'Pertanyaan', en: 'Question' },
  kind: { id: 'Jenis', en: 'Kind' },
  kinds: {
    likert: { id: 'Skala 1–5 (setuju/tidak)', en: 'Scale 1–5 (agree/disagree)' },
    choice: { id: 'Pilihan', en: 'Choice' },
    text: { id: 'Isian teks', en: 'Text' },
  },
  options: { id: 'Pilihan (satu per baris)', en: 'Choices (one per line)' },
  topic: { id: 'Topik (untuk laporan)', en: 'Topic (for the report)' },
  required: { id: 'Wajib diisi', en: 'Required' },
  order: { id: 'Urutan', en: 'Order' },
  up: { id: 'Naik', en: 'Up' },
  down: { id: 'Turun', en: 'Down' },
  remove: { id: 'Hapus pertanyaan ini', en: 'Remove this question' },
  add: { id: 'Tambah pertanyaan', en: 'Add a question' },
  addHint: { id: 'Kosongkan bila tidak menambah.', en: 'Leave empty to add nothing.' },
  save: { id: 'Simpan pertanyaan', en: 'Save the questions' },
  saved: { id: 'Pertanyaan tersimpan.', en: 'Questions saved.' },
};
const TOPICS = ['materi', 'narasumber', 'penyelenggaraan', 'manfaat', 'lainnya'] as const;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) : v) ?? '';

/**
 * Reads the editor form into a question list: rows in their "order" numbers, a pressed up/down
 * button applied, removed rows left out, and the "new question" row added when it has a text.
 */
function questionsFromForm(f: Record<string, string | string[]>): unknown[] {
  const rows: { q: Record<string, unknown>; order: number; index: number }[] = [];
  for (let i = 0; f[`q${i}_id`] !== undefined; i++) {
    if (one(f[`q${i}_remove`])) continue;
    rows.push({
      q: rowQuestion(f, `q${i}_`, one(f[`q${i}_id`])),
      order: orderOf(one(f[`q${i}_order`]), i + 1),
      index: i,
    });
  }
  rows.sort((a, b) => a.order - b.order || a.index - b.index);
  const [dir, id] = one(f.move).split(':');
  const at = rows.findIndex((r) => r.q.id === id);
  const to = dir === 'up' ? at - 1 : at + 1;
  if (at >= 0 && to >= 0 && to < rows.length) [rows[at], rows[to]] = [rows[to]!, rows[at]!];
  const out = rows.map((r) => r.q);
  if (one(f.new_label).trim()) out.push(rowQuestion(f, 'new_', `q_${shortCode(8).toLowerCase()}`));
  return out;
}

const orderOf = (s: string, fallback: number) =>
  s.trim() && Number.isFinite(Number(s)) ? Number(s) : fallback;

function rowQuestion(f: Record<string, string | string[]>, p: string, id: string) {
  const kind = one(f[`${p}kind`]) || 'likert';
  const options = one(f[`${p}options`])
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    id,
    kind,
    label: one(f[`${p}label`]),
    topic: one(f[`${p}topic`]) || 'lainnya',
    ...(kind === 'choice' ? { options } : {}),
    required: one(f[`${p}required`]) === '1',
  };
}

function Row(props: { q: Partial<Question>; i: number | null; answered: number; l: Locale; last: boolean }) {
  const { q, i, answered, l } = props;
  const p = i === null ? 'new_' : `q${i}_`;
  return (
    <fieldset class="card">
      <legend>
        {i === null ? T.add[l] : `${i + 1}. ${q.label}`}
        {answered ? (
          <span class="badge">
            {' '}
            {T.answered[l]}: {answered}
          </span>
        ) : null}
      </legend>
      {i === null ? (
        <p class="muted">{T.addHint[l]}</p>
      ) : (
        <input type="hidden" name={`${p}id`} value={q.id} />
      )}
      <label for={`${p}label`}>{T.label[l]}</label>
      <input id={`${p}label`} name={`${p}label`} value={q.label ?? ''} maxlength={300} />
      <label for={`${p}kind`}>{T.kind[l]}</label>
      <select id={`${p}kind`} name={`${p}kind`}>
        {(['likert', 'choice', 'text'] as const).map((k) => (
          <option value={k} selected={q.kind === k}>
            {T.kinds[k][l]}
          </option>
        ))}
      </select>
      <label for={`${p}options`}>{T.options[l]}</label>
      <textarea id={`${p}options`} name={`${p}options`} rows={3}>
        {(q.options ?? []).join('\n')}
      </textarea>
      <label for={`${p}topic`}>{T.topic[l]}</label>
      <select id={`${p}topic`} name={`${p}topic`}>
        {TOPICS.map((t) => (
          <option value={t} selected={(q.topic ?? 'lainnya') === t}>
            {t}
          </option>
        ))}
      </select>
      <label class="inline">
        <input type="checkbox" name={`${p}required`} value="1" checked={q.required ?? false} />{' '}
        {T.required[l]}
      </label>
      {i === null ? null : (
        <div class="row">
          <label for={`${p}order`}>{T.order[l]}</label>
          <input id={`${p}order`} name={`${p}order`} type="number" min={1} max={99} value={String(i + 1)} />
          {i > 0 ? (
            <button type="submit" name="move" value={`up:${q.id}`} class="secondary">
              ↑ {T.up[l]}
            </button>
          ) : null}
          {props.last ? null : (
            <button type="submit" name="move" value={`down:${q.id}`} class="secondary">
              ↓ {T.down[l]}
            </button>
          )}
          <label class="inline">
            <input type="checkbox" name={`${p}remove`} value="1" /> {T.remove[l]}
          </label>
        </div>
      )}
    </fieldset>
  );
}

async function show(
  svc: EvaluationService,
  req: FastifyRequest,
  reply: FastifyReply,
  event: EventRow,
  questions: Partial<Question>[],
  notice: { kind: 'ok' | 'error'; text: string } | null,
  status = 200,
) {
  const l = req.locale;
  const results = await svc.results(event.id);
  const answered = new Map(results.questions.map((q) => [q.id, q.answered]));
  return eventToolPage(
    req,
    reply,
    event,
    T.heading,
    <>
      <p class="muted">{T.intro[l]}</p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <form method="post" action={`/console/events/${event.id}/evaluation/questions`}>
        <CsrfField req={req} />
        {questions.map((q, i) => (
          <Row q={q} i={i} answered={answered.get(q.id ?? '') ?? 0} l={l} last={i === questions.length - 1} />
        ))}
        <Row q={{ kind: 'likert', required: true }} i={null} answered={0} l={l} last />
        <button type="submit">{T.save[l]}</button>
      </form>
    </>,
    { status, back: { href: `/console/events/${event.id}/evaluation`, label: T.back } },
  );
}

export const evaluationEditor: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.evaluation;

  app.get(
    '/console/events/:id/evaluation/questions',
    { schema: { hide: true, params: IdParam, querystring: SavedQuery } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return show(
        svc,
        req,
        reply,
        event,
        (await svc.form(event.id)).questions,
        req.query.saved === '1' ? { kind: 'ok', text: T.saved[req.locale] } : null,
      );
    },
  );

  app.post(
    '/console/events/:id/evaluation/questions',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const raw = questionsFromForm(req.body);
      try {
        const body = parseOrThrow(FormBody, { questions: raw });
        await svc.saveQuestions(event, body);
      } catch (err) {
        // The organizer's unsaved input stays on the page with the reason it was refused.
        if (err instanceof AppError)
          return show(
            svc,
            req,
            reply,
            event,
            raw as Partial<Question>[],
            { kind: 'error', text: err.text[req.locale] },
            err.status,
          );
        throw err;
      }
      return reply.redirect(`/console/events/${event.id}/evaluation/questions?saved=1`, 303);
    },
  );
};
