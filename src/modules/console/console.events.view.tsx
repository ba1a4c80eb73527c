import type { FastifyRequest } from 'fastify';
import { formatDateTime } from '../../shared/time.js';
import { ActionButton } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import type { EventRow } from '../events/index.js';
import { whatsAppLink, whatsAppText } from '../site/index.js';
import { BannerPreviews } from './console.banner-preview.js';
import { C } from './console.text.js';

/**
 * An event's overview: when, its public address, the organizer's buttons (publish, duplicate,
 * delete) and, once published, the WhatsApp text to share.
 */
export function EventOverview(props: {
  req: FastifyRequest;
  event: EventRow;
  organizer: boolean;
  url: string;
}) {
  const { req, event, url } = props;
  const l = req.locale;
  const share = whatsAppText(event, l, url);
  return (
    <>
      <p>
        <strong>{C.when[l]}:</strong> {formatDateTime(event.starts_at, event.timezone, l)}
      </p>
      <p>
        <strong>{C.publicPage[l]}:</strong> <a href={`/e/${event.slug}`}>{url}</a>
        {event.status !== 'published' ? <span class="muted"> ({C.onlyPublishedHint[l]})</span> : null}
      </p>
      {props.organizer ? (
        // A div, not a p: the publish button is a form, and a parser closes an open <p> at <form>, which
        // took the buttons out of the row (no gap between them).
        <div class="row">
          {event.status === 'published' ? (
            <ActionButton
              req={req}
              action={`/console/events/${event.id}/unpublish`}
              label={C.unpublish[l]}
              kind="secondary"
            />
          ) : (
            <ActionButton req={req} action={`/console/events/${event.id}/publish`} label={C.publish[l]} />
          )}
          <a class="btn secondary" href={`/console/events/${event.id}/duplicate`}>
            {C.duplicate[l]}
          </a>
          <a class="btn secondary" href={`/console/events/${event.id}/delete`}>
            {C.deleteEvent[l]}
          </a>
        </div>
      ) : null}
      {event.status === 'published' ? (
        <section class="card">
          <h2 style="margin-top:0">{C.shareText[l]}</h2>
          <label for="share-text" class="muted">
            {C.shareText[l]}
          </label>
          <textarea id="share-text" readOnly rows={6}>
            {share}
          </textarea>
          <p>
            <a class="btn secondary" href={whatsAppLink(share)} rel="noopener">
              {C.openWhatsApp[l]}
            </a>
          </p>
        </section>
      ) : null}
    </>
  );
}

/** The banner upload (a multipart form of its own) with the current banner and its remove button. */
export function BannerSection(props: { req: FastifyRequest; event: EventRow; error?: string | undefined }) {
  const { req, event, error: bannerError } = props;
  const l = req.locale;
  return (
    <section class="card" id="banner">
      <h2 style="margin-top:0">{C.banner[l]}</h2>
      {bannerError ? <Notice kind="error">{bannerError}</Notice> : null}
      <BannerPreviews req={req} event={event} />
      <form method="post" action={`/console/events/${event.id}/banner`} enctype="multipart/form-data">
        <CsrfField req={req} />
        <label for="banner-file">{C.banner[l]}</label>
        <input id="banner-file" type="file" name="file" accept="image/jpeg,image/png,image/webp" required />
        <small class="muted">{C.bannerHint[l]}</small>
        <p>
          <button type="submit">{C.upload[l]}</button>
        </p>
      </form>
      {event.banner_path ? (
        <ActionButton
          req={req}
          action={`/console/events/${event.id}/banner/delete`}
          label={C.removeBanner[l]}
          kind="secondary"
        />
      ) : null}
    </section>
  );
}
