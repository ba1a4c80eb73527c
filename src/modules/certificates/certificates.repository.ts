import type { Insertable, Selectable, Updateable } from 'kysely';
import { writeAudit } from '../../db/audit.js';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { Tx } from '../../db/transaction.js';
import { upsert } from '../../db/upsert.js';
import type {
  CertificateJobsTable,
  CertificateSettingsTable,
  CertificatesTable,
  CertificateTemplatesTable,
  CertRole,
} from './certificates.tables.js';

export type CertificateRow = Selectable<CertificatesTable>;
export type TemplateRow = Selectable<CertificateTemplatesTable>;
export type SettingsRow = Selectable<CertificateSettingsTable>;
/** A certificate row as issuing writes it. */
export type NewCertificate = Insertable<CertificatesTable>;

// Every confirmed ticket's page asks for its certificates: compiled once (src/db/prepared.ts).
const ofRegistration = prepared((db, registrationId: string) =>
  db.selectFrom('certificates').selectAll().where('registration_id', '=', registrationId),
);

export const certificatesRepository = {
  /** The stored files of an event's certificate templates: backgrounds and signature images. */
  filesOfEvent: async (db: Db, eventId: string) => {
    const rows = await db
      .selectFrom('certificate_templates')
      .select(['background_path', 'signers'])
      .where('event_id', '=', eventId)
      .execute();
    return rows.flatMap((r) => {
      let signers: { signaturePath?: string | null }[] = [];
      try {
        signers = JSON.parse(r.signers) as typeof signers;
      } catch {
        signers = [];
      }
      return [r.background_path, ...signers.map((s) => s.signaturePath ?? null)];
    });
  },
  /**
   * UU PDP erasure: the number stays taken (numbers are never reused) but the certificate no longer
   * names anyone and no longer verifies as valid.
   */
  forgetRecipients: (db: Db, registrationIds: string[], now: number) =>
    registrationIds.length
      ? db
          .updateTable('certificates')
          .set({
            front_titles: null,
            name: '—',
            back_titles: null,
            email: null,
            status: 'revoked',
            revoked_at: now,
            revoke_reason: 'data erased at the recipient’s request (UU PDP)',
            updated_at: now,
          })
          .where('registration_id', 'in', registrationIds)
          .execute()
      : Promise.resolve([]),
  settings: (db: Db, eventId: string) =>
    db.selectFrom('certificate_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst(),
  upsertSettings: (db: Db, row: Insertable<CertificateSettingsTable>) =>
    upsert(db, 'certificate_settings', row, ['event_id']),

  templates: (db: Db, eventId: string) =>
    db.selectFrom('certificate_templates').selectAll().where('event_id', '=', eventId).execute(),
  template: (db: Db, eventId: string, role: CertRole) =>
    db
      .selectFrom('certificate_templates')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('role', '=', role)
      .executeTakeFirst(),
  /** One template per role: a redesign keeps the template's id. */
  upsertTemplate: (db: Db, row: Insertable<CertificateTemplatesTable>) =>
    upsert(db, 'certificate_templates', row, ['event_id', 'role'], ['id']),

  /**
   * Takes `count` numbers from the counter of one prefix in a transaction: the row is created at 0
   * if new, then moved forward by a single conditional UPDATE … RETURNING. Both engines serialize
   * writers on the row, so two bulk issues at once get disjoint ranges; a number handed out is
   * never handed out again, even if the certificate is later revoked.
   */
  async reserveNumbers(trx: Tx, scope: string, count: number): Promise<number> {
    await trx
      .insertInto('certificate_counters')
      .values({ scope, value: 0 })
      .onConflict((oc) => oc.column('scope').doNothing())
      .execute();
    const row = await trx
      .updateTable('certificate_counters')
      .set((eb) => ({ value: eb('value', '+', count) }))
      .where('scope', '=', scope)
      .where('value', '>=', 0)
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value) - count + 1;
  },

  insertCertificates: (trx: Tx, rows: NewCertificate[]) =>
    rows.length ? trx.insertInto('certificates').values(rows).execute() : Promise.resolve([]),

  existingKeys: async (db: Db, eventId: string, role: CertRole) =>
    new Set(
      (
        await db
          .selectFrom('certificates')
          .select('recipient_key')
          .where('event_id', '=', eventId)
          .where('role', '=', role)
          .execute()
      ).map((r) => r.recipient_key),
    ),

  byCode: (db: Db, code: string) =>
    db.selectFrom('certificates').selectAll().where('code', '=', code).executeTakeFirst(),
  /** When a participant came and how long the meeting report says they stayed: the JP on their certificate. */
  attendanceOf: (db: Db, registrationId: string) =>
    db
      .selectFrom('attendance')
      .select(['checked_in_at', 'joined_at', 'report_minutes'])
      .where('registration_id', '=', registrationId)
      .executeTakeFirst(),
  /** Numbers are unique in practice, not by rule (patterns without `{event}`): a few at most. */
  byNumber: (db: Db, number: string) =>
    db
      .selectFrom('certificates')
      .selectAll()
      .where('number', '=', number)
      .orderBy('issued_at')
      .limit(5)
      .execute(),
  byId: (db: Db, id: string) =>
    db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst(),
  forEvent: (db: Db, eventId: string) =>
    db
      .selectFrom('certificates')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('issued_at')
      .orderBy('number')
      .execute(),
  /**
   * One person's few certificates, in issue order. Sorted here: ORDER BY made SQLite build a temporary
   * b-tree on every confirmed ticket page (the index is by registration only), for a list of zero to three.
   */
  forRegistration: async (db: Db, registrationId: string) =>
    (await ofRegistration.all(db, registrationId)).sort((a, b) => Number(a.issued_at) - Number(b.issued_at)),
  byRecipient: (db: Db, eventId: string, role: CertRole, key: string) =>
    db
      .selectFrom('certificates')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('role', '=', role)
      .where('recipient_key', '=', key)
      .executeTakeFirst(),

  /** Revokes only a valid certificate: revoking twice changes nothing the second time. */
  revoke: (db: Db, id: string, reason: string, at: number) =>
    db
      .updateTable('certificates')
      .set({ status: 'revoked', revoked_at: at, revoke_reason: reason, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'valid')
      .returning('id')
      .executeTakeFirst(),

  update: (db: Db | Tx, id: string, patch: Updateable<CertificatesTable>) =>
    db.updateTable('certificates').set(patch).where('id', '=', id).execute(),

  audit: writeAudit,

  insertJob: (db: Db, row: Insertable<CertificateJobsTable>) =>
    db.insertInto('certificate_jobs').values(row).execute(),
  updateJob: (db: Db, id: string, patch: Updateable<CertificateJobsTable>) =>
    db.updateTable('certificate_jobs').set(patch).where('id', '=', id).execute(),
  job: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('certificate_jobs')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),
  latestJob: (db: Db, eventId: string) =>
    db
      .selectFrom('certificate_jobs')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
};
