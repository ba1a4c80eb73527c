import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import type { Locale } from '../../i18n/index.js';
import { FormFields, formBody, str } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { asPage, CsrfField, page } from '../../web/page.js';
import { loadEventFor } from '../events/index.js';
import { LIKERT_LABELS, type Question, type Results, TicketParams } from './evaluation.schemas.js';

const T = {
  heading: { id: 'Evaluasi acara', en: 'Event evaluation' },
  intro: {
    id: 'Bantu kami memperbaiki acara berikutnya. Mengisi evaluasi hanya sekali dan butuh ±2 menit.',
    en: 'Help us improve the next event. You fill it in once; it takes about 2 minutes.',
  },
  send: { id: 'Kirim evaluasi', en: 'Send the evaluation' },
  thanks: {
    id: 'Terima kasih, evaluasi Anda sudah kami terima.',
    en: 'Thank you, we have received your evaluation.',
  },
  optional: { id: '(boleh dikosongkan)', en: '(optional)' },
  results: { id: 'Hasil evaluasi', en: 'Evaluation results' },
  editQuestions: { id: 'Ubah pertanyaan', en: 'Edit the questions' },
  open: { id: 'Buka evaluasi', en: 'Open the evaluation' },
  close: { id: 'Tutup evaluasi', en: 'Close the evaluation' },
  responses: { id: 'Jawaban masuk', en: 'Responses' },
  average: { id: 'Rata-rata', en: 'Average' },
  status: {
    draft: { id: 'Belum dibuka', en: 'Not open yet' },
    open: { id: 'Dibuka', en: 'Open' },
    closed: { id: 'Ditutup', en: 'Closed' },
  },
};

function QuestionInput(props: { q: Question; locale: Locale }) {
  const { q, locale } = props;
  const name = `a_${q.id}`;
  if (q.kind === 'likert') {
    return (
      <fieldset class="card">
        <legend>
          {q.label} {q.required ? null : <span class="muted">{T.optional[locale]}</span>}
        </legend>
        <div class="row">
          {LIKERT_LABELS.map((l, i) => (
            <label class="inline">
              <input type="radio" name={name} value={String(i + 1)} required={q.required} /> {i + 1} ·{' '}
              {l[locale]}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  if (q.kind === 'choice') {
    return (
      <fieldset class="card">
        <legend>
          {q.label} {q.required ? null : <span class="muted">{T.optional[locale]}</span>}
        </legend>
        {(q.options ?? []).map((o) => (
          <label class="inline">
            <input type="radio" name={name} value={o} required={q.required} /> {o}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <div>
      <label for={name}>
        {q.label} {q.required ? null : <span class="muted">{T.optional[locale]}</span>}
      </label>
      <textarea id={name} name={name} maxlength={2000} required={q.required} />
    </div>
  );
}

function ResultsView(props: { results: Results; locale: Locale }) {
  const { results, locale } = props;
  return (
    <div>
      <p>
        {T.responses[locale]}: <strong>{results.responses}</strong>
      </p>
      {results.questions.map((q) => (
        <div class="card">
          <strong>{q.label}</strong>
          {q.kind === 'likert' ? (
            <p>
              {T.average[locale]}: <strong>{q.average ?? '–'}</strong> / 5 · n = {q.answered}
              <br />
              <span class="muted">{q.distribution?.map((c, i) => `${i + 1}: ${c}`).join(' · ')}</span>
            </p>
          ) : q.kind === 'choice' ? (
            <ul>
              {q.options?.map((o) => (
                <li>
                  {o.label}: {o.count}
                </li>
              ))}
            </ul>
          ) : (
            <ul>
              {q.comments?.slice(0, 200).map((c) => (
                <li>{c}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

export const evaluationPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.evaluation;

  app.ctx.ui.ticketSections.push({
    key: 'evaluation',
    order: 40,
    async render(req: FastifyRequest, event, ticket) {
      if (ticket.status !== 'confirmed') return null;
      const form = await svc.form(event.id);
      if (form.status === 'draft') return null;
      const done = await svc.submitted(ticket.id);
      const l = req.locale;
      if (done || form.status === 'closed') {
        return (
          <section id="evaluasi">
            <h2>{T.heading[l]}</h2>
            {done ? <Notice kind="ok">{T.thanks[l]}</Notice> : <p class="muted">{T.status.closed[l]}</p>}
          </section>
        );
      }
      return (
        <section id="evaluasi">
          <h2>{T.heading[l]}</h2>
          <p>{T.intro[l]}</p>
          <form method="post" action={`/t/${ticket.ticket_code}/evaluation`}>
            {form.questions.map((q) => (
              <QuestionInput q={q} locale={l} />
            ))}
            <button type="submit">{T.send[l]}</button>
          </form>
        </section>
      );
    },
  });

  app.ctx.ui.consoleLinks.push({ key: 'evaluation', order: 60, label: T.heading, path: '/evaluation' });

  // Set before validation, so a refused param or body is answered with a page, not JSON.
  app.addHook('onRequest', async (req) => asPage(req));

  app.post(
    '/t/:code/evaluation',
    {
      schema: { hide: true, params: TicketParams, body: FormFields },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { code } = req.params;
      const fields = formBody(req);
      const reg = await svc.participant(code);
      const answers: Record<string, string> = {};
      for (const k of Object.keys(fields)) if (k.startsWith('a_')) answers[k.slice(2)] = str(fields, k);
      await svc.submit(reg.event_id, reg.id, answers);
      return reply.redirect(`/t/${code}?evaluasi=terkirim#evaluasi`, 303);
    },
  );

  app.get(
    '/console/events/:id/evaluation',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const form = await svc.form(event.id);
      const results = await svc.results(event.id);
      const l = req.locale;
      return page(
        req,
        reply,
        { title: `${T.heading[l]} · ${event.title}`, nav: 'console' },
        <>
          <p>
            <a href={`/console/events/${event.id}`}>← {event.title}</a>
          </p>
          <h1>{T.heading[l]}</h1>
          <p>
            Status: <span class="badge">{T.status[form.status][l]}</span>
          </p>
          <div class="row">
            {form.status !== 'open' ? (
              <form method="post" action={`/console/events/${event.id}/evaluation/open`}>
                <CsrfField req={req} />
                <button type="submit">{T.open[l]}</button>
              </form>
            ) : (
              <form method="post" action={`/console/events/${event.id}/evaluation/close`}>
                <CsrfField req={req} />
                <button type="submit" class="secondary">
                  {T.close[l]}
                </button>
              </form>
            )}
          </div>
          <p>
            <a class="btn secondary" href={`/console/events/${event.id}/evaluation/questions`}>
              {T.editQuestions[l]}
            </a>
          </p>
          <h2>{T.results[l]}</h2>
          <ResultsView results={results} locale={l} />
        </>,
      );
    },
  );

  for (const [action, status] of [
    ['open', 'open'],
    ['close', 'closed'],
  ] as const) {
    app.post(
      `/console/events/:id/evaluation/${action}`,
      { schema: { hide: true, params: IdParam } },
      async (req, reply) => {
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        await svc.setStatus(event, status);
        return reply.redirect(`/console/events/${event.id}/evaluation`, 303);
      },
    );
  }
};
