import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../http/params.js';
import { bilingual, parseOrThrow } from '../../../http/validation.js';
import { FormFields, formBody, str } from '../../../web/forms.js';
import { CsrfField } from '../../../web/page.js';
import { requireUser } from '../../auth/index.js';
import { type EventRow, loadEventFor } from '../../events/index.js';

const T = {
  title: { id: 'Setelah acara: terima kasih', en: 'After the event: thank you' },
  intro: {
    id: 'Yang hadir menerima ajakan mengisi evaluasi, sertifikat, dan rekaman; yang tidak hadir menerima rekaman dengan kata-kata lain.',
    en: 'Those present are asked for the evaluation and get the certificate and the recording; those absent get the recording, in other words.',
  },
  recording: { id: 'Tautan rekaman (boleh kosong)', en: 'Recording link (optional)' },
  save: { id: 'Simpan tautan', en: 'Save the link' },
  send: { id: 'Kirim terima kasih', en: 'Send the thank-you' },
};

const Url = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (u) => u === '' || /^https?:\/\/\S+$/i.test(u),
    bilingual({ id: 'harus alamat http(s)', en: 'must be an http(s) URL' }),
  );

/** The messages page's after-the-event part: the recording's link and the thank-you button. */
export function ThanksSection(props: { req: FastifyRequest; event: EventRow; recording: string | null }) {
  const l = props.req.locale;
  const base = `/console/events/${props.event.id}/messages`;
  return (
    <section class="card">
      <h2>{T.title[l]}</h2>
      <p class="muted">{T.intro[l]}</p>
      <form method="post" action={`${base}/recording`}>
        <CsrfField req={props.req} />
        <label for="f-recording">{T.recording[l]}</label>
        <input id="f-recording" name="url" type="url" inputMode="url" value={props.recording ?? ''} />
        <p class="row">
          <button type="submit" class="secondary">
            {T.save[l]}
          </button>
        </p>
      </form>
      <form method="post" action={`${base}/thanks`}>
        <CsrfField req={props.req} />
        <input type="hidden" name="key" value={`thanks-${props.event.id}`} />
        <button type="submit">{T.send[l]}</button>
      </form>
    </section>
  );
}

/** Saves the recording's link; sends the thank-you once per event (its key is the event's). */
export const thanksPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.thanks;

  app.post(
    '/console/events/:id/messages/recording',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const url = parseOrThrow(Url, str(formBody(req), 'url'));
      await svc.setRecording(event, url || null);
      return reply.redirect(`/console/events/${event.id}/messages`, 303);
    },
  );

  app.post(
    '/console/events/:id/messages/thanks',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const r = await svc.send(event, user, str(formBody(req), 'key') || undefined);
      return reply.redirect(`/console/events/${event.id}/messages/${r.present.message.id}`, 303);
    },
  );
};
