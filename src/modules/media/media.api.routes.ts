import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { requireUser } from '../auth/index.js';
import { can, loadEventFor } from '../events/index.js';
import { loadForStaff } from './media.access.js';
import {
  captionsFrom,
  MAX_MATERIAL_FILES,
  MAX_PHOTO_FILES,
  optionalIdField,
  PHOTO_TYPES,
  stageFiles,
} from './media.multipart.js';
import { MAX_MATERIAL_BYTES, MAX_PHOTO_BYTES } from './media.service.js';

const tags = ['media'];
const MediaOut = z.object({
  id: z.string(),
  kind: z.enum(['photo', 'material']),
  caption: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  personId: z.string().nullable(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  bytes: z.number(),
  shared: z.boolean(),
});
const ItemParams = IdParam.extend({ mediaId: z.string().min(1).max(40) });
const Patch = z
  .object({
    caption: z.string().trim().max(500).nullish(),
    agendaItemId: z.string().max(40).nullish(),
    shared: z.boolean().optional(),
  })
  .strict();

/** The JSON API: upload photos and materials, list, edit and remove them. */
export const mediaApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.media;

  app.post(
    '/api/v1/events/:id/photos',
    {
      schema: {
        tags,
        summary:
          'Upload documentation photos (multipart: files, caption or caption_N, agendaItemId); metadata incl. location is removed',
        params: IdParam,
        response: { 201: z.object({ photos: z.array(MediaOut) }) },
      },
    },
    async (req, reply) => {
      const event = await loadForStaff(req, db, req.params.id);
      const user = requireUser(req);
      const { files, fields, discard } = await stageFiles(req, MAX_PHOTO_BYTES, PHOTO_TYPES, MAX_PHOTO_FILES);
      let rows: Awaited<ReturnType<typeof svc.addPhotos>>;
      try {
        rows = await svc.addPhotos(
          event,
          files,
          {
            captions: captionsFrom(fields, files.length),
            agendaItemId: optionalIdField(fields, 'agendaItemId'),
          },
          user,
        );
      } finally {
        // The photos were re-encoded into new files; the originals (with their metadata) go before the answer.
        await discard();
      }
      return reply.status(201).send({ photos: rows.map(svc.present) });
    },
  );

  app.post(
    '/api/v1/events/:id/materials',
    {
      schema: {
        tags,
        summary:
          'Upload speakers’ materials as PDF (multipart: files, caption_N, personId, shared=1 to share now; at most 5 files of 20 MB each)',
        params: IdParam,
        response: { 201: z.object({ materials: z.array(MediaOut) }) },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const user = requireUser(req);
      const { files, fields, discard } = await stageFiles(req, MAX_MATERIAL_BYTES, 'PDF', MAX_MATERIAL_FILES);
      let rows: Awaited<ReturnType<typeof svc.addMaterials>>;
      try {
        const personId = optionalIdField(fields, 'personId');
        rows = await svc.addMaterials(
          event,
          files,
          { captions: captionsFrom(fields, files.length), personId, shared: fields.shared === '1' },
          user,
        );
      } finally {
        // Kept files were moved into place; what is left here was refused.
        await discard();
      }
      return reply.status(201).send({ materials: rows.map(svc.present) });
    },
  );

  for (const kind of ['photo', 'material'] as const) {
    app.get(
      `/api/v1/events/:id/${kind}s`,
      {
        schema: {
          tags,
          summary: `The event's ${kind}s (the public sees shared ones${kind === 'material' ? ' after the event' : ''})`,
          params: IdParam,
          response: { 200: z.object({ items: z.array(MediaOut) }) },
        },
      },
      async (req) => {
        const event = await loadEventFor(req, db, req.params.id, 'view');
        const staff = await can(db, event, req.user, 'organize');
        if (!staff && kind === 'material' && Date.now() < event.ends_at) return { items: [] };
        return { items: (await svc.list(event, kind, !staff)).map(svc.present) };
      },
    );
  }

  app.patch(
    '/api/v1/events/:id/media/:mediaId',
    {
      schema: {
        tags,
        summary: 'Caption, rundown item or sharing of a photo or material',
        params: ItemParams,
        body: Patch,
        response: { 200: MediaOut },
      },
    },
    async (req) =>
      svc.present(
        await svc.update(
          await loadEventFor(req, db, req.params.id, 'organize'),
          req.params.mediaId,
          req.body,
        ),
      ),
  );

  app.delete(
    '/api/v1/events/:id/media/:mediaId',
    {
      schema: {
        tags,
        summary: 'Remove a photo or material (the files too)',
        params: ItemParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.remove(await loadEventFor(req, db, req.params.id, 'organize'), req.params.mediaId);
      return reply.status(204).send(null);
    },
  );
};
