import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS } from '../../shared/realtime.js';
import { IdParams, loadEventFor } from '../events/index.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A caption line as typed or recognised: one line, control characters dropped; shown as text only. */
export const CaptionText = z
  .string()
  .max(LIMITS.captionMax * 4)
  .transform((s) => s.normalize('NFC').replace(CONTROL, ' '))
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1).max(LIMITS.captionMax));

const CaptionBody = z
  .object({ text: CaptionText, source: z.enum(['typed', 'speech']).default('typed') })
  .strict();
const CorrectBody = z.object({ text: CaptionText }).strict();
const CaptionOut = z.object({ id: z.string(), text: z.string(), at: z.string(), edited: z.boolean() });

/** Live captions over the JSON API: lines from the event's moderators and organizers, the transcript for all. */
export const captionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const captions = app.ctx.services.captions;

  app.post(
    '/api/v1/events/:id/captions',
    {
      schema: {
        tags: ['live'],
        summary: 'Add a caption line (moderators and organizers); it reaches every screen of the live room',
        params: IdParams,
        body: CaptionBody,
        response: { 201: CaptionOut },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      return reply
        .status(201)
        .send(await captions.addLine(event, req.body.text, req.body.source, req.user?.id ?? null));
    },
  );

  app.patch(
    '/api/v1/events/:id/captions/last',
    {
      schema: {
        tags: ['live'],
        summary: 'Correct the last caption line (moderators and organizers)',
        params: IdParams,
        body: CorrectBody,
        response: { 200: CaptionOut },
      },
    },
    async (req) =>
      captions.correctLast(await loadEventFor(req, db, req.params.id, 'moderate'), req.body.text),
  );

  app.get(
    '/api/v1/events/:id/captions',
    {
      schema: {
        tags: ['live'],
        summary: "The captions' transcript so far, oldest first",
        params: IdParams,
        response: {
          200: z.object({ lines: z.array(CaptionOut.extend({ source: z.enum(['typed', 'speech']) })) }),
        },
      },
    },
    async (req) => ({ lines: await captions.transcript(await loadEventFor(req, db, req.params.id, 'view')) }),
  );
};
