import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { adoptSessionFromForm, requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { loadForStaff } from './media.access.js';
import {
  captionsFrom,
  MAX_PHOTO_FILES,
  optionalIdField,
  PHOTO_TYPES,
  stageFiles,
} from './media.multipart.js';
import { MAX_PHOTO_BYTES } from './media.service.js';

const ItemParams = IdParam.extend({ mediaId: z.string().min(1).max(40) });

/** The console's form posts: upload photos (multipart, CSRF in the form) and delete one item. */
export const mediaForms: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.media;

  app.post(
    '/console/events/:id/media/photos',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const { files, fields, discard } = await stageFiles(req, MAX_PHOTO_BYTES, PHOTO_TYPES, MAX_PHOTO_FILES);
      let eventId: string;
      try {
        await adoptSessionFromForm(req, fields._csrf);
        const event = await loadForStaff(req, db, req.params.id);
        eventId = event.id;
        const user = requireUser(req);
        await svc.addPhotos(
          event,
          files,
          {
            captions: captionsFrom(fields, files.length),
            agendaItemId: optionalIdField(fields, 'agendaItemId'),
          },
          user,
        );
      } finally {
        // The originals (with their metadata) go before the answer; the re-encoded copies stay.
        await discard();
      }
      return reply.redirect(`/console/events/${eventId}/media`, 303);
    },
  );

  app.post(
    '/console/events/:id/media/:mediaId/delete',
    { schema: { hide: true, params: ItemParams } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await svc.remove(event, req.params.mediaId);
      return reply.redirect(`/console/events/${event.id}/media`, 303);
    },
  );
};
