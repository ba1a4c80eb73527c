import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../http/params.js';
import { bilingual } from '../../../http/validation.js';
import { requireUser } from '../../auth/index.js';
import { loadEventFor } from '../../events/index.js';

const RecordingUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (u) => /^https?:\/\/[^\s]+$/i.test(u),
    bilingual({ id: 'harus alamat http(s)', en: 'must be an http(s) URL' }),
  )
  .nullable();

const Sent = z.object({ id: z.string(), recipients: z.number(), created: z.boolean() });

/** The recording's link and the thank-you (organizers of the event). */
export const thanksApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.thanks;
  const tags = ['messages'];

  app.put(
    '/api/v1/events/:id/recording',
    {
      schema: {
        tags,
        summary: "Set (or clear, with null) the recording's link for the thank-you",
        params: IdParam,
        body: z.object({ url: RecordingUrl }).strict(),
        response: { 200: z.object({ url: z.string().nullable() }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await svc.setRecording(event, req.body.url);
      return { url: req.body.url };
    },
  );

  app.post(
    '/api/v1/events/:id/thanks',
    {
      schema: {
        tags,
        summary: 'Thank those present (evaluation, certificate, recording) and those absent (recording)',
        params: IdParam,
        body: z.object({ idempotencyKey: z.string().trim().min(1).max(100).optional() }).strict(),
        response: { 200: z.object({ present: Sent, absent: Sent }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const r = await svc.send(event, user, req.body.idempotencyKey);
      const out = (x: typeof r.present) => ({
        id: x.message.id,
        recipients: x.message.recipients,
        created: x.created,
      });
      return { present: out(r.present), absent: out(r.absent) };
    },
  );
};
