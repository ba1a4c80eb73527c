import { z } from 'zod';
import { optText } from '../../http/validation.js';
import { City, HttpUrl, Slug } from '../events/index.js';

export const OrgBody = z
  .object({
    name: z.string().trim().min(2).max(300),
    shortName: optText(80),
    slug: Slug.optional(),
    website: HttpUrl.nullish().or(z.literal('').transform(() => null)),
    description: optText(2000),
    /** Kota/Kabupaten its events sign in unless an event sets its own. */
    city: City,
  })
  .strict();
export type OrgInput = z.output<typeof OrgBody>;

export const OrgPatch = OrgBody.partial().strict();
export type OrgPatchInput = z.output<typeof OrgPatch>;

export const OrgOut = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  city: z.string().nullable(),
  logoUrl: z.string().nullable(),
  url: z.string(),
});
export type OrgDto = z.infer<typeof OrgOut>;

export const OrgParams = z.object({ id: z.string().min(1).max(80) });

const ORG_ROLES = ['owner', 'organizer'] as const;

const MemberOut = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ORG_ROLES),
});
export const MembersOut = z.object({ members: z.array(MemberOut) });

export const MemberPut = z
  .object({ email: z.string().trim().toLowerCase().email().max(200), role: z.enum(ORG_ROLES) })
  .strict();

export const MemberParams = z.object({ id: z.string().min(1).max(80), userId: z.string().min(1).max(80) });
