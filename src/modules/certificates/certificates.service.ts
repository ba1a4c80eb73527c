import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { errors, what } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import type { Locale } from '../../i18n/index.js';
import { newId } from '../../shared/ids.js';
import { fullName } from '../../shared/names.js';
import { formatDate, isoInZone } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import { createCertificateDesign } from './certificates.design.js';
import { createCertificateDrawing } from './certificates.drawing.js';
import { createCertificateIssuing } from './certificates.issuing.js';
import { createCertificateJobs } from './certificates.jobs.js';
import type { CertificateDeps } from './certificates.recipients.js';
import { type CertificateRow, certificatesRepository as repo } from './certificates.repository.js';
import { type CorrectBody, ROLE_LABELS } from './certificates.schemas.js';

/**
 * The certificates of an event: its design (settings, templates, rendering) and issuing come from
 * their own files; what stays here is the life of an issued certificate — revoke, correct and
 * reissue, look up, present.
 */
export function createCertificatesService(ctx: AppContext, deps: CertificateDeps) {
  const { db } = ctx;
  const design = createCertificateDesign(ctx, deps);
  const drawing = createCertificateDrawing(ctx, deps, design);
  const issuing = createCertificateIssuing(ctx, deps, design);
  const jobs = createCertificateJobs(ctx, issuing);
  const { verifyUrl } = design;

  const service = {
    ...design,
    ...drawing,
    ...issuing,
    ...jobs,

    async revoke(event: EventRow, cert: CertificateRow, reason: string, actor: AuthUser) {
      const now = Date.now();
      const changed = await repo.revoke(db, cert.id, reason, now);
      if (changed) {
        await repo.audit(db, {
          id: newId(),
          event_id: event.id,
          actor_user_id: actor.id,
          action: 'certificate.revoke',
          target: cert.id,
          reason,
          data: { number: cert.number },
          at: now,
        });
      }
      return (await repo.byId(db, cert.id))!;
    },

    /** Corrects the printed name and reissues under the same number and code (version + 1). */
    async correct(
      event: EventRow,
      cert: CertificateRow,
      body: z.output<typeof CorrectBody>,
      actor: AuthUser,
    ) {
      const now = Date.now();
      await inTransaction(db, async (trx) => {
        await repo.update(trx, cert.id, {
          front_titles: body.frontTitles || null,
          name: body.name,
          back_titles: body.backTitles || null,
          version: cert.version + 1,
          status: 'valid',
          revoked_at: null,
          revoke_reason: null,
          updated_at: now,
        });
        await repo.audit(trx, {
          id: newId(),
          event_id: event.id,
          actor_user_id: actor.id,
          action: 'certificate.reissue',
          target: cert.id,
          reason: body.reason,
          data: {
            number: cert.number,
            from: fullName({ frontTitles: cert.front_titles, name: cert.name, backTitles: cert.back_titles }),
            to: fullName({ frontTitles: body.frontTitles, name: body.name, backTitles: body.backTitles }),
            version: cert.version + 1,
          },
          at: now,
        });
      });
      return (await repo.byId(db, cert.id))!;
    },

    async byCode(code: string) {
      const c = /^[A-Z2-9]{6,20}$/.test(code.toUpperCase())
        ? await repo.byCode(db, code.toUpperCase())
        : undefined;
      if (!c) throw errors.notFound(what.certificate);
      return c;
    },

    /**
     * What someone typed on the verification page: the printed number ("012/SERT/…", spaces and case as
     * printed or not) or the code. Null when nothing matches.
     */
    async lookup(typed: string): Promise<CertificateRow | null> {
      const q = typed.trim().replace(/\s+/g, '');
      if (!q) return null;
      const byNumber = (await repo.byNumber(db, q)).concat(
        q.toUpperCase() === q ? [] : await repo.byNumber(db, q.toUpperCase()),
      );
      if (byNumber[0]) return byNumber[0];
      const code = q.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
      return /^[A-Z2-9]{6,20}$/.test(code) ? ((await repo.byCode(db, code)) ?? null) : null;
    },

    async eventOf(cert: CertificateRow): Promise<EventRow> {
      return (await deps.events.find(cert.event_id))!;
    },

    present(cert: CertificateRow, event: EventRow, locale: Locale = 'id') {
      const tz = event.timezone;
      return {
        code: cert.code,
        number: cert.number,
        name: fullName({ frontTitles: cert.front_titles, name: cert.name, backTitles: cert.back_titles }),
        role: cert.role,
        roleLabel: ROLE_LABELS[cert.role][locale],
        event: {
          title: event.title,
          date: formatDate(event.starts_at, tz, locale),
          place:
            event.venue_name && event.online_platform
              ? `${event.venue_name} ${locale === 'id' ? 'dan daring' : 'and online'}`
              : (event.venue_name ?? (locale === 'id' ? 'Daring' : 'Online')),
        },
        issuedAt: isoInZone(cert.issued_at, tz),
        status: cert.status,
        revokedAt: cert.revoked_at ? isoInZone(cert.revoked_at, tz) : null,
        verifyUrl: verifyUrl(cert.code),
      };
    },

    list: (event: EventRow) => repo.forEvent(db, event.id),
    forRegistration: (registrationId: string) => repo.forRegistration(db, registrationId),

    /** The stored files of an event's certificate templates (deleted with the event). */
    filesOfEvent: (eventId: string) => repo.filesOfEvent(db, eventId),

    /** UU PDP erasure: the numbers stay taken, the certificates name no one and no longer verify. */
    registrationByTicket: async (code: string) => {
      const r = await deps.registrations.findByTicketCode(code);
      return r ? { id: r.id, event_id: r.event_id, status: r.status } : undefined;
    },
  };
  return service;
}

export type CertificatesService = ReturnType<typeof createCertificatesService>;
