import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId, newSecretToken, shortCode } from '../../shared/ids.js';
import type { EventRow } from '../events/index.js';
import type { CertificateDesign, Settings } from './certificates.design.js';
import { notifyIssued } from './certificates.mail.js';
import { counterScope, formatNumber } from './certificates.numbering.js';
import {
  type CertificateDeps,
  candidatesFor,
  overrideRecipient,
  type Recipient,
} from './certificates.recipients.js';
import {
  type CertificateRow,
  type NewCertificate,
  certificatesRepository as repo,
} from './certificates.repository.js';
import type { IssueBody, OverrideBody } from './certificates.schemas.js';
import type { CertRole } from './certificates.tables.js';

interface IssueSummary {
  issued: number;
  alreadyIssued: number;
  notEligible: number;
  byRole: Record<string, { issued: number; alreadyIssued: number; notEligible: number }>;
}

/** Issuing while the event still runs needs the organizer's confirmation (`beforeEnd`). */
function assertEnded(event: EventRow, body: { beforeEnd?: boolean }) {
  if (!body.beforeEnd && Date.now() < event.ends_at) throw errors.certificatesBeforeEnd();
}

/** Handing out numbers and certificates: by rule (the bulk job is certificates.jobs.ts) or by staff override. */
export function createCertificateIssuing(ctx: AppContext, deps: CertificateDeps, design: CertificateDesign) {
  const { db } = ctx;
  const { settings, numberParts, verifyUrl } = design;

  const candidates = async (event: EventRow, role: CertRole, s: Settings) =>
    candidatesFor(ctx, deps, event, role, s.rules, await repo.existingKeys(db, event.id, role));

  /**
   * Writes certificates for recipients in one transaction: numbers are reserved from the counter
   * first, then the rows are inserted. A recipient that got a certificate meanwhile (another staff
   * member issuing at the same moment) makes the unique index refuse the batch; it is then retried
   * without them, and the reserved numbers stay unused: numbers may skip, never repeat.
   */
  async function writeBatch(
    event: EventRow,
    role: CertRole,
    s: Settings,
    list: Recipient[],
    actor: AuthUser | null,
    override: boolean,
  ): Promise<CertificateRow[]> {
    let pending = list;
    for (let attempt = 0; attempt < 3 && pending.length; attempt++) {
      const parts = await numberParts(event, s, role);
      const scope = counterScope(s.pattern, parts);
      const now = Date.now();
      try {
        return await inTransaction(db, async (trx) => {
          const first = await repo.reserveNumbers(trx, scope, pending.length);
          const rows: NewCertificate[] = pending.map((c, i) => ({
            id: newId(),
            event_id: event.id,
            code: shortCode(12),
            download_key: newSecretToken(),
            number: formatNumber(s.pattern, parts, first + i),
            role,
            registration_id: c.registrationId,
            person_id: c.personId,
            recipient_key: c.key,
            front_titles: c.frontTitles,
            name: c.name,
            back_titles: c.backTitles,
            email: c.email,
            status: 'valid',
            override: override ? 1 : 0,
            version: 1,
            issued_at: now,
            issued_by: actor?.id ?? null,
            revoked_at: null,
            revoke_reason: null,
            updated_at: now,
          }));
          for (let i = 0; i < rows.length; i += 100)
            await repo.insertCertificates(trx, rows.slice(i, i + 100));
          return rows as CertificateRow[];
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const taken = await repo.existingKeys(db, event.id, role);
        pending = pending.filter((c) => !taken.has(c.key));
      }
    }
    return [];
  }

  const notify = (event: EventRow, rows: CertificateRow[]) => notifyIssued(ctx, verifyUrl, event, rows);

  const issuing = {
    assertEnded,
    async candidates(event: EventRow, role: CertRole) {
      return candidates(event, role, await settings(event));
    },

    /** Issues by rule to everyone eligible and not yet issued; `onProgress` reports after each batch. */
    async issue(
      event: EventRow,
      body: z.output<typeof IssueBody>,
      actor: AuthUser | null,
      onProgress?: (p: { total: number; done: number; issued: number }) => Promise<void>,
    ): Promise<IssueSummary> {
      assertEnded(event, body);
      const s = await settings(event);
      const summary: IssueSummary = { issued: 0, alreadyIssued: 0, notEligible: 0, byRole: {} };
      const plans = [];
      for (const role of [...new Set(body.roles)]) {
        const list = await candidates(event, role, s);
        const todo = list.filter((c) => c.eligible && !c.issued);
        const r = {
          issued: 0,
          alreadyIssued: list.filter((c) => c.issued).length,
          notEligible: list.filter((c) => !c.eligible && !c.issued).length,
        };
        summary.byRole[role] = r;
        plans.push({ role, todo, r });
      }
      const total = plans.reduce((a, p) => a + p.todo.length, 0);
      let done = 0;
      await onProgress?.({ total, done, issued: 0 });
      for (const { role, todo, r } of plans) {
        for (let i = 0; i < todo.length; i += 200) {
          const rows = await writeBatch(event, role, s, todo.slice(i, i + 200), actor, false);
          if (rows.length)
            await ctx.bus.emit('certificate.issued', {
              eventId: event.id,
              role,
              registrationIds: rows.map((c) => c.registration_id),
            });
          r.issued += rows.length;
          r.alreadyIssued += todo.slice(i, i + 200).length - rows.length;
          if (body.notify) await notify(event, rows);
          done += Math.min(200, todo.length - i);
          summary.issued += rows.length;
          await onProgress?.({ total, done, issued: summary.issued });
        }
      }
      summary.alreadyIssued = Object.values(summary.byRole).reduce((a, r) => a + r.alreadyIssued, 0);
      summary.notEligible = Object.values(summary.byRole).reduce((a, r) => a + r.notEligible, 0);
      return summary;
    },

    /** Staff issue outside the rule; the reason goes to the audit log with the certificate. */
    async override(event: EventRow, body: z.output<typeof OverrideBody>, actor: AuthUser) {
      const s = await settings(event);
      const recipient = await overrideRecipient(deps, event, body);
      const existing = await repo.byRecipient(db, event.id, body.role, recipient.key);
      if (existing) return { certificate: existing, created: false };
      const [row] = await writeBatch(event, body.role, s, [recipient], actor, true);
      if (!row) {
        const again = await repo.byRecipient(db, event.id, body.role, recipient.key);
        if (again) return { certificate: again, created: false };
        throw errors.certificateConflict();
      }
      await repo.audit(db, {
        id: newId(),
        event_id: event.id,
        actor_user_id: actor.id,
        action: 'certificate.override',
        target: row.id,
        reason: body.reason,
        data: { role: body.role, number: row.number, recipient: recipient.key },
        at: Date.now(),
      });
      return { certificate: row, created: true };
    },
  };
  return issuing;
}

export type CertificateIssuing = ReturnType<typeof createCertificateIssuing>;
