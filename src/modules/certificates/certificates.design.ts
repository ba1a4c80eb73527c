import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { errors } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import { isoInZone } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import type { NumberParts } from './certificates.numbering.js';
import type { CertificateDeps } from './certificates.recipients.js';
import {
  certificatesRepository as repo,
  type SettingsRow,
  type TemplateRow,
} from './certificates.repository.js';
import {
  defaultLayout,
  Layout,
  Rules,
  type SettingsBody,
  type Signer,
  type TemplateBody,
} from './certificates.schemas.js';
import type { CertRole } from './certificates.tables.js';

const DEFAULT_PATTERN = '{seq}/SERT/{org}/{month-roman}/{year}';

export interface Settings {
  pattern: string;
  orgCode: string;
  rules: Rules;
  issuer: string | null;
  place: string | null;
  issueDate: number | null;
  trainingHours: boolean;
}

const monthYear = (ms: number, tz: string) => {
  const iso = isoInZone(ms, tz);
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
};

/**
 * What a certificate looks like: the event's settings (numbering, rules, issuer) and the templates
 * per role. Drawing a certificate from them is certificates.drawing.ts.
 */
export function createCertificateDesign(ctx: AppContext, deps: CertificateDeps) {
  const { db, config } = ctx;

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
        trainingHours: row.training_hours === 1,
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
      trainingHours: false,
    };
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
    numberParts,

    async updateSettings(event: EventRow, body: z.output<typeof SettingsBody>) {
      const cur = await settings(event);
      const next: Settings = {
        pattern: body.pattern ?? cur.pattern,
        orgCode: body.orgCode ?? cur.orgCode,
        rules: body.rules ?? cur.rules,
        issuer: body.issuer === undefined ? cur.issuer : body.issuer || null,
        place: body.place === undefined ? cur.place : body.place || null,
        trainingHours: body.trainingHours ?? cur.trainingHours,
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
        training_hours: next.trainingHours ? 1 : 0,
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
  };
  return design;
}

export type CertificateDesign = ReturnType<typeof createCertificateDesign>;
