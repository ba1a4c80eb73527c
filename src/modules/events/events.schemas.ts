import { z } from 'zod';
import { bilingual, optText } from '../../http/validation.js';
import { isValidTimeZone } from '../../shared/time.js';
import { City } from './events.city.js';

export const PLATFORMS = ['zoom', 'meet', 'jitsi', 'youtube', 'bbb', 'other'] as const;
export const PERSON_ROLES = ['speaker', 'moderator', 'mc', 'official', 'committee'] as const;
export const PRESENCES = ['onsite', 'online'] as const;
export const AGENDA_KINDS = [
  'opening',
  'remarks',
  'talk',
  'video',
  'qa',
  'break',
  'closing',
  'other',
] as const;
export const TEAM_ROLES = ['organizer', 'moderator', 'checkin'] as const;

export const HttpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: bilingual({ id: 'harus alamat web http(s)://…', en: 'must be a web address http(s)://…' }) },
  );

/** ISO 8601 instant; an offset is required so "09:00" is never silently read in the server's zone. */
export const Instant = z
  .string()
  .trim()
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
      !Number.isNaN(Date.parse(v)),
    {
      message: bilingual({
        id: 'harus waktu ISO 8601 dengan zona, mis. 2021-12-30T09:00:00+07:00',
        en: 'must be an ISO 8601 time with offset, e.g. 2021-12-30T09:00:00+07:00',
      }),
    },
  )
  .transform((v) => Date.parse(v));

export const TimeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, {
    message: bilingual({
      id: 'zona waktu tidak dikenal (contoh: Asia/Jakarta)',
      en: 'unknown time zone (e.g. Asia/Jakarta)',
    }),
  });

export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: bilingual({
      id: 'hanya huruf kecil, angka dan tanda hubung',
      en: 'only lower-case letters, digits and hyphens',
    }),
  });

const text = (max: number) => z.string().trim().max(max);

const VenueInput = z.object({
  name: text(200).min(1),
  address: optText(500),
  mapUrl: HttpUrl.nullish(),
  capacity: z.number().int().min(1).max(100000).nullish(),
});

const OnlineInput = z.object({
  platform: z.enum(PLATFORMS),
  joinUrl: HttpUrl,
  streamUrl: HttpUrl.nullish(),
});

const endAfterStart = {
  message: bilingual({
    id: 'waktu selesai harus setelah waktu mulai',
    en: 'the end must be after the start',
  }),
  path: ['endsAt'],
};

const EventFields = {
  title: text(200).min(3),
  slug: Slug.optional(),
  theme: optText(300),
  summary: optText(500),
  description: optText(10000),
  startsAt: Instant,
  endsAt: Instant,
  timezone: TimeZone.default('Asia/Jakarta'),
  venue: VenueInput.nullish(),
  online: OnlineInput.nullish(),
  onlineCapacity: z.number().int().min(1).max(1000000).nullish(),
  orgId: z.string().trim().min(1).max(40).nullish(),
  series: optText(120),
  /** Kota/Kabupaten of the signature lines; the organization's when blank. */
  city: City,
};

export const CreateEventBody = z
  .object(EventFields)
  .strict()
  .refine((e) => e.endsAt > e.startsAt, endAfterStart);
export type CreateEventInput = z.output<typeof CreateEventBody>;

export const UpdateEventBody = z
  .object(EventFields)
  .partial()
  .extend({
    /** A new start moves the rundown, attendance codes and stage timer with it unless this is false. */
    moveSchedule: z.boolean().optional(),
  })
  .strict()
  .refine((e) => e.startsAt === undefined || e.endsAt === undefined || e.endsAt > e.startsAt, endAfterStart);
export type UpdateEventInput = z.output<typeof UpdateEventBody>;

export const IdParams = z.object({ id: z.string().min(1).max(80) });

export const EventOut = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  theme: z.string().nullable(),
  summary: z.string().nullable(),
  description: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  timezone: z.string(),
  status: z.enum(['draft', 'published']),
  venue: z
    .object({
      name: z.string(),
      address: z.string().nullable(),
      mapUrl: z.string().nullable(),
      capacity: z.number().nullable(),
    })
    .nullable(),
  online: z
    .object({ platform: z.string(), joinUrl: z.string().optional(), streamUrl: z.string().nullable() })
    .nullable(),
  onlineCapacity: z.number().nullable(),
  series: z.string().nullable(),
  city: z.string().nullable(),
  org: z
    .object({ id: z.string(), slug: z.string(), name: z.string(), logoUrl: z.string().nullable() })
    .nullable(),
  partners: z.array(
    z.object({ id: z.string(), slug: z.string(), name: z.string(), logoUrl: z.string().nullable() }),
  ),
  bannerUrl: z.string().nullable(),
  url: z.string(),
});
export type EventDto = z.infer<typeof EventOut>;
