import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import type { Text } from '../../i18n/index.js';
import { Field, FormFields, type KeptForm, PostForm, str } from '../../web/forms.js';
import { requireRole } from '../auth/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { consolePage, saveOrShowAgain } from './console.forms.js';
import { C } from './console.text.js';

const D = {
  warn: {
    id: 'Menghapus acara juga menghapus semua pendaftar, presensi, pertanyaan, jajak pendapat, evaluasi, sertifikat dan laporannya. Ini tidak dapat dibatalkan. Jika hanya ingin menyembunyikannya, kembalikan ke draf.',
    en: 'Deleting the event also deletes all its registrations, attendance, questions, polls, evaluation, certificates and report. This cannot be undone. To hide it only, set it back to draft.',
  },
  confirm: { id: 'Ketik alamat acara untuk memastikan', en: 'Type the event’s address to confirm' },
} satisfies Record<string, Text>;

/** Deleting an event, behind a typed confirmation: everything under it goes with it. */
export async function consoleDeleteRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const events = app.ctx.services.events;

  function render(req: FastifyRequest, reply: FastifyReply, event: EventRow, form: KeptForm) {
    const l = req.locale;
    return consolePage(
      req,
      reply,
      { title: C.deleteEvent, event, tab: 'delete', status: form.status },
      <>
        <h2>{C.deleteEvent[l]}</h2>
        <p>{D.warn[l]}</p>
        <PostForm
          req={req}
          action={`/console/events/${event.id}/delete`}
          error={form.error}
          submit={C.deleteEvent[l]}
        >
          <Field
            name="confirm"
            label={{ id: `${D.confirm.id}: ${event.slug}`, en: `${D.confirm.en}: ${event.slug}` }}
            l={l}
            values={form.values}
            error={form.error}
            autocomplete="off"
            required
          />
        </PostForm>
      </>,
    );
  }

  app.get('/console/events/:id/delete', { schema: { params: IdParam } }, async (req, reply) => {
    requireRole(req, 'organizer');
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    return render(req, reply, event, { values: {} });
  });

  app.post(
    '/console/events/:id/delete',
    { schema: { params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireRole(req, 'organizer');
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return saveOrShowAgain(
        req,
        reply,
        async (values) => {
          await events.remove(event, str(values, 'confirm'), user);
          return '/console';
        },
        (form) => render(req, reply, event, form),
      );
    },
  );
}
