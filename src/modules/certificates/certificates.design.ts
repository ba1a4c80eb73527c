import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { errors } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import { fullName } from '../../shared/names.js';
import { formatDate, isoInZone, sameLocalDay } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import { formatNumber, type NumberParts } from './certificates.numbering.js';
import { type CertificateDeps, candidatesFor } from './certificates.recipients.js';
import {
  type CertificateRow,
  certificatesRepository as repo,
  type SettingsRow,
  type TemplateRow,
} from './certificates.repository.js';
import {
  defaultLayout,
  Layout,
  ROLE_LABELS,
  Rules,
  type SettingsBody,
  type Signer,
  type TemplateBody,
} from './certificates.schemas.js';
import type { CertRole } from './certificates.tables.js';
import { prepareTemplate, renderCertificate } from './pdf/render.js';
import type { CertData, PreparedTemplate } from './pdf/template.js';

const DEFAULT_PATTERN = '{seq}/SERT/{org}/{month-roman}/{year}';

export interface Settings {
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

/**
 * What a certificate looks like and says: the event's settings (numbering, rules, issuer), the
 * templates per role, and the rendering of one certificate or a preview from them.
 */
export function createCertificateDesign(ctx: AppContext, deps: CertificateDeps) {
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
    const org = await deps.events.orgOf(event);
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
    const org = await deps.events.orgOf(event);
    const partners = (await deps.events.partnersOf(event.id)).map((p) => p.name);
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

  const design = {
    settings,
    verifyUrl,
    templateView,
    templateRow,
    datePlace,
    numberParts,

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
      const [t, d] = await Promise.all([preparedFor(event, cert.role), design.data(event, cert)]);
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
      const list = await repo
        .existingKeys(db, event.id, role)
        .then((keys) => candidatesFor(ctx, deps, event, role, s.rules, keys))
        .catch(() => []);
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
      const d = await design.data(event, fake);
      return renderCertificate({ ...t, layout: overrideLayout ?? t.layout }, d);
    },
  };
  return design;
}

export type CertificateDesign = ReturnType<typeof createCertificateDesign>;
