import type { AppContext } from '../context.js';
import type { Locale } from '../i18n/index.js';

export type GlobalRole = 'admin' | 'organizer' | 'moderator' | 'checkin';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: GlobalRole;
  /** How the request authenticated: cookie sessions need CSRF tokens, bearer tokens do not. */
  via: 'session' | 'token';
  csrf: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    locale: Locale;
    user: AuthUser | null;
  }
}
