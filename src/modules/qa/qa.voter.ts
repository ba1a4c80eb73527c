import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, what } from '../../errors.js';
import { fullName } from '../../shared/names.js';
import type { QaService } from './qa.service.js';

const VOTER_COOKIE = 'aula_voter';

/** Who is asking or voting: a ticket holder, or a browser known by a signed cookie (people in the hall with just a name). */
export interface Voter {
  key: string;
  registrationId: string | null;
  name: string | null;
}

/** The voter key this request already has (ticket first, then a valid cookie), without setting anything. */
export function peekVoterKey(req: FastifyRequest, registrationId: string | null): string | null {
  if (registrationId) return `t:${registrationId}`;
  const raw = req.cookies[VOTER_COOKIE];
  if (!raw) return null;
  const u = req.unsignCookie(raw);
  return u.valid && u.value ? `c:${u.value}` : null;
}

/** The browser's own id from its signed cookie, or a new one (set on the reply). */
function browserId(req: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const raw = req.cookies[VOTER_COOKIE];
  if (raw) {
    const u = req.unsignCookie(raw);
    if (u.valid && u.value && /^[A-Za-z0-9_-]{16,40}$/.test(u.value)) return u.value;
  }
  const id = randomBytes(16).toString('base64url');
  reply.setCookie(VOTER_COOKIE, id, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
  });
  return id;
}

/**
 * Resolves the voter: with a ticket code, the registration (which must belong to this event and not be
 * cancelled) — the same person on any device; otherwise the browser cookie.
 */
export async function resolveVoter(
  qa: Pick<QaService, 'ticketHolder'>,
  req: FastifyRequest,
  reply: FastifyReply,
  eventId: string,
  ticketCode: string | null | undefined,
  secure: boolean,
): Promise<Voter> {
  if (ticketCode) {
    const t = await qa.ticketHolder(eventId, ticketCode);
    if (!t) throw errors.notFound(what.ticket);
    return {
      key: `t:${t.id}`,
      registrationId: t.id,
      name: fullName({ frontTitles: t.front_titles, name: t.name, backTitles: t.back_titles }),
    };
  }
  return { key: `c:${browserId(req, reply, secure)}`, registrationId: null, name: null };
}
