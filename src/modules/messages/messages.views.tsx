import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../i18n/index.js';
import { formatDateTime } from '../../shared/time.js';
import { CsrfField } from '../../web/page.js';
import type { EventRow } from '../events/index.js';
import { L } from './messages.text.js';

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;

/** Counts per status, as a line of small cards. */
export function StatusCounts(props: {
  l: Locale;
  counts: Partial<Record<string, number>>;
  href?: (s: string) => string;
}) {
  return (
    <div class="grid">
      {STATUSES.map((s) => (
        <div class="card">
          <strong>{props.counts[s] ?? 0}</strong>{' '}
          {props.href ? <a href={props.href(s)}>{L.status[s]![props.l]}</a> : L.status[s]![props.l]}
        </div>
      ))}
    </div>
  );
}

interface DeliveryRow {
  id: string;
  source: string;
  channel: string;
  status: string;
  attempts: number;
  error: string | null;
  updated_at: number;
  name: string;
}

/**
 * The per-recipient log. A failed row has its retry button; a WhatsApp row still pending without the Cloud API
 * has "send by WhatsApp" (opens wa.me in a new tab and marks it sent, one tap).
 */
export function DeliveryTable(props: {
  req: FastifyRequest;
  event: EventRow;
  rows: DeliveryRow[];
  manualWa?: boolean;
}) {
  const l = props.req.locale;
  const base = `/console/events/${props.event.id}/outbox`;
  if (!props.rows.length) return <p class="muted">{L.none[l]}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{L.name[l]}</th>
            <th>{L.channel[l]}</th>
            <th>{L.source[l]}</th>
            <th>{L.statuses[l]}</th>
            <th>{L.attempts[l]}</th>
            <th>{L.when[l]}</th>
            <th>
              <span class="sr-only">{L.retry[l]}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((d) => (
            <tr>
              <td>{d.name}</td>
              <td>{d.channel === 'email' ? L.email[l] : L.whatsapp[l]}</td>
              <td>{d.source === 'reminder' ? L.reminder[l] : L.message[l]}</td>
              <td>
                {L.status[d.status]?.[l] ?? d.status}
                {d.error ? <small class="muted"> — {d.error}</small> : null}
              </td>
              <td>{d.attempts}</td>
              <td>{formatDateTime(Number(d.updated_at), props.event.timezone, l)}</td>
              <td>
                {d.status === 'failed' ? (
                  <form method="post" action={`${base}/${d.id}/retry`} style="display:inline">
                    <CsrfField req={props.req} />
                    <button type="submit" class="secondary">
                      {L.retry[l]}
                    </button>
                  </form>
                ) : null}
                {props.manualWa && d.channel === 'whatsapp' && d.status === 'pending' ? (
                  <form
                    method="post"
                    action={`${base}/${d.id}/wa`}
                    target="_blank"
                    style="display:inline"
                    rel="noopener"
                  >
                    <CsrfField req={props.req} />
                    <button type="submit">{L.waSend[l]}</button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
