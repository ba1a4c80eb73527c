import { z } from 'zod';
import { bilingual, optText, twoOptionsNeeded } from '../../http/validation.js';
import { Instant } from '../events/index.js';
import { normalizePhone } from './phone.js';

export const MODES = ['onsite', 'online'] as const;
export const STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'declined'] as const;
const SEAT_MODES = ['registration', 'checkin', 'none'] as const;
/** Optional purposes a participant may consent to, each only if Aula really does it (UU PDP: a real, stated purpose). */
export const OPTIONAL_PURPOSES = ['news'] as const;
/** Bumped whenever the wording of the privacy notice changes; stored with each consent as proof. */
export const NOTICE_VERSION = '2026-11-29';
/**
 * People counted ahead of a waitlisted person, at most: beyond it the ticket shows "more than 100 ahead of you".
 * Counting further would make every waitlisted ticket view grow with the waitlist (issue 16, item 5).
 */
export const WAITLIST_AHEAD_CAP = 100;
/** True when a waitlistPosition is only a lower bound (more than WAITLIST_AHEAD_CAP people ahead). */
export const waitlistCapped = (position: number) => position > WAITLIST_AHEAD_CAP + 1;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v), {
    message: bilingual({
      id: 'alamat e-mail tidak sah (contoh: nama@contoh.id)',
      en: 'invalid e-mail address (e.g. name@example.com)',
    }),
  });

export const Phone = z
  .string()
  .trim()
  .max(40)
  .transform((v, ctx) => {
    const n = normalizePhone(v);
    if (!n) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual({
          id: 'nomor WhatsApp tidak sah (contoh: 0812-3456-7890 atau +62 812 3456 7890)',
          en: 'invalid WhatsApp number (e.g. 0812-3456-7890 or +62 812 3456 7890)',
        }),
      });
      return z.NEVER;
    }
    return n;
  });

/** Empty strings from forms mean "not given". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const Answers = z.record(
  z.string().max(40),
  z.union([z.string().trim().max(2000), z.array(z.string().trim().max(300)).max(30)]),
);

/** The public registration body (and what walk-ins, imports and manual additions go through). */
export const RegisterInput = z.object({
  name: z.string().trim().min(2).max(120),
  frontTitles: optText(60),
  backTitles: optText(80),
  email: z.preprocess(blankToUndefined, Email.nullish()),
  phone: z.preprocess(blankToUndefined, Phone.nullish()),
  institution: optText(200),
  mode: z.enum(MODES),
  consent: z.boolean().refine((v) => v === true, {
    message: bilingual({
      id: 'persetujuan atas pemberitahuan privasi wajib dicentang',
      en: 'you must agree to the privacy notice',
    }),
  }),
  /** Optional purposes, each agreed to separately (unticked by default). */
  consents: z.partialRecord(z.enum(OPTIONAL_PURPOSES), z.boolean()).optional(),
  answers: Answers.optional(),
  locale: z.enum(['id', 'en']).optional(),
});
export type RegisterInput = z.input<typeof RegisterInput>;
export type RegisterData = z.output<typeof RegisterInput>;

export const RegistrationOut = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  mode: z.enum(MODES),
  ticketCode: z.string(),
  ticketUrl: z.string(),
  seat: z.string().optional(),
  /** True when the same phone or e-mail was already registered: this is that ticket. */
  existing: z.boolean().optional(),
});

/** What organizers see in the list (contact data included: they are the controller). */
/** A place on the waitlist: exact up to WAITLIST_AHEAD_CAP + 1, a lower bound above it (with …Capped true). */
export const WaitlistPosition = z
  .number()
  .nullable()
  .describe(
    `1-based place on the waitlist of its mode; exact up to ${WAITLIST_AHEAD_CAP + 1}. When more than ${WAITLIST_AHEAD_CAP} people are ahead it is ${WAITLIST_AHEAD_CAP + 2} and waitlistPositionCapped is true.`,
  );

export const RegistrationAdminOut = z.object({
  id: z.string(),
  ticketCode: z.string(),
  name: z.string(),
  frontTitles: z.string().nullable(),
  backTitles: z.string().nullable(),
  fullName: z.string(),
  institution: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mode: z.enum(MODES),
  status: z.enum(STATUSES),
  source: z.string(),
  seat: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
  consents: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  waitlistPosition: WaitlistPosition,
  waitlistPositionCapped: z.boolean(),
});
export type RegistrationAdminDto = z.infer<typeof RegistrationAdminOut>;

const QUESTION_KINDS = ['text', 'choice', 'multi'] as const;
export const Question = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,40}$/, {
        message: bilingual({ id: 'huruf kecil, angka, - atau _', en: 'lower-case letters, digits, - or _' }),
      }),
    label: z.string().trim().min(1).max(300),
    kind: z.enum(QUESTION_KINDS),
    options: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
    required: z.boolean().default(false),
  })
  .refine((q) => q.kind === 'text' || q.options.length >= 2, twoOptionsNeeded);
export type Question = z.output<typeof Question>;

export const SettingsInput = z
  .object({
    opensAt: Instant.nullish(),
    closesAt: Instant.nullish(),
    approval: z.boolean(),
    waitlist: z.boolean(),
    seatMode: z.enum(SEAT_MODES),
    questions: z
      .array(Question)
      .max(20)
      .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, {
        message: bilingual({ id: 'id pertanyaan harus unik', en: 'question ids must be unique' }),
      }),
    privacyController: optText(300),
    privacyContact: optText(300),
    privacyPurpose: optText(1000),
    retentionDays: z.number().int().min(1).max(3650),
  })
  .partial()
  .strict()
  .refine((s) => !s.opensAt || !s.closesAt || s.closesAt > s.opensAt, {
    message: bilingual({ id: 'penutupan harus setelah pembukaan', en: 'closing must be after opening' }),
    path: ['closesAt'],
  });
export type SettingsInput = z.input<typeof SettingsInput>;
export type SettingsData = z.output<typeof SettingsInput>;

export const SettingsOut = z.object({
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  approval: z.boolean(),
  waitlist: z.boolean(),
  seatMode: z.enum(SEAT_MODES),
  questions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      kind: z.enum(QUESTION_KINDS),
      options: z.array(z.string()),
      required: z.boolean(),
    }),
  ),
  privacyController: z.string().nullable(),
  privacyContact: z.string().nullable(),
  privacyPurpose: z.string().nullable(),
  retentionDays: z.number(),
  capacity: z.object({ onsite: z.number().nullable(), online: z.number().nullable() }),
  modes: z.array(z.enum(MODES)),
});

export const TicketParams = z.object({ ticketCode: z.string().min(10).max(80) });
export const RegParams = z.object({ id: z.string().min(1).max(80), regId: z.string().min(1).max(80) });
export const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  mode: z.enum(MODES).optional(),
  status: z.enum(STATUSES).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export const UpdateRegistrationInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    frontTitles: optText(60),
    backTitles: optText(80),
    institution: optText(200),
    email: z.preprocess(blankToUndefined, Email.nullish()),
    phone: z.preprocess(blankToUndefined, Phone.nullish()),
    mode: z.enum(MODES),
    status: z.enum(['confirmed', 'cancelled', 'declined']),
    /** A seat label to move to, or null to clear the seat. */
    seat: z
      .string()
      .trim()
      .toUpperCase()
      .max(6)
      .nullable()
      .transform((v) => (v ? v : null)),
  })
  .partial()
  .strict();
export type UpdateRegistrationInput = z.input<typeof UpdateRegistrationInput>;
