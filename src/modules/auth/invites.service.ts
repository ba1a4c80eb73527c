import { hash } from '@node-rs/argon2';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { errors } from '../../errors.js';
import type { AuthUser, GlobalRole } from '../../http/types.js';
import { newId } from '../../shared/ids.js';
import type { InviteInput } from './auth.schemas.js';
import { secret, sha256 } from './auth.service.js';
import { invitesRepository as repo } from './invites.repository.js';

const INVITE_DAYS = 7;

/** Organizers bring their own door staff and moderators; only administrators make organizers and admins. */
export function mayInvite(actor: AuthUser, role: GlobalRole): boolean {
  return (
    actor.role === 'admin' || (actor.role === 'organizer' && (role === 'moderator' || role === 'checkin'))
  );
}

/** The message with a personal link, for WhatsApp and e-mail. */
export const inviteText = (url: string) => ({
  id: `Anda ditambahkan sebagai panitia di Aula. Buat kata sandi Anda di: ${url}`,
  en: `You were added to the team on Aula. Set your password here: ${url}`,
});

/**
 * Staff accounts made by an organizer: the account exists at once (so it can join an event's team),
 * and its owner sets the password through a personal one-time link, sent by WhatsApp or e-mail.
 */
export function createInvitesService({ db, config, mailer, log }: AppContext) {
  const find = (token: string) => repo.find(db, sha256(token));

  async function createAccount(input: InviteInput, actor: AuthUser) {
    if (!mayInvite(actor, input.role)) throw errors.forbidden();
    const userId = newId();
    const token = secret(24);
    const now = Date.now();
    // Nobody knows this password: the account is usable only once its owner sets one.
    const passwordHash = await hash(secret());
    try {
      // The account and its invitation together: never an account nobody can reach.
      await inTransaction(db, async (trx) => {
        await repo.insertUser(trx, {
          id: userId,
          email: input.email,
          name: input.name,
          password_hash: passwordHash,
          role: input.role,
          locale: 'id',
          created_at: now,
        });
        await repo.insertInvite(trx, {
          user_id: userId,
          token_hash: sha256(token),
          created_by: actor.id,
          created_at: now,
          expires_at: now + INVITE_DAYS * 86400_000,
          used_at: null,
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.emailTaken();
      throw err;
    }
    return { userId, token };
  }

  return {
    /** Makes the account and its link, and e-mails the link when mail is set up. */
    async invite(input: InviteInput, actor: AuthUser) {
      const { userId, token } = await createAccount(input, actor);
      const url = `${config.publicUrl}/akun/${token}`;
      let mailed = false;
      if (mailer.enabled) {
        try {
          await mailer.send({
            to: input.email,
            subject: 'Aula: buat kata sandi / set your password',
            text: `${inviteText(url).id}\n\n${inviteText(url).en}\n`,
          });
          mailed = true;
        } catch (err) {
          log.warn({ err }, 'invite e-mail failed');
        }
      }
      return { userId, url, mailed };
    },

    find,

    /** Sets the password once: the conditional update lets exactly one of two racing submissions through. */
    async accept(token: string, password: string) {
      const row = await find(token);
      const now = Date.now();
      if (!row || row.used_at !== null || row.expires_at < now) throw errors.inviteUsed();
      const passwordHash = await hash(password);
      if (!(await repo.claim(db, sha256(token), now))) throw errors.inviteUsed();
      await repo.setPassword(db, row.id, passwordHash);
      return { userId: row.id };
    },
  };
}

export type InvitesService = ReturnType<typeof createInvitesService>;
