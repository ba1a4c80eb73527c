import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseOrThrow } from '../../http/validation.js';
import { asPage, CsrfField, page } from '../../web/page.js';
import { requireUser } from '../auth/index.js';
import { adoptSessionFromForm } from '../console/index.js';
import { can, type EventRow, IdParams, loadEventFor } from '../events/index.js';
import { programRepository } from '../program/index.js';
import { mediaRepository } from './media.repository.js';
import { MAX_MATERIAL_BYTES, MAX_PHOTO_BYTES, readFiles } from './media.service.js';

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
const ItemParams = IdParams.extend({ mediaId: z.string().min(1).max(40) });
const Patch = z
  .object({
    caption: z.string().trim().max(500).nullish(),
    agendaItemId: z.string().max(40).nullish(),
    shared: z.boolean().optional(),
  })
  .strict();

const T = {
  gallery: { id: 'Dokumentasi', en: 'Documentation' },
  materials: { id: 'Materi narasumber', en: 'Speakers’ materials' },
  console: { id: 'Dokumentasi dan materi', en: 'Photos and materials' },
};

/** Staff at the event (organizers, check-in staff and moderators) may upload photos. */
async function loadForStaff(
  req: FastifyRequest,
  db: Parameters<typeof loadEventFor>[1],
  id: string,
): Promise<EventRow> {
  try {
    return await loadEventFor(req, db, id, 'checkin');
  } catch (err) {
    if ((err as { status?: number }).status !== 403) throw err;
    return loadEventFor(req, db, id, 'moderate');
  }
}

function captionsFrom(fields: Record<string, string>, count: number): string[] {
  return Array.from({ length: count }, (_, i) => fields[`caption_${i}`] ?? fields.caption ?? '');
}

