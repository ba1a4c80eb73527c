import { z } from 'zod';
import { bilingual } from '../../http/validation.js';
import { Instant, Slug, TEAM_ROLES, TimeZone } from './events.schemas.js';

export const PartnersBody = z
  .object({
    orgIds: z.array(z.string().trim().min(1).max(40)).max(20),
  })
  .strict();

export const PartnersOut = z.object({
  partners: z.array(
    z.object({ id: z.string(), slug: z.string(), name: z.string(), logoUrl: z.string().nullable() }),
  ),
});

const TeamMemberOut = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(TEAM_ROLES),
  /** The creator is always an organizer of the event and cannot be removed. */
  isCreator: z.boolean(),
});
export const TeamOut = z.object({ team: z.array(TeamMemberOut) });

export const TeamPutBody = z
  .object({
    email: z.string().trim().toLowerCase().email().max(200),
    role: z.enum(TEAM_ROLES),
  })
  .strict();

export const TeamDeleteQuery = z
  .object({
    userId: z.string().trim().min(1).max(40).optional(),
    email: z.string().trim().toLowerCase().email().max(200).optional(),
  })
  .refine((q) => !!q.userId || !!q.email, {
    message: bilingual({ id: 'sebutkan userId atau email', en: 'give userId or email' }),
    path: ['userId'],
  });

export const DuplicateBody = z
  .object({
    title: z.string().trim().min(3).max(200).optional(),
    slug: Slug.optional(),
    startsAt: Instant,
    endsAt: Instant,
    timezone: TimeZone.optional(),
  })
  .strict()
  .refine((d) => d.endsAt > d.startsAt, {
    message: bilingual({
      id: 'waktu selesai harus setelah waktu mulai',
      en: 'the end must be after the start',
    }),
    path: ['endsAt'],
  });
export type DuplicateInput = z.output<typeof DuplicateBody>;
