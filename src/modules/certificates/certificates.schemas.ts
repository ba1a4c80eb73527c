import { z } from 'zod';
import { bilingual } from '../../http/validation.js';
import { CERT_ROLES } from './certificates.tables.js';

export type { CertRole } from './certificates.tables.js';
export { CERT_ROLES };

export const ROLE_LABELS: Record<(typeof CERT_ROLES)[number], { id: string; en: string }> = {
  peserta: { id: 'Peserta', en: 'Participant' },
  pemateri: { id: 'Narasumber', en: 'Speaker' },
  moderator: { id: 'Moderator', en: 'Moderator' },
  mc: { id: 'Pembawa Acara', en: 'Master of Ceremonies' },
  panitia: { id: 'Panitia', en: 'Committee' },
};

/** Which people of the programme (people.role) each certificate role is for. */
export const PERSON_ROLE_FOR: Partial<Record<(typeof CERT_ROLES)[number], string>> = {
  pemateri: 'speaker',
  moderator: 'moderator',
  mc: 'mc',
  panitia: 'committee',
};

const FIELD_KEYS = [
  'title',
  'intro',
  'name',
  'role',
  'event',
  'dateplace',
  'number',
  'issuer',
  'issued',
  'signatures',
  'qr',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

const frac = z.number().min(0).max(1);
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, {
  message: bilingual({ id: 'warna harus #RRGGBB', en: 'colour must be #RRGGBB' }),
});

/** A field's box: its top-left corner as fractions of the page (y from the top), its width, size in points. */
export const FieldBox = z
  .object({
    x: frac,
    y: frac,
    width: z.number().min(0.05).max(1),
    size: z.number().min(4).max(96),
    align: z.enum(['left', 'center', 'right']).default('center'),
    bold: z.boolean().default(false),
    color: Color.default('#1b1f24'),
    visible: z.boolean().default(true),
  })
  .strict();
export type FieldBox = z.infer<typeof FieldBox>;

export const Texts = z
  .object({
    title: z.string().trim().max(80).default('SERTIFIKAT'),
    intro: z.string().trim().max(120).default('diberikan kepada'),
    rolePrefix: z.string().trim().max(60).default('sebagai'),
    eventPrefix: z.string().trim().max(200).default('dalam kegiatan'),
  })
  .strict();

export const Layout = z
  .object({
    fields: z.object({
      ...(Object.fromEntries(FIELD_KEYS.map((k) => [k, FieldBox])) as Record<FieldKey, typeof FieldBox>),
      /** The organizer's and partners' logos in a row; `size` is their height in points. */
      logos: FieldBox.default(() => logosBox()),
    }),
    texts: Texts.default({
      title: 'SERTIFIKAT',
      intro: 'diberikan kepada',
      rolePrefix: 'sebagai',
      eventPrefix: 'dalam kegiatan',
    }),
    /** Role as printed, when the organizer wants "PEMATERI" instead of "NARASUMBER". */
    roleText: z.string().trim().max(60).nullish(),
  })
  .strict();
export type Layout = z.infer<typeof Layout>;

export const Signer = z
  .object({
    name: z.string().trim().min(1).max(150),
    idLabel: z.string().trim().max(20).nullish(),
    idNumber: z.string().trim().max(40).nullish(),
    position: z.string().trim().max(200).nullish(),
    /** Set by the signature upload, never by the client. */
    signaturePath: z.string().nullish(),
  })
  .strict();
export type Signer = z.infer<typeof Signer>;

/** `cx` is the box's centre, or its left edge for left-aligned boxes. */
const box = (
  cx: number,
  y: number,
  width: number,
  size: number,
  extra: Partial<FieldBox> = {},
): FieldBox => ({
  x: extra.align === 'left' ? cx : Math.max(0, cx - width / 2),
  y,
  width,
  size,
  align: 'center',
  bold: false,
  color: '#1b1f24',
  visible: true,
  ...extra,
});

/** Where logos go in designs saved before there were logos: a row across the top. */
const logosBox = () => box(0.5, 0.06, 0.6, 36);

/** A design that reads well without any background: the organizer can start from it. */
export function defaultLayout(): Layout {
  return {
    fields: {
      number: box(0.5, 0.2, 0.6, 11),
      title: box(0.5, 0.13, 0.8, 34, { bold: true, color: '#0b3d6e' }),
      intro: box(0.5, 0.3, 0.7, 13),
      name: box(0.5, 0.39, 0.8, 28, { bold: true }),
      role: box(0.5, 0.47, 0.7, 15, { bold: true }),
      event: box(0.5, 0.54, 0.8, 13),
      dateplace: box(0.5, 0.615, 0.8, 11),
      issuer: box(0.5, 0.68, 0.8, 9.5),
      issued: box(0.5, 0.735, 0.5, 10),
      signatures: box(0.5, 0.77, 0.7, 10),
      // High enough that the code and the hint under it stay inside the frame.
      qr: box(0.08, 0.755, 0.09, 6, { align: 'left' }),
      logos: logosBox(),
    },
    texts: {
      title: 'SERTIFIKAT',
      intro: 'diberikan kepada',
      rolePrefix: 'sebagai',
      eventPrefix: 'dalam kegiatan',
    },
    roleText: null,
  };
}

