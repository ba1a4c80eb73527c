import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.js';
import type { Text } from '../../i18n/index.js';
import { Notice } from '../../web/layout.js';
import { page } from '../../web/page.js';

const L = {
  stopTitle: { id: 'Berhenti menerima kabar acara', en: 'Stop event news' },
  stopAsk: {
    id: 'Anda tidak akan lagi menerima kabar acara berikutnya dari penyelenggara di Aula ini. Tiket dan sertifikat Anda tetap ada.',
    en: 'You will no longer receive news of upcoming events from organizers on this Aula. Your tickets and certificates stay.',
  },
  stopButton: { id: 'Ya, berhenti', en: 'Yes, stop' },
  stopDone: {
    id: 'Selesai. Anda tidak akan menerima kabar acara lagi.',
    en: 'Done. You will not receive event news again.',
  },
} satisfies Record<string, Text>;

/** The opt-out link answers 404 for any code it does not know, malformed ones included. */
const CodeParam = z.object({ code: z.string() });

/** "No more news" (/berhenti/:code, linked from every announcement): asks once, then records the opt-out. */
export const announcementsOptOut: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const svc = app.ctx.services.announcements;

  const stopPage = async (req: FastifyRequest, reply: FastifyReply, rawCode: string, done: boolean) => {
    const l = req.locale;
    const code = rawCode.slice(0, 100);
    const found = await svc.findOptOut(code);
    if (!found) throw errors.notFound({ id: 'Tautan', en: 'Link' });
    if (done) await svc.optOut(code);
    return page(
      req,
      reply,
      { title: L.stopTitle },
      <section style="max-width:32rem">
        <h1>{L.stopTitle[l]}</h1>
        {done ? (
          <Notice kind="ok">{L.stopDone[l]}</Notice>
        ) : (
          <form method="post" action={`/berhenti/${encodeURIComponent(code)}`}>
            <p>{L.stopAsk[l]}</p>
            <button type="submit">{L.stopButton[l]}</button>
          </form>
        )}
      </section>,
    );
  };
  app.get('/berhenti/:code', { schema: { hide: true, params: CodeParam } }, (req, reply) =>
    stopPage(req, reply, req.params.code, false),
  );
  app.post('/berhenti/:code', { schema: { hide: true, params: CodeParam } }, (req, reply) =>
    stopPage(req, reply, req.params.code, true),
  );
};
