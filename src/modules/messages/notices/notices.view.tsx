import type { FastifyRequest } from 'fastify';
import { ActionButton } from '../../../web/forms.js';
import type { EventRow } from '../../events/index.js';
import type { NoticesService } from './notices.service.js';

const T = {
  title: { id: 'Waktu, tempat, atau tautan berubah', en: 'Time, venue or link changed' },
  reach: (n: number) => ({
    id: `Pemberitahuan ini akan sampai ke ${n} pendaftar:`,
    en: `This notice reaches ${n} registrants:`,
  }),
  send: { id: 'Kirim pemberitahuan', en: 'Send the notice' },
  dismiss: { id: 'Tidak perlu', en: 'No notice needed' },
};

/** The offer on the messages page: what changed (as registrants will read it), how many it reaches. */
export function NoticeOffer(props: {
  req: FastifyRequest;
  event: EventRow;
  offer: NonNullable<Awaited<ReturnType<NoticesService['offer']>>>;
}) {
  const l = props.req.locale;
  const base = `/console/events/${props.event.id}/messages/notice`;
  return (
    <section class="card" style="border-color:var(--warn)">
      <h2>{T.title[l]}</h2>
      <p>{T.reach(props.offer.count)[l]}</p>
      <pre style="white-space:pre-wrap">
        {props.offer.text[l].subject}
        {'\n\n'}
        {props.offer.text[l].body}
      </pre>
      {/* A div, not a p: the buttons are forms, and a parser closes an open <p> at <form>. */}
      <div class="row">
        <ActionButton req={props.req} action={base} label={T.send[l]} />
        <ActionButton req={props.req} action={`${base}/dismiss`} label={T.dismiss[l]} kind="secondary" />
      </div>
    </section>
  );
}
