import type { FastifyRequest } from 'fastify';
import { formatDateTime } from '../../shared/time.js';
import { type EventRow, uploadUrl } from '../events/index.js';
import { metaDescription } from '../site/index.js';

const T = {
  page: { id: 'Pratinjau halaman acara (ponsel)', en: 'Event page preview (phone)' },
  wa: { id: 'Pratinjau tautan di WhatsApp', en: 'WhatsApp link preview' },
  waNote: {
    id: 'WhatsApp memotong gambar pratinjau menjadi kira-kira 1,91:1; bagian penting sebaiknya di tengah.',
    en: 'WhatsApp crops the preview image to about 1.91:1; keep what matters in the middle.',
  },
};

/** WhatsApp shows about two lines of the description: cut at a word, with an ellipsis. */
const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')}…`;

/**
 * How the uploaded banner looks where people meet it: the top of the event page on a phone (the banner in
 * its own shape) and the link preview WhatsApp draws from og:image, title and description.
 */
export function BannerPreviews(props: { req: FastifyRequest; event: EventRow }) {
  const { req, event } = props;
  const l = req.locale;
  if (!event.banner_path) return null;
  const src = uploadUrl(event.banner_path)!;
  const host = req.server.ctx.config.publicUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return (
    <div class="row" style="align-items:flex-start;gap:1.5rem;flex-wrap:wrap;margin:1rem 0">
      <figure style="margin:0;width:min(100%,20rem)" data-testid="banner-page-preview">
        <figcaption class="muted">{T.page[l]}</figcaption>
        <div style="border:1px solid #d4d4d8;border-radius:1rem;padding:.75rem;background:#fff">
          <img src={src} alt="" style="width:100%;height:auto;border-radius:.5rem;display:block" />
          <strong style="display:block;margin-top:.5rem;line-height:1.3">{event.title}</strong>
          <small class="muted">{formatDateTime(event.starts_at, event.timezone, l)}</small>
        </div>
      </figure>
      <figure style="margin:0;width:min(100%,20rem)" data-testid="banner-wa-preview">
        <figcaption class="muted">{T.wa[l]}</figcaption>
        <div style="background:#d9fdd3;border-radius:.6rem;padding:.3rem;font-size:.9rem">
          <div style="background:#f0f2f5;border-radius:.4rem;overflow:hidden">
            <img src={src} alt="" style="width:100%;aspect-ratio:1.91;object-fit:cover;display:block" />
            <div style="padding:.4rem .5rem">
              <strong style="display:block;line-height:1.25">{event.title}</strong>
              <span style="display:block;color:#54656f">{clip(metaDescription(event, l), 120)}</span>
              <small style="color:#667781">{host}</small>
            </div>
          </div>
        </div>
        <small class="muted">{T.waNote[l]}</small>
      </figure>
    </div>
  );
}
