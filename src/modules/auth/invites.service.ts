import { createHash, randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, errors } from '../../errors.js';
import type { AuthUser, GlobalRole } from '../../http/types.js';
import { newId } from '../../shared/ids.js';
import { invitesRepository as repo } from './invites.repository.js';

const INVITE_DAYS = 7;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const InviteBody = z
  .object({
    email: z.string().trim().toLowerCase().email().max(200),
    name: z.string().trim().min(1).max(120),
    role: z.enum(['admin', 'organizer', 'moderator', 'checkin']),
  })
  .strict();

export const PasswordBody = z.object({ password: z.string().min(8).max(200) });

/** Organizers bring their own door staff and moderators; only administrators make organizers and admins. */
export function mayInvite(actor: AuthUser, role: GlobalRole): boolean {
  return (
    actor.role === 'admin' || (actor.role === 'organizer' && (role === 'moderator' || role === 'checkin'))
  );
}

const inviteUsed = () =>
  new AppError(410, 'invite_used', {
    id: 'Tautan ini sudah dipakai atau kedaluwarsa. Minta tautan baru kepada panitia.',
    en: 'This link was already used or has expired. Ask the organizers for a new one.',
  });

/**
 * Staff accounts made by an organizer: the account exists at once (so it can join an event's team),
 * and its owner sets the password through a personal one-time link, sent by WhatsApp or e-mail.
 */
export const invitesService = {
  async invite(db: Db, input: z.output<typeof InviteBody>, actor: AuthUser) {
    if (!mayInvite(actor, input.role)) throw errors.forbidden();
    const userId = newId();
    const token = randomBytes(24).toString('base64url');
    const now = Date.now();
    try {
      await repo.insertInvitedUser(
        db,
        {
          id: userId,
          email: input.email,
          name: input.name,
          // Nobody knows this password: the account is usable only once its owner sets one.
          password_hash: await hash(randomBytes(32).toString('base64url')),
          role: input.role,
          locale: 'id',
          created_at: now,
        },
        {
          token_hash: sha256(token),
          created_by: actor.id,
          created_at: now,
          expires_at: now + INVITE_DAYS * 86400_000,
        },
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.emailTaken();
      throw err;
    }
    return { userId, token };
  },

  find: (db: Db, token: string) => repo.find(db, sha256(token)),

  /** Sets the password once: the conditional update lets exactly one of two racing submissions through. */
  async accept(db: Db, token: string, password: string) {
    const row = await invitesService.find(db, token);
    const now = Date.now();
    if (!row || row.used_at !== null || row.expires_at < now) throw inviteUsed();
    const passwordHash = await hash(password);
    if (!(await repo.claim(db, sha256(token), now))) throw inviteUsed();
    await repo.setPassword(db, row.id, passwordHash);
    return { userId: row.id };
  },
};
