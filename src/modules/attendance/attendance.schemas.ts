import { z } from 'zod';
import { bilingual } from '../../http/validation.js';
import { ONLINE_RULES } from './attendance.tables.js';

/**
 * A ticket code as scanned: the bare code, or the ticket URL the QR code holds (…/t/<code>), which is
 * what a hardware scanner types. Anything else is refused before it reaches the database.
 */
export function normalizeTicketCode(raw: string): string | null {
  const s = raw.trim();
  const m = /\/t\/([0-9A-Za-z_-]{8,80})(?:[/?#].*)?$/.exec(s);
  const code = m ? m[1]! : s;
  return /^[0-9A-Za-z_-]{8,80}$/.test(code) ? code.toLowerCase() : null;
}

export const TicketCode = z
  .string()
  .max(300)
  .transform((v, ctx) => {
    const code = normalizeTicketCode(v);
    if (!code) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual({ id: 'kode tiket tidak terbaca', en: 'the ticket code cannot be read' }),
      });
      return z.NEVER;
    }
    return code;
  });

/** Scan ids come from devices: short, printable, unique per device (a UUID in practice). */
const ScanId = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, {
  message: bilingual({ id: 'id pindaian tidak sah', en: 'invalid scan id' }),
});

const Device = z.string().trim().max(60).optional();

/** The device's clock when it sent the request (epoch ms): a clock more than 5 minutes off is flagged. */
const SentAt = z.number().int().positive().optional();

/** Recording an arrival outside the doors' window: the reason goes to the audit log. */
const Override = z
  .object({
    reason: z
      .string({
        message: bilingual({ id: 'alasan wajib diisi', en: 'a reason is required' }),
      })
      .trim()
      .min(3, {
        message: bilingual({ id: 'alasan minimal 3 huruf', en: 'a reason needs 3 letters or more' }),
      })
      .max(500),
  })
  .strict();

/** A person registered at the door. With a `scanId` (the device's id for the walk-in) a replay registers no one twice. */
const WalkIn = z
  .object({
    name: z.string().trim().min(2).max(120),
    phone: z.string().trim().max(30).optional(),
    email: z.string().trim().toLowerCase().email().max(200).optional(),
    institution: z.string().trim().max(200).optional(),
    consent: z.boolean().refine((v) => v === true, {
      message: bilingual({
        id: 'peserta harus menyetujui pemberitahuan privasi',
        en: 'the person must agree to the privacy notice',
      }),
    }),
  })
  .strict();

export const CheckinBody = z
  .object({
    ticketCode: TicketCode.optional(),
    registrationId: z.string().max(40).optional(),
    scanId: ScanId.optional(),
    /** When an offline device scanned it (epoch ms or ISO); the server's clock otherwise. */
    scannedAt: z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]).optional(),
    sentAt: SentAt,
    device: Device,
    method: z.enum(['qr', 'search', 'manual']).optional(),
    /** Outside the presence window: record the arrival anyway, with a reason (kept in the audit log). */
    override: Override.optional(),
    /** An online registrant at the door: move them to the hall when it has room, then check in. */
    switchToOnsite: z.boolean().optional(),
    /** A walk-in: registered on the spot (hall mode) and checked in. Staff confirm the privacy notice with the person. */
    walkIn: WalkIn.optional(),
  })
  .strict()
  .refine((b) => [b.ticketCode, b.registrationId, b.walkIn].filter((x) => x !== undefined).length === 1, {
    message: bilingual({
      id: 'isi tepat satu dari ticketCode, registrationId atau walkIn',
      en: 'give exactly one of ticketCode, registrationId or walkIn',
    }),
  });

export const SyncBody = z
  .object({
    device: Device,
    sentAt: SentAt,
    scans: z
      .array(
        z
          .object({
            scanId: ScanId,
            ticketCode: TicketCode.optional(),
            registrationId: z.string().max(40).optional(),
            /** A walk-in registered offline: `scanId` is its id, so a replay registers no one twice. */
            walkIn: WalkIn.optional(),
            scannedAt: z.number().int().positive(),
            method: z.enum(['qr', 'search', 'manual']).optional(),
            override: Override.optional(),
          })
          .strict()
          .refine(
            (s) => [s.ticketCode, s.registrationId, s.walkIn].filter((x) => x !== undefined).length === 1,
            {
              message: bilingual({
                id: 'isi tepat satu dari ticketCode, registrationId atau walkIn',
                en: 'give exactly one of ticketCode, registrationId or walkIn',
              }),
            },
          ),
      )
      .min(1)
      .max(1000),
  })
  .strict();

const RegistrationBrief = z.object({
  id: z.string(),
  name: z.string(),
  institution: z.string().nullable(),
  mode: z.enum(['onsite', 'online']),
  seat: z.string().nullable(),
});

export const CheckinOut = z.object({
  result: z.enum(['checked_in', 'already_checked_in']),
  first: z.boolean(),
  scanId: z.string().nullable(),
  message: z.string(),
  registration: RegistrationBrief,
  checkedInAt: z.string(),
  checkedInBy: z.string().nullable(),
  device: z.string().nullable(),
  /** The scanning device's clock was more than 5 minutes off: the time kept is the device's. */
  clockFlagged: z.boolean().optional(),
  walkIn: z.boolean().optional(),
});

