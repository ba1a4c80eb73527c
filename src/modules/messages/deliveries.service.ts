import type { AppContext } from '../../context.js';
import { inTransaction, type Tx } from '../../db/transaction.js';
import { newId } from '../../shared/ids.js';
import type { EventRow } from '../events/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { RegistrationRow, RegistrationsService } from '../registrations/index.js';
import { type NewDelivery, deliveriesRepository as repo } from './deliveries.repository.js';
import type { DeliveryStatus } from './messages.tables.js';
import { createWhatsappChannel } from './whatsapp.js';

/** What one person receives: the e-mail, and the same in a few lines for WhatsApp. */
export interface Rendered {
  subject: string;
  text: string;
  attachments?: { filename: string; content: string; contentType: string }[];
  whatsapp: string;
}

/** Renders a delivery at send time (so a reminder carries the link as it is now); null skips it. */
export type Renderer = (
  d: { source_id: string; channel: string },
  r: RegistrationRow,
  event: EventRow,
) => Promise<Rendered | null>;

/**
 * The outbox: deliveries are written with their jobs in the caller's transaction; the `deliver` worker claims
 * one (conditional update), renders, sends and records the outcome. A retry, a second node or a restarted
 * node find the row already `sent` and do nothing, so each person gets each message once.
 */
export function createDeliveriesService(
  ctx: AppContext,
  deps: { jobs: JobQueue; registrations: RegistrationsService },
) {
  const { db, config, mailer, log } = ctx;
  const renderers = new Map<string, Renderer>();
  const whatsapp = createWhatsappChannel(config.whatsapp);
  const host = new URL(config.publicUrl).hostname;

  async function deliver(id: string, last: boolean) {
    const d = await repo.claim(db, id, Date.now(), config.jobs.leaseSeconds * 1000);
    if (!d) return;
    try {
      const [r, event] = await Promise.all([
        deps.registrations.findById(d.registration_id),
        ctx.services.events.find(d.event_id),
      ]);
      const content = r && event ? await renderers.get(d.source)?.(d, r, event) : null;
      if (!r || !content) {
        await repo.finish(db, d.id, 'skipped', null);
        return;
      }
      if (d.channel === 'email') {
        if (!mailer.enabled || !r.email) {
          await repo.finish(
            db,
            d.id,
            'skipped',
            mailer.enabled ? 'no e-mail address' : 'e-mail is not set up',
          );
          return;
        }
        await mailer.send({
          to: r.email,
          subject: content.subject,
          text: content.text,
          attachments: content.attachments,
          messageId: `<${d.id}@${host}>`,
        });
      } else {
        if (!whatsapp || !r.phone) {
          await repo.finish(db, d.id, 'skipped', 'no WhatsApp');
          return;
        }
        await whatsapp.send(r.phone, content, r.locale === 'en' ? 'en' : 'id');
      }
      await repo.finish(db, d.id, 'sent', null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await repo.finish(db, d.id, 'failed', message);
      if (last) log.warn({ err, deliveryId: d.id }, 'delivery failed for good');
      throw err;
    }
  }
  deps.jobs.work('deliver', (data, attempt) => deliver(String(data.deliveryId), attempt.last));

  /** The jobs for deliveries just written: e-mail always, WhatsApp only with the Cloud API (else: by hand). */
  const jobsFor = (rows: { id: string; channel: string }[]) =>
    rows
      .filter((r) => r.channel === 'email' || whatsapp)
      .map((r) => ({ queue: 'deliver' as const, data: { deliveryId: r.id } }));

  return {
    renderWith(source: 'message' | 'reminder', render: Renderer) {
      renderers.set(source, render);
    },

    /** Inside the caller's transaction: the outbox rows and their jobs. Returns how many were new. */
    async queue(trx: Tx, rows: NewDelivery[]): Promise<number> {
      const inserted = await repo.insert(trx, rows, newId);
      await deps.jobs.enqueue(trx, jobsFor(inserted));
      return inserted.length;
    },

    /** Call after the transaction committed: this node starts at once instead of at its next poll. */
    poke: () => deps.jobs.poke(),

    counts: (by: { sourceId?: string; eventId?: string }) => repo.counts(db, by),
    list: (eventId: string, f: { status?: DeliveryStatus; sourceId?: string; limit?: number }) =>
      repo.list(db, eventId, { ...f, limit: f.limit ?? 200 }),
    find: (eventId: string, id: string) => repo.find(db, eventId, id),

    /** The console's retry: failed deliveries go back in line (one, or all of the event's). */
    async retry(eventId: string, ids: string[] | 'all-failed'): Promise<number> {
      const n = await inTransaction(db, async (trx) => {
        const moved = await repo.requeue(trx, eventId, ids);
        await deps.jobs.enqueue(trx, jobsFor(moved));
        return moved.length;
      });
      deps.jobs.poke();
      return n;
    },

    /** WhatsApp deliveries waiting for the organizer's tap (no Cloud API). */
    manualWhatsapp: (eventId: string) =>
      repo.list(db, eventId, { status: 'pending', channel: 'whatsapp', limit: 500 }),

    /** The person's number and the text for wa.me, rendered as the message would be sent now. */
    async whatsappText(event: EventRow, id: string) {
      const d = await repo.find(db, event.id, id);
      if (d?.channel !== 'whatsapp') return null;
      const r = await deps.registrations.findById(d.registration_id);
      const content = r?.phone ? await renderers.get(d.source)?.(d, r, event) : null;
      return r?.phone && content ? { phone: r.phone, text: content.whatsapp } : null;
    },

    /** The wa.me send list: the organizer opened the chat and sent it. */
    async markSentByHand(eventId: string, id: string): Promise<boolean> {
      return Number((await repo.markSentByHand(db, eventId, id)).numUpdatedRows) > 0;
    },

    whatsappApi: !!whatsapp,
  };
}

export type DeliveriesService = ReturnType<typeof createDeliveriesService>;