export const mediaRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.media;

  async function agendaIdFrom(fields: Record<string, string>) {
    return parseOrThrow(z.string().max(40).nullish(), fields.agendaItemId || null) ?? null;
  }

  app.post(
    '/api/v1/events/:id/photos',
    {
      schema: {
        tags,
        summary:
          'Upload documentation photos (multipart: files, caption or caption_N, agendaItemId); metadata incl. location is removed',
        params: IdParams,
        response: { 201: z.object({ photos: z.array(MediaOut) }) },
      },
    },
    async (req, reply) => {
      const event = await loadForStaff(req, db, req.params.id);
      const user = requireUser(req);
      const { files, fields } = await readFiles(req, MAX_PHOTO_BYTES, 'JPEG, PNG, WebP, HEIC');
      const rows = await svc.addPhotos(
        event,
        files,
        { captions: captionsFrom(fields, files.length), agendaItemId: await agendaIdFrom(fields) },
        user,
      );
      return reply.status(201).send({ photos: rows.map(svc.present) });
    },
  );

  app.post(
    '/api/v1/events/:id/materials',
    {
      schema: {
        tags,
        summary:
          'Upload speakers’ materials as PDF (multipart: files, caption_N, personId, shared=1 to share now)',
        params: IdParams,
        response: { 201: z.object({ materials: z.array(MediaOut) }) },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const user = requireUser(req);
      const { files, fields } = await readFiles(req, MAX_MATERIAL_BYTES, 'PDF');
      const personId = parseOrThrow(z.string().max(40).nullish(), fields.personId || null) ?? null;
      const rows = await svc.addMaterials(
        event,
        files,
        { captions: captionsFrom(fields, files.length), personId, shared: fields.shared === '1' },
        user,
      );
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
          params: IdParams,
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

  app.ctx.ui.eventSections.push({
    key: 'gallery',
    order: 80,
    async render(req, event) {
      if (Date.now() < event.ends_at) return null;
      const [photos, materials] = await Promise.all([
        svc.list(event, 'photo', true),
        svc.list(event, 'material', true),
      ]);
      if (!photos.length && !materials.length) return null;
      const l = req.locale;
      return (
        <section id="dokumentasi">
          {photos.length ? (
            <>
              <h2>{T.gallery[l]}</h2>
              <div class="grid" style="grid-template-columns:repeat(auto-fill,minmax(9rem,1fr))">
                {photos.slice(0, 60).map((p) => (
                  <figure style="margin:0">
                    <a href={`/uploads/${p.path}`}>
                      <img
                        src={`/uploads/${p.thumb_path ?? p.path}`}
                        alt={p.caption ?? T.gallery[l]}
                        loading="lazy"
                        width={p.width && p.height ? 480 : undefined}
                        height={p.width && p.height ? Math.round((480 * p.height) / p.width) : undefined}
                        style="width:100%;height:auto;border-radius:.4rem"
                      />
                    </a>
                    {p.caption ? <figcaption class="muted">{p.caption}</figcaption> : null}
                  </figure>
                ))}
              </div>
            </>
          ) : null}
          {materials.length ? (
            <>
              <h2>{T.materials[l]}</h2>
              <ul>
                {materials.map((m) => (
                  <li>
                    <a href={`/uploads/${m.path}`}>{m.caption ?? m.original_name}</a>{' '}
                    <span class="muted">({Math.ceil(m.bytes / 1024)} KB, PDF)</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      );
    },
  });

  app.ctx.ui.consoleLinks.push({ key: 'media', order: 65, label: T.console, path: '/media' });
  app.ctx.eventFiles.push((db, eventId) => mediaRepository.filesOfEvent(db, eventId));

  app.get('/console/events/:id/media', { schema: { hide: true } }, async (req, reply) => {
    asPage(req);
    const { id } = parseOrThrow(z.object({ id: z.string().min(1).max(80) }), req.params);
    const event = await loadForStaff(req, db, id);
    const [items, agenda] = await Promise.all([svc.list(event), programRepository.listAgenda(db, event.id)]);
    const l = req.locale;
    const organizer = await can(db, event, req.user, 'organize');
    return page(
      req,
      reply,
      { title: `${T.console[l]} · ${event.title}`, nav: 'console' },
      <>
        <p>
          <a href={`/console/events/${event.id}`}>← {event.title}</a>
        </p>
        <h1>{T.console[l]}</h1>
        <form
          method="post"
          action={`/console/events/${event.id}/media/photos`}
          enctype="multipart/form-data"
          class="card"
        >
          <CsrfField req={req} />
          <label for="files">
            {l === 'id' ? 'Foto (boleh beberapa sekaligus)' : 'Photos (several at once)'}
          </label>
          <input id="files" type="file" name="files" accept="image/*" multiple required />
          <label for="caption">{l === 'id' ? 'Keterangan' : 'Caption'}</label>
          <input id="caption" name="caption" maxlength={500} />
          <label for="agendaItemId">{l === 'id' ? 'Bagian acara' : 'Rundown item'}</label>
          <select id="agendaItemId" name="agendaItemId">
            <option value="">–</option>
            {agenda.map((a) => (
              <option value={a.id}>{a.title}</option>
            ))}
          </select>
          <p class="muted">
            {l === 'id'
              ? 'Lokasi GPS dan data kamera dihapus otomatis.'
              : 'GPS location and camera data are removed automatically.'}
          </p>
          <button type="submit">{l === 'id' ? 'Unggah' : 'Upload'}</button>
        </form>
        <ul class="grid" style="list-style:none;padding:0">
          {items.map((m) => (
            <li class="card">
              {m.kind === 'photo' ? (
                <img
                  src={`/uploads/${m.thumb_path ?? m.path}`}
                  alt=""
                  loading="lazy"
                  style="width:100%;height:auto"
                />
              ) : (
                <a href={`/uploads/${m.path}`}>PDF</a>
              )}
              <p>{m.caption}</p>
              {organizer ? (
                <form method="post" action={`/console/events/${event.id}/media/${m.id}/delete`}>
                  <CsrfField req={req} />
                  <button type="submit" class="danger">
                    {l === 'id' ? 'Hapus' : 'Delete'}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </>,
    );
  });

  app.post('/console/events/:id/media/photos', { schema: { hide: true } }, async (req, reply) => {
    asPage(req);
    const { id } = parseOrThrow(z.object({ id: z.string().min(1).max(80) }), req.params);
    const { files, fields } = await readFiles(req, MAX_PHOTO_BYTES, 'JPEG, PNG, WebP, HEIC');
    await adoptSessionFromForm(req, db, fields._csrf);
    const event = await loadForStaff(req, db, id);
    const user = requireUser(req);
    await svc.addPhotos(
      event,
      files,
      { captions: captionsFrom(fields, files.length), agendaItemId: await agendaIdFrom(fields) },
      user,
    );
    return reply.redirect(`/console/events/${event.id}/media`, 303);
  });

  app.post('/console/events/:id/media/:mediaId/delete', { schema: { hide: true } }, async (req, reply) => {
    asPage(req);
    const p = parseOrThrow(
      z.object({ id: z.string().min(1).max(80), mediaId: z.string().min(1).max(40) }),
      req.params,
    );
    const event = await loadEventFor(req, db, p.id, 'organize');
    await svc.remove(event, p.mediaId);
    return reply.redirect(`/console/events/${event.id}/media`, 303);
  });
};
