import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import type { Locale } from '../../i18n/index.js';
import { newId, newSecretToken, shortCode } from '../../shared/ids.js';
import { fullName } from '../../shared/names.js';
import { formatDate, isoInZone, sameLocalDay } from '../../shared/time.js';
import { presentRegistrations } from '../attendance/index.js';
import { respondedRegistrationIds } from '../evaluation/index.js';
import { type EventRow, eventsRepository } from '../events/index.js';
import { counterScope, formatNumber, type NumberParts } from './certificates.numbering.js';
import {
  type CertificateRow,
  certificatesRepository as repo,
  type SettingsRow,
  type TemplateRow,
} from './certificates.repository.js';
import {
  type CorrectBody,
  defaultLayout,
  type IssueBody,
  Layout,
  type OverrideBody,
  PERSON_ROLE_FOR,
  ROLE_LABELS,
  Rules,
  type SettingsBody,
  type Signer,
  type TemplateBody,
} from './certificates.schemas.js';
import type { CertificatesTable, CertRole } from './certificates.tables.js';
import { type CertData, type PreparedTemplate, prepareTemplate, renderCertificate } from './pdf/render.js';

export const DEFAULT_PATTERN = '{seq}/SERT/{org}/{month-roman}/{year}';

export interface Candidate {
  key: string;
  registrationId: string | null;
  personId: string | null;
  frontTitles: string | null;
  name: string;
  backTitles: string | null;
  email: string | null;
  eligible: boolean;
  /** Why not, in both languages, for the console list. */
  reason: { id: string; en: string } | null;
  issued: boolean;
}

export interface IssueSummary {
  issued: number;
  alreadyIssued: number;
  notEligible: number;
  byRole: Record<string, { issued: number; alreadyIssued: number; notEligible: number }>;
}

interface Settings {
  pattern: string;
  orgCode: string;
  rules: Rules;
  issuer: string | null;
  place: string | null;
  issueDate: number | null;
}

const monthYear = (ms: number, tz: string) => {
  const iso = isoInZone(ms, tz);
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
};