/** A walk-in the full hall could only put on its waitlist (registered, not checked in). */
export const WalkInWaitlistedOut = z.object({
  result: z.literal('waitlisted'),
  first: z.literal(false),
  scanId: z.string().nullable(),
  message: z.string(),
  registration: RegistrationBrief,
  walkIn: z.literal(true),
});

export const SyncOut = z.object({
  results: z.array(
    z.union([
      CheckinOut,
      WalkInWaitlistedOut,
      z.object({
        result: z.literal('error'),
        scanId: z.string(),
        error: z.object({ code: z.string(), message: z.string() }),
      }),
    ]),
  ),
  counts: z.object({ onsite: z.number(), online: z.number(), total: z.number() }),
});

export const RosterOut = z.object({
  eventId: z.string(),
  generatedAt: z.number(),
  /** When door scans count (epoch ms): the doors open, the window closes. */
  window: z.object({ doorsOpen: z.number(), closes: z.number() }),
  /** Ticket codes are sent only as SHA-256 (hex, first 32): a lost phone does not leak usable tickets. */
  people: z.array(
    z.object({
      id: z.string(),
      h: z.string(),
      name: z.string(),
      institution: z.string().nullable(),
      phone4: z.string().nullable(),
      mode: z.enum(['onsite', 'online']),
      status: z.string(),
      seat: z.string().nullable(),
      checkedInAt: z.number().nullable(),
      checkedInBy: z.string().nullable(),
    }),
  ),
});

export const SearchQuery = z.object({ q: z.string().trim().min(2).max(100) });

export const AttendanceCodeBody = z
  .object({
    ticketCode: TicketCode,
    code: z
      .string()
      .max(40)
      .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
      .pipe(
        z.string().regex(/^[A-Z0-9]{4,12}$/, {
          message: bilingual({
            id: 'kode presensi berisi 4–12 huruf/angka',
            en: 'an attendance code has 4–12 letters/digits',
          }),
        }),
      ),
  })
  .strict();

export const AttendanceCodeOut = z.object({
  accepted: z.boolean(),
  first: z.boolean(),
  message: z.string(),
  codesEntered: z.number(),
  presentOnline: z.boolean(),
});

export const NewCodeBody = z
  .object({
    label: z.string().trim().max(100).optional(),
    agendaItemId: z.string().max(40).optional(),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    opensAt: z.iso.datetime({ offset: true }).optional(),
    /** Fixed code for printed material; generated otherwise. */
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4,12}$/, {
        message: bilingual({ id: 'kode berisi 4–12 huruf/angka', en: 'a code has 4–12 letters/digits' }),
      })
      .optional(),
  })
  .strict();

export const CodeOut = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean(),
  entries: z.number(),
});

/** A presence-window length in minutes: 0 up to a day, whole minutes. */
const WindowMinutes = (fallback: number) =>
  z
    .number()
    .int()
    .refine((v) => v >= 0 && v <= 24 * 60, {
      message: bilingual({
        id: 'harus antara 0 dan 1440 menit (0–24 jam)',
        en: 'must be between 0 and 1440 minutes (0–24 hours)',
      }),
    })
    .default(fallback);

export const SettingsBody = z
  .object({
    onlineRule: z.enum(ONLINE_RULES),
    minCodes: z.number().int().min(1).max(20).default(1),
    minPercent: z.number().int().min(1).max(100).default(70),
    codeWindowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Door scans count from this many minutes before the start. */
    doorsOpenMinutes: WindowMinutes(60),
    /** Personal joins and attendance codes count from this many minutes before the start. */
    onlineOpenMinutes: WindowMinutes(30),
    /** Both count until this many minutes after the end. */
    graceMinutes: WindowMinutes(60),
  })
  .strict();
export const SettingsOut = z.object({
  onlineRule: z.enum(ONLINE_RULES),
  minCodes: z.number(),
  minPercent: z.number(),
  codeWindowMinutes: z.number(),
  doorsOpenMinutes: z.number(),
  onlineOpenMinutes: z.number(),
  graceMinutes: z.number(),
});

export const CorrectionBody = z
  .object({
    registrationId: z.string().max(40),
    /** onsite/online: count as present there; absent: not present (undoes a check-in); auto: back to the rule. */
    set: z.enum(['onsite', 'online', 'absent', 'auto']),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();

export const SummaryOut = z.object({
  present: z.object({ onsite: z.number(), online: z.number(), total: z.number() }),
  expected: z.object({ onsite: z.number(), online: z.number() }),
  /** Hall arrivals per 10 minutes (bucket start as ISO in the event's zone). */
  arrivals: z.array(z.object({ at: z.string(), count: z.number() })),
  openCodes: z.number(),
});

export const ImportJsonBody = z
  .object({
    csv: z
      .string()
      .min(1)
      .max(5 * 1024 * 1024),
    filename: z.string().max(200).optional(),
  })
  .strict();

export const ResolveRowBody = z.object({ registrationId: z.string().max(40).nullable() }).strict();

export const ListParams = z.object({
  id: z.string().min(1).max(100),
  list: z.enum(['hall', 'online', 'speakers', 'committee']),
});
export const ListQuery = z.object({
  format: z.enum(['pdf', 'xlsx']).default('pdf'),
  /** hall list: everyone expected (a sheet to sign at the door) or only those who came. */
  only: z.enum(['present', 'all']).optional(),
});
