import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { FormFields, formBody, str } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { page } from '../../web/page.js';
import { EVALUATION_PER_ADDRESS, ticketLimiter } from './evaluation.limits.js';
import { LIKERT_LABELS, type Question, questionText, TicketParams } from './evaluation.schemas.js';
import { T } from './evaluation.text.js';

type Answers = Record<string, string>;

function QuestionInput(props: { q: Question; locale: Locale; value?: string | undefined }) {
  const { q, locale, value } = props;
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
              <input
                type="radio"
                name={name}
                value={String(i + 1)}
                required={q.required}
                checked={value === String(i + 1)}
              />{' '}
              {i + 1} · {l[locale]}
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
            <input type="radio" name={name} value={o} required={q.required} checked={value === o} />{' '}
            {text.options[i]}
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
      <textarea id={name} name={name} maxlength={2000} required={q.required}>
        {value ?? ''}
      </textarea>
    </div>
  );
}

/** The form, empty on the ticket page or filled with what was typed when it comes back with an error. */
function EvaluationForm(props: { code: string; questions: Question[]; l: Locale; values?: Answers }) {
  return (
    <form method="post" action={`/t/${props.code}/evaluation`}>
      {props.questions.map((q) => (
        <QuestionInput q={q} locale={props.l} value={props.values?.[q.id]} />
      ))}
      <button type="submit">{T.send[props.l]}</button>
    </form>
  );
}

/** The participant's side: the form as a section of the ticket page, and its post (once per ticket). */
export const evaluationParticipant: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const svc = app.ctx.services.evaluation;
  const perTicket = ticketLimiter(app);

  /**
   * Any refusal of a sent form (a missing answer, the form just closed, too many tries) comes back as a
   * page in words with the answers as they were typed, never as an error page that loses them.
   */
  async function formAgain(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    eventId: string,
    values: Answers,
    err: AppError,
  ) {
    const l = req.locale;
    const form = await svc.participantForm(eventId);
    return page(
      req,
      reply,
      { title: T.heading, status: err.status },
      <section id="evaluasi">
        <h1>{T.heading[l]}</h1>
        <div class="notice error" role="alert">
          {err.text[l]}
        </div>
        {form.status === 'open' ? (
          <EvaluationForm code={code} questions={form.questions} l={l} values={values} />
        ) : null}
        <p>
          <a href={`/t/${code}`}>{T.backToTicket[l]}</a>
        </p>
      </section>,
    );
  }

  app.ctx.ui.ticketSections.push({
    key: 'evaluation',
    order: 40,
    async render(req: FastifyRequest, event, ticket) {
      if (ticket.status !== 'confirmed') return null;
      const form = await svc.participantForm(event.id);
      if (form.status === 'draft') return null;
      // A ticket nothing has happened to since its sign-up has not answered the evaluation.
      const done = ticket.untouched ? false : await svc.submitted(ticket.id);
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
          <EvaluationForm code={ticket.ticket_code} questions={form.questions} l={l} />
        </section>
      );
    },
  });

  app.post(
    '/t/:code/evaluation',
    {
      schema: { hide: true, params: TicketParams, body: FormFields },
      config: { rateLimit: EVALUATION_PER_ADDRESS },
    },
    async (req, reply) => {
      const { code } = req.params;
      const fields = formBody(req);
      const reg = await svc.participant(code);
      const answers: Answers = {};
      for (const k of Object.keys(fields)) if (k.startsWith('a_')) answers[k.slice(2)] = str(fields, k);
      try {
        await perTicket(req);
        await svc.submit(reg.event_id, reg.id, answers);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return formAgain(req, reply, code, reg.event_id, answers, err);
      }
      return reply.redirect(`/t/${code}?evaluasi=terkirim#evaluasi`, 303);
    },
  );
};
