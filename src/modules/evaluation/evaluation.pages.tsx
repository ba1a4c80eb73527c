import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import type { Locale } from '../../i18n/index.js';
import { CsrfField } from '../../web/page.js';
import { eventToolPage } from '../../web/tool-page.js';
import { loadEventFor } from '../events/index.js';
import type { Results } from './evaluation.schemas.js';
import { T } from './evaluation.text.js';

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

  app.ctx.ui.consoleLinks.push({ key: 'evaluation', order: 60, label: T.heading, path: '/evaluation' });

  app.get(
    '/console/events/:id/evaluation',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const form = await svc.form(event.id);
      const results = await svc.results(event.id, req.locale);
      const l = req.locale;
      return eventToolPage(
        req,
        reply,
        event,
        T.heading,
        <>
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
