import { z } from 'zod';

export const GLOBAL_ROLES = ['admin', 'organizer', 'moderator', 'checkin'] as const;

export const NewUserSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(8).max(200),
  name: z.string().trim().min(1).max(120).optional(),
  role: z.enum(GLOBAL_ROLES).default('organizer'),
});
export type NewUser = z.input<typeof NewUserSchema>;

export const LoginBody = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});

export const InviteBody = z
  .object({
    email: z.string().trim().toLowerCase().email().max(200),
    name: z.string().trim().min(1).max(120),
    /** Least privilege unless asked: door staff. */
    role: z.enum(GLOBAL_ROLES).default('checkin'),
  })
  .strict();
export type InviteInput = z.output<typeof InviteBody>;

export const PasswordBody = z.object({ password: z.string().min(8).max(200) });

/** `?next=` after logging in: only a path on this site, never another host. */
export const NextQuery = z.object({ next: z.string().optional() });

/** A personal link's token (`/akun/:token`); longer values are cut, as before, rather than refused. */
export const TokenParam = z.object({ token: z.string().transform((s) => s.slice(0, 100)) });

/** Login is limited per address here and per account in auth.throttle.ts: slow enough to stop guessing. */
export const loginRateLimit = { max: 10, timeWindow: '1 minute' };