export const Rules = z
  .object({
    peserta: z
      .object({
        requireAttendance: z.boolean().default(true),
        requireEvaluation: z.boolean().default(false),
      })
      .strict()
      .default({ requireAttendance: true, requireEvaluation: false }),
    /** People of the programme (speakers, moderator, MC, committee): everyone listed under that role. */
    people: z
      .object({ requireAgenda: z.boolean().default(false) })
      .strict()
      .default({ requireAgenda: false }),
  })
  .strict();
export type Rules = z.infer<typeof Rules>;

const PATTERN_TOKENS = ['{seq}', '{org}', '{month-roman}', '{month}', '{year}', '{event}', '{role}'];

const Pattern = z
  .string()
  .trim()
  .min(5)
  .max(120)
  .refine((p) => p.includes('{seq}'), {
    message: bilingual({
      id: 'pola nomor harus memuat {seq} (nomor urut), mis. {seq}/SERT/{org}/{month-roman}/{year}',
      en: 'the number pattern must contain {seq} (the sequence), e.g. {seq}/SERT/{org}/{month-roman}/{year}',
    }),
  })
  .refine((p) => (p.match(/\{[^}]*\}/g) ?? []).every((t) => PATTERN_TOKENS.includes(t)), {
    message: bilingual({
      id: `pola nomor hanya boleh memakai ${PATTERN_TOKENS.join(' ')}`,
      en: `the number pattern may only use ${PATTERN_TOKENS.join(' ')}`,
    }),
  });

export const SettingsBody = z
  .object({
    pattern: Pattern.optional(),
    orgCode: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .regex(/^[A-Za-z0-9.-]+$/, {
        message: bilingual({
          id: 'hanya huruf, angka, titik dan tanda hubung',
          en: 'only letters, digits, dots and hyphens',
        }),
      })
      .optional(),
    rules: Rules.optional(),
    issuer: z.string().trim().max(300).nullish(),
    place: z.string().trim().max(100).nullish(),
    /** Print training hours (JP, 45 minutes each) from the attended duration, for civil servants' records. */
    trainingHours: z.boolean().optional(),
    issueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, {
        message: bilingual({ id: 'tanggal YYYY-MM-DD', en: 'date YYYY-MM-DD' }),
      })
      .nullish(),
  })
  .strict();

export const TemplateBody = z
  .object({
    orientation: z.enum(['landscape', 'portrait']).optional(),
    layout: Layout.optional(),
    signers: z
      .array(Signer.omit({ signaturePath: true }))
      .max(2)
      .optional(),
  })
  .strict();

export const IssueBody = z
  .object({
    roles: z.array(z.enum(CERT_ROLES)).min(1).max(5).default(['peserta']),
    /** Send the "certificate ready" e-mail to recipients who gave an address. */
    notify: z.boolean().default(true),
    /** The organizer confirms issuing while the event is still running (refused without it). */
    beforeEnd: z.boolean().default(false),
  })
  .strict();

export const OverrideBody = z
  .object({
    role: z.enum(CERT_ROLES),
    registrationId: z.string().max(40).optional(),
    personId: z.string().max(40).optional(),
    recipient: z
      .object({
        frontTitles: z.string().trim().max(100).nullish(),
        name: z.string().trim().min(1).max(150),
        backTitles: z.string().trim().max(150).nullish(),
        email: z.string().trim().toLowerCase().email().max(200).nullish(),
      })
      .strict()
      .optional(),
    reason: z.string().trim().min(5).max(500),
  })
  .strict()
  .refine((b) => [b.registrationId, b.personId, b.recipient].filter(Boolean).length === 1, {
    message: bilingual({
      id: 'isi tepat satu dari registrationId, personId atau recipient',
      en: 'give exactly one of registrationId, personId or recipient',
    }),
  });

export const RevokeBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const CorrectBody = z
  .object({
    frontTitles: z.string().trim().max(100).nullish(),
    name: z.string().trim().min(1).max(150),
    backTitles: z.string().trim().max(150).nullish(),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();

export const CodeParams = z.object({ code: z.string().min(1).max(40) });

export const VerificationOut = z.object({
  code: z.string(),
  number: z.string(),
  name: z.string(),
  role: z.enum(CERT_ROLES),
  roleLabel: z.string(),
  event: z.object({ title: z.string(), date: z.string(), place: z.string() }),
  issuedAt: z.string(),
  status: z.enum(['valid', 'revoked']),
  revokedAt: z.string().nullable(),
  verifyUrl: z.string(),
});

export const CertificateOut = VerificationOut.extend({
  id: z.string(),
  registrationId: z.string().nullable(),
  personId: z.string().nullable(),
  override: z.boolean(),
  version: z.number(),
  pdfUrl: z.string(),
});
