import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import { authRepository as repo } from './auth.repository.js';
import { type NewUser, NewUserSchema } from './auth.schemas.js';
import { createLoginThrottle } from './auth.throttle.js';

const SESSION_DAYS = 14;
const SETUP_KEY = 'setup_token_hash';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * Accounts, password login, sessions, API tokens and the first-run setup token. Built once in
 * src/services.ts (`ctx.services.auth`); the HTTP side (cookies) is in auth.session.ts.
 */
export function createAuthService(ctx: Pick<AppContext, 'db' | 'bus' | 'config'>) {
  const { db } = ctx;
  const throttle = createLoginThrottle(ctx);
  // A fixed hash to verify against when the e-mail is unknown, so timing does not reveal which e-mails exist.
  let dummyHash: Promise<string> | null = null;

  async function createUser(input: NewUser) {
    const u = NewUserSchema.parse(input);
    const id = newId();
    try {
      await repo.insertUser(db, {
        id,
        email: u.email,
        name: u.name ?? u.email.split('@')[0]!,
        password_hash: await hash(u.password),
        role: u.role,
        locale: 'id',
        created_at: Date.now(),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.emailTaken();
      throw err;
    }
    return { id, email: u.email, role: u.role };
  }

  async function checkSetupToken(token: string | undefined): Promise<boolean> {
    if (!token || (await repo.countUsers(db)) > 0) return false;
    const stored = await repo.getSetting(db, SETUP_KEY);
    if (!stored) return false;
    const a = Buffer.from(stored);
    const b = Buffer.from(sha256(token));
    return a.length === b.length && timingSafeEqual(a, b);
  }

  return {
    createUser,

    /** Checks a login (API and form alike), counting failures per account (auth.throttle.ts). */
    async checkPassword(email: string, password: string) {
      const wait = await throttle.blockedFor(email);
      if (wait > 0) throw errors.tooManyLogins(Math.ceil(wait / 60));
      const user = await repo.findUserByEmail(db, email.trim().toLowerCase());
      if (!user) {
        dummyHash ??= hash('not-a-real-password');
        await verify(await dummyHash, password).catch(() => false);
        await throttle.failed(email);
        throw errors.badCredentials();
      }
      const ok = await verify(user.password_hash, password).catch(() => false);
      if (!ok) {
        await throttle.failed(email);
        throw errors.badCredentials();
      }
      await throttle.succeeded(email);
      return user;
    },

    async createSession(userId: string) {
      const token = secret();
      const csrf = secret(18);
      const now = Date.now();
      await repo.deleteExpiredSessions(db, now);
      await repo.insertSession(db, {
        id_hash: sha256(token),
        user_id: userId,
        csrf_token: csrf,
        created_at: now,
        expires_at: now + SESSION_DAYS * 86400_000,
      });
      return { token, csrf, maxAge: SESSION_DAYS * 86400 };
    },

    resolveSession: (token: string) => repo.findSession(db, sha256(token), Date.now()),

    endSession: (token: string) => repo.deleteSession(db, sha256(token)),

    async createApiToken(email: string, name = 'cli') {
      const user = await repo.findUserByEmail(db, email.trim().toLowerCase());
      if (!user) throw errors.notFound(what.user);
      const token = `aula_${secret()}`;
      await repo.insertToken(db, {
        id: newId(),
        user_id: user.id,
        token_hash: sha256(token),
        name,
        created_at: Date.now(),
      });
      return token;
    },

    resolveApiToken: (token: string) => repo.findToken(db, sha256(token)),

    listUsers: () => repo.listUsers(db),

    /** On an empty database, makes a one-time setup token (only its hash is stored). */
    async ensureSetupToken(): Promise<string | null> {
      if ((await repo.countUsers(db)) > 0) return null;
      const token = secret(24);
      await repo.setSetting(db, SETUP_KEY, sha256(token));
      return token;
    },

    checkSetupToken,

    /** Creates the first administrator; the setup token dies with it. */
    async completeSetup(token: string | undefined, input: NewUser) {
      if (!(await checkSetupToken(token))) throw errors.setupDone();
      const user = await createUser({ ...input, role: 'admin' });
      await repo.deleteSetting(db, SETUP_KEY);
      return user;
    },

    csrfMatches(expected: string | null, given: unknown): boolean {
      if (!expected || typeof given !== 'string' || given.length !== expected.length) return false;
      return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
