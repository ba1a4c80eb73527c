import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Locale } from '../../i18n/index.js';
import { FormFields, formBody, str } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { LIKERT_LABELS, type Question, questionText, TicketParams } from './evaluation.schemas.js';
import { T } from './evaluation.text.js';

function QuestionInput(props: { q: Question; locale: Locale }) {
  const { q, locale } = props;
  const name = `a_${q.id}`;
  const text = questionText(q, locale);
  if (q.kind === 'likert') {
    return (
      <fieldset class="card">
        <legend>
          {text.label} {q.required ? null : <span class="muted">{T.optional[locale]}</span>}
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
          {text.label} {q.required ? null : <span class="muted">{T.optional[locale]}</span>}
        </legend>
        {(q.options ?? []).map((o, i) => (
          <label class="inline">
            <input type="radio" name={name} value={o} required={q.required} /> {text.options[i]}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <div>
      <label for={name}>
        {text.label} {q.required ? null : <span class="muted">{T.optional[locale]}</span>}
      </label>
      <textarea id={name} name={name} maxlength={2000} required={q.required} />
    </div>
  );
}

/** The participant's side: the form as a section of the ticket page, and its post (once per ticket). */
export const evaluationParticipant: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const svc = app.ctx.services.evaluation;

  app.ctx.ui.ticketSections.push({
    key: 'evaluation',
    order: 40,
    async render(req: FastifyRequest, event, ticket) {
      if (ticket.status !== 'confirmed') return null;
      const form = await svc.participantForm(event.id);
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
};