export function createCertificatesService(ctx: AppContext) {
  const { db, config } = ctx;
  const prepared = new Map<string, { stamp: string; t: Promise<PreparedTemplate> }>();
  const uploads = (p: string) => join(config.dataDir, 'uploads', p);

  const verifyUrl = (code: string) => `${config.publicUrl}/v/${code}`;

  async function settings(event: EventRow): Promise<Settings> {
    const row: SettingsRow | undefined = await repo.settings(db, event.id);
    if (row) {
      return {
        pattern: row.pattern,
        orgCode: row.org_code,
        rules: Rules.parse(JSON.parse(row.rules)),
        issuer: row.issuer,
        place: row.place,
        issueDate: row.issue_date,
      };
    }
    const org = event.org_id ? await eventsRepository.findOrg(db, event.org_id) : undefined;
    const code =
      (org?.short_name ?? org?.slug ?? 'AULA')
        .toUpperCase()
        .replace(/[^A-Z0-9.-]+/g, '-')
        .slice(0, 30) || 'AULA';
    return {
      pattern: DEFAULT_PATTERN,
      orgCode: code,
      rules: Rules.parse({}),
      issuer: null,
      place: null,
      issueDate: null,
    };
  }

  async function issuerText(event: EventRow, s: Settings): Promise<string> {
    if (s.issuer) return s.issuer;
    const org = event.org_id ? await eventsRepository.findOrg(db, event.org_id) : undefined;
    const partners = (await eventsRepository.partners(db, [event.id])).map((p) => p.name);
    if (!org) return partners.length ? `Diselenggarakan bersama ${partners.join(', ')}` : '';
    return partners.length ? `${org.name} bekerja sama dengan ${partners.join(', ')}` : org.name;
  }

  function datePlace(event: EventRow): string {
    const tz = event.timezone;
    const day = sameLocalDay(event.starts_at, event.ends_at, tz)
      ? formatDate(event.starts_at, tz, 'id')
      : `${formatDate(event.starts_at, tz, 'id')} s.d. ${formatDate(event.ends_at, tz, 'id')}`;
    const where =
      event.venue_name && event.online_platform
        ? `di ${event.venue_name} dan secara daring`
        : event.venue_name
          ? `di ${event.venue_name}`
          : 'secara daring';
    return `yang diselenggarakan pada ${day} ${where}`;
  }

  async function templateRow(event: EventRow, role: CertRole): Promise<TemplateRow | undefined> {
    return (
      (await repo.template(db, event.id, role)) ??
      (role !== 'peserta' ? repo.template(db, event.id, 'peserta') : undefined)
    );
  }

  function templateView(row: TemplateRow | undefined) {
    return {
      orientation: row?.orientation ?? ('landscape' as const),
      layout: row ? Layout.parse(JSON.parse(row.fields)) : defaultLayout(),
      signers: row ? (JSON.parse(row.signers) as Signer[]) : [],
      background: row?.background_path ? { path: row.background_path, kind: row.background_kind! } : null,
      updatedAt: row?.updated_at ?? 0,
    };
  }

  /** The template made ready once per version and reused by every certificate drawn from it. */
  async function preparedFor(event: EventRow, role: CertRole): Promise<PreparedTemplate> {
    const row = await templateRow(event, role);
    const key = `${event.id}:${row?.role ?? 'default'}`;
    const stamp = `${row?.id ?? ''}:${row?.updated_at ?? 0}`;
    const hit = prepared.get(key);
    if (hit && hit.stamp === stamp) return hit.t;
    const view = templateView(row);
    const t = (async () =>
      prepareTemplate({
        orientation: view.orientation,
        layout: view.layout,
        signers: view.signers,
        signatureImages: await Promise.all(
          view.signers.map((s) =>
            s.signaturePath ? readFile(uploads(s.signaturePath)).catch(() => null) : null,
          ),
        ),
        background: view.background
          ? { kind: view.background.kind, bytes: await readFile(uploads(view.background.path)) }
          : null,
      }))();
    prepared.set(key, { stamp, t });
    t.catch(() => prepared.delete(key));
    return t;
  }

  async function candidates(event: EventRow, role: CertRole, s: Settings): Promise<Candidate[]> {
    const issuedKeys = await repo.existingKeys(db, event.id, role);
    if (role === 'peserta') {
      const [regs, present, evaluated] = await Promise.all([
        repo.confirmedRegistrations(db, event.id),
        s.rules.peserta.requireAttendance ? presentRegistrations(db, event) : Promise.resolve(null),
        s.rules.peserta.requireEvaluation ? respondedRegistrationIds(db, event.id) : Promise.resolve(null),
      ]);
      return regs.map((r) => {
        const key = `r:${r.id}`;
        let reason: Candidate['reason'] = null;
        if (present && !present.has(r.id))
          reason = { id: 'tidak tercatat hadir', en: 'not recorded as present' };
        else if (evaluated && !evaluated.has(r.id))
          reason = { id: 'belum mengisi evaluasi', en: 'has not filled in the evaluation' };
        return {
          key,
          registrationId: r.id,
          personId: null,
          frontTitles: r.front_titles,
          name: r.name,
          backTitles: r.back_titles,
          email: r.email,
          eligible: reason === null,
          reason,
          issued: issuedKeys.has(key),
        };
      });
    }
    const personRole = PERSON_ROLE_FOR[role]!;
    const [people, onAgenda] = await Promise.all([
      repo.people(db, event.id, personRole),
      s.rules.people.requireAgenda ? repo.peopleOnAgenda(db, event.id) : Promise.resolve(null),
    ]);
    return people.map((p) => {
      const key = `p:${p.id}`;
      const reason =
        onAgenda && !onAgenda.has(p.id)
          ? { id: 'tidak ada di susunan acara', en: 'not on the rundown' }
          : null;
      return {
        key,
        registrationId: null,
        personId: p.id,
        frontTitles: p.front_titles,
        name: p.name,
        backTitles: p.back_titles,
        email: p.email,
        eligible: reason === null,
        reason,
        issued: issuedKeys.has(key),
      };
    });
  }

  async function numberParts(event: EventRow, s: Settings, role: CertRole): Promise<NumberParts> {
    const { month, year } = monthYear(s.issueDate ?? event.ends_at, event.timezone);
    return {
      org: s.orgCode,
      month,
      year,
      event: event.slug.slice(0, 20).toUpperCase(),
      role: role.toUpperCase(),
    };
  }

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
    list: Omit<Candidate, 'eligible' | 'reason' | 'issued'>[],
    actor: AuthUser | null,
    override: boolean,
  ): Promise<CertificateRow[]> {
    let pending = list;
    for (let attempt = 0; attempt < 3 && pending.length; attempt++) {
      const parts = await numberParts(event, s, role);
      const scope = counterScope(s.pattern, parts);
      const now = Date.now();
      try {
        return await db.transaction().execute(async (trx) => {
          const first = await repo.reserveNumbers(trx, scope, pending.length);
          const rows: Insertable<CertificatesTable>[] = pending.map((c, i) => ({
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

  async function notify(event: EventRow, rows: CertificateRow[]) {
    if (!ctx.mailer.enabled) return;
    for (const c of rows) {
      if (!c.email) continue;
      const name = fullName({ frontTitles: c.front_titles, name: c.name, backTitles: c.back_titles });
      const link = `${config.publicUrl}/api/v1/certificates/${c.code}/pdf?key=${c.download_key}`;
      try {
        await ctx.mailer.send({
          to: c.email,
          subject: `Sertifikat: ${event.title}`,
          text: [
            `Yth. ${name},`,
            '',
            `Sertifikat Anda untuk "${event.title}" sudah terbit (nomor ${c.number}).`,
            `Unduh: ${link}`,
            `Periksa keasliannya: ${verifyUrl(c.code)}`,
            '',
            `Your certificate for "${event.title}" is ready (number ${c.number}).`,
            `Download: ${link}`,
          ].join('\n'),
        });
      } catch (err) {
        ctx.log.warn({ err, certificate: c.id }, 'certificate e-mail failed');
      }
    }
  }

  const service = {
    settings,
    verifyUrl,
    templateView,
    templateRow,
    datePlace,

    async updateSettings(event: EventRow, body: z.output<typeof SettingsBody>) {
      const cur = await settings(event);
      const next: Settings = {
        pattern: body.pattern ?? cur.pattern,
        orgCode: body.orgCode ?? cur.orgCode,
        rules: body.rules ?? cur.rules,
        issuer: body.issuer === undefined ? cur.issuer : body.issuer || null,
        place: body.place === undefined ? cur.place : body.place || null,
        issueDate:
          body.issueDate === undefined
            ? cur.issueDate
            : body.issueDate
              ? Date.parse(`${body.issueDate}T12:00:00Z`)
              : null,
      };
      await repo.upsertSettings(db, {
        event_id: event.id,
        pattern: next.pattern,
        org_code: next.orgCode,
        rules: JSON.stringify(next.rules),
        issuer: next.issuer,
        place: next.place,
        issue_date: next.issueDate,
        updated_at: Date.now(),
      });
      return next;
    },

    async saveTemplate(
      event: EventRow,
      role: CertRole,
      body: z.output<typeof TemplateBody>,
      files: {
        background?: { path: string; kind: 'image' | 'pdf' } | null;
        signature?: { index: number; path: string };
      } = {},
    ) {
      const current = await repo.template(db, event.id, role);
      const view = templateView(current);
      let signers: Signer[] = body.signers
        ? body.signers.map((s, i) => ({ ...s, signaturePath: view.signers[i]?.signaturePath ?? null }))
        : view.signers;
      if (files.signature) {
        if (!signers[files.signature.index]) {
          throw errors.validation({
            id: 'Isi dulu nama penanda tangan sebelum mengunggah tanda tangannya.',
            en: 'Enter the signer’s name before uploading the signature.',
          });
        }
        signers = signers.map((s, i) =>
          i === files.signature!.index ? { ...s, signaturePath: files.signature!.path } : s,
        );
      }
      const background = files.background === undefined ? view.background : files.background;
      await repo.upsertTemplate(db, {
        id: current?.id ?? newId(),
        event_id: event.id,
        role,
        orientation: body.orientation ?? view.orientation,
        background_path: background?.path ?? null,
        background_kind: background?.kind ?? null,
        fields: JSON.stringify(body.layout ?? view.layout),
        signers: JSON.stringify(signers),
        updated_at: Math.max(Date.now(), view.updatedAt + 1),
      });
      return templateView(await repo.template(db, event.id, role));
    },

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
      let recipient: Omit<Candidate, 'eligible' | 'reason' | 'issued'>;
      if (body.registrationId) {
        const r = await repo.registration(db, event.id, body.registrationId);
        if (!r) throw errors.notFound({ id: 'Pendaftaran', en: 'Registration' });
        recipient = {
          key: `r:${r.id}`,
          registrationId: r.id,
          personId: null,
          frontTitles: r.front_titles,
          name: r.name,
          backTitles: r.back_titles,
          email: r.email,
        };
      } else if (body.personId) {
        const p = await repo.person(db, event.id, body.personId);
        if (!p) throw errors.notFound(what.person);
        recipient = {
          key: `p:${p.id}`,
          registrationId: null,
          personId: p.id,
          frontTitles: p.front_titles,
          name: p.name,
          backTitles: p.back_titles,
          email: p.email,
        };
      } else {
        const m = body.recipient!;
        recipient = {
          key: `m:${newId()}`,
          registrationId: null,
          personId: null,
          frontTitles: m.frontTitles ?? null,
          name: m.name,
          backTitles: m.backTitles ?? null,
          email: m.email ?? null,
        };
      }
      const existing = await repo.byRecipient(db, event.id, body.role, recipient.key);
      if (existing) return { certificate: existing, created: false };
      const [row] = await writeBatch(event, body.role, s, [recipient], actor, true);
      if (!row) {
        const again = await repo.byRecipient(db, event.id, body.role, recipient.key);
        if (again) return { certificate: again, created: false };
        throw errors.conflict('certificate_conflict', { id: 'Coba lagi.', en: 'Try again.' });
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
      await db.transaction().execute(async (trx) => {
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

    async eventOf(cert: CertificateRow): Promise<EventRow> {
      return (await eventsRepository.findByIdOrSlug(db, cert.event_id))!;
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

    async data(event: EventRow, cert: CertificateRow): Promise<CertData> {
      const s = await settings(event);
      const view = templateView(await templateRow(event, cert.role));
      const issuedOn = s.issueDate ?? event.ends_at;
      const place = s.place ?? (event.venue_address?.split(',').pop()?.trim() || event.venue_name || '');
      const date = formatDate(issuedOn, event.timezone, 'id').replace(/^[^,]+, /, '');
      return {
        name: fullName({ frontTitles: cert.front_titles, name: cert.name, backTitles: cert.back_titles }),
        roleText: (view.layout.roleText || ROLE_LABELS[cert.role].id).toUpperCase(),
        number: cert.number,
        eventTitle: event.title,
        datePlace: datePlace(event),
        issuer: await issuerText(event, s),
        issued: place ? `${place}, ${date}` : date,
        verifyUrl: verifyUrl(cert.code),
      };
    },

    async pdf(event: EventRow, cert: CertificateRow): Promise<Uint8Array> {
      const [t, d] = await Promise.all([preparedFor(event, cert.role), service.data(event, cert)]);
      return renderCertificate(t, d);
    },

    /** A sample with the longest real name on the list, so the organizer sees the worst case. */
    async preview(
      event: EventRow,
      role: CertRole,
      overrideLayout?: z.output<typeof Layout>,
    ): Promise<Uint8Array> {
      const s = await settings(event);
      const base = await preparedFor(event, role);
      const t = overrideLayout ? { ...base, layout: overrideLayout } : base;
      const list = await candidates(event, role, s).catch(() => []);
      const longest = list.map((c) => fullName(c)).sort((a, b) => b.length - a.length)[0];
      const parts = await numberParts(event, s, role);
      const fake: CertificateRow = {
        id: 'preview',
        event_id: event.id,
        code: 'CONTOH123456',
        download_key: '',
        number: formatNumber(s.pattern, parts, 1),
        role,
        registration_id: null,
        person_id: null,
        recipient_key: '',
        front_titles: null,
        name: longest ?? 'Dr. H. Nama Peserta Contoh, S.E., M.Si.',
        back_titles: null,
        email: null,
        status: 'valid',
        override: 0,
        version: 1,
        issued_at: Date.now(),
        issued_by: null,
        revoked_at: null,
        revoke_reason: null,
        updated_at: Date.now(),
      };
      const d = await service.data(event, fake);
      return renderCertificate({ ...t, layout: overrideLayout ?? t.layout }, d);
    },

    list: (event: EventRow) => repo.forEvent(db, event.id),
    forRegistration: (registrationId: string) => repo.forRegistration(db, registrationId),
    registrationByTicket: (code: string) => repo.registrationByTicket(db, code),

    async startJob(event: EventRow, body: z.output<typeof IssueBody>, actor: AuthUser) {
      const id = newId();
      await repo.insertJob(db, {
        id,
        event_id: event.id,
        roles: JSON.stringify(body.roles),
        status: 'running',
        total: 0,
        done: 0,
        issued: 0,
        error: null,
        created_by: actor.id,
        created_at: Date.now(),
        finished_at: null,
      });
      // Runs after the response: the console page shows its progress from the job row.
      void service
        .issue(event, body, actor, (p) =>
          repo.updateJob(db, id, { total: p.total, done: p.done, issued: p.issued }).then(() => {}),
        )
        .then((s) => repo.updateJob(db, id, { status: 'done', issued: s.issued, finished_at: Date.now() }))
        .catch(async (err) => {
          ctx.log.error({ err, job: id }, 'certificate job failed');
          await repo
            .updateJob(db, id, { status: 'failed', error: String(err), finished_at: Date.now() })
            .catch(() => {});
        });
      return id;
    },
    job: (event: EventRow, id: string) => repo.job(db, event.id, id),
    latestJob: (event: EventRow) => repo.latestJob(db, event.id),
  };
  return service;
}

export type CertificatesService = ReturnType<typeof createCertificatesService>;
