import type { Text } from '../../i18n/index.js';
import type { UiExtensions } from '../../web/extensions.js';
import type { MediaService } from './media.service.js';

const T = {
  gallery: { id: 'Dokumentasi', en: 'Documentation' },
  materials: { id: 'Materi narasumber', en: 'Speakers’ materials' },
} satisfies Record<string, Text>;

/** The event page's gallery: shared photos and materials, once the event is over. */
export const gallerySection = (svc: MediaService): UiExtensions['eventSections'][number] => ({
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
