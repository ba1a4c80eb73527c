import { z } from 'zod';
import { bilingual, optText } from '../../http/validation.js';
import { AGENDA_KINDS, Instant, PERSON_ROLES, PRESENCES } from '../events/index.js';

/** Titles are kept exactly as typed (only trimmed): "S.St.Pi., M.M" stays "S.St.Pi., M.M". */
export const PersonBody = z
  .object({
    frontTitles: optText(100),
    name: z.string().trim().min(1).max(150),
    backTitles: optText(150),
    position: optText(300),
    institution: optText(300),
    role: z.enum(PERSON_ROLES),
    presence: z.enum(PRESENCES),
    email: z.string().trim().toLowerCase().email().max(200).nullish(),
    sort: z.number().int().min(0).max(10000).optional(),
  })
  .strict();
export const PersonPatch = PersonBody.partial().strict();

export const PersonOut = z.object({
  id: z.string(),
  frontTitles: z.string().nullable(),
  name: z.string(),
  backTitles: z.string().nullable(),
  fullName: z.string(),
  position: z.string().nullable(),
  institution: z.string().nullable(),
  role: z.enum(PERSON_ROLES),
  presence: z.enum(PRESENCES),
  sort: z.number(),
  /** Organizers only: the personal join link (people present online; null for the hall). */
  joinLink: z.string().nullable().optional(),
  /** Organizers only: what was recorded (an online join or a hall check-in inside the event's window). */
  attended: z
    .object({ mode: z.enum(['online', 'onsite']), at: z.string() })
    .nullable()
    .optional(),
});

const endAfterStart = {
  message: bilingual({
    id: 'waktu selesai harus setelah waktu mulai',
    en: 'the end must be after the start',
  }),
  path: ['endsAt'],
};

const AgendaFields = z.object({
  startsAt: Instant,
  endsAt: Instant.nullish(),
  kind: z.enum(AGENDA_KINDS),
  title: z.string().trim().min(1).max(300),
  notes: optText(5000),
  personIds: z.array(z.string().max(40)).max(20),
});

export const AgendaBody = AgendaFields.extend({ personIds: AgendaFields.shape.personIds.default([]) })
  .strict()
  .refine((a) => a.endsAt == null || a.endsAt > a.startsAt, endAfterStart);

export const AgendaPatch = AgendaFields.partial().strict();

export const AgendaOut = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  kind: z.enum(AGENDA_KINDS),
  title: z.string(),
  notes: z.string().nullable(),
  personIds: z.array(z.string()),
  people: z.array(z.object({ id: z.string(), fullName: z.string(), presence: z.enum(PRESENCES) })),
});

export const ItemParams = z.object({ id: z.string().min(1).max(80), itemId: z.string().min(1).max(40) });
