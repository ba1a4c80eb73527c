import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import type { Text } from '../../i18n/index.js';
import { ActionButton } from '../../web/forms.js';
import { CsrfField } from '../../web/page.js';
import { eventToolPage } from '../../web/tool-page.js';
import { can } from '../events/index.js';
import { loadForStaff } from './media.access.js';

export const MEDIA_CONSOLE_TITLE = {
  id: 'Dokumentasi dan materi',
  en: 'Photos and materials',
} satisfies Text;

/** The console page: upload photos, see what was uploaded, and (organizers) delete. */
export const mediaPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.media;

  app.get('/console/events/:id/media', { schema: { hide: true, params: IdParam } }, async (req, reply) => {
    const event = await loadForStaff(req, db, req.params.id);
    const [items, agenda] = await Promise.all([svc.list(event), app.ctx.services.program.listAgenda(event)]);
    const l = req.locale;
    const organizer = await can(db, event, req.user, 'organize');
    return eventToolPage(
      req,
      reply,
      event,
      MEDIA_CONSOLE_TITLE,
      <>
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
                <ActionButton
                  req={req}
                  action={`/console/events/${event.id}/media/${m.id}/delete`}
                  label={l === 'id' ? 'Hapus' : 'Delete'}
                  kind="danger"
                />
              ) : null}
            </li>
          ))}
        </ul>
      </>,
    );
  });
};
