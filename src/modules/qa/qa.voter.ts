import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, what } from '../../errors.js';
import { fullName } from '../../shared/names.js';
import type { QaService } from './qa.service.js';

const VOTER_COOKIE = 'aula_voter';

/**
 * Who is asking or voting: a ticket holder, or a browser known by a signed cookie (people in the hall with
 * just a name may ask; they vote with it only where the organizer opened participation).
 */
export interface Voter {
  key: string;
  registrationId: string | null;
  name: string | null;
}

/** The browser's own id from its signed cookie, or a new one (set on the reply). */
function browserId(req: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const known = cookieId(req);
  if (known) return known;
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

/** New voters one address may get per minute when participation is open (a hall behind one NAT shares it). */
export const NEW_VOTERS_PER_ADDRESS = { max: 20, windowMs: 60_000 };

type VotingQa = Pick<QaService, 'ticketHolder' | 'votingOpen' | 'isVoter' | 'takeVoterSlot' | 'addVoter'>;

/**
 * Who may vote on a question or answer a poll: one person, one vote. With a ticket code, its holder.
 * Without one, only when the organizer opened participation for the event, and then only a browser the
 * live page issued a voter cookie to (recorded per event): a request without either changes nothing.
 * Question votes, poll answers and their form posts all come through here.
 */
export async function resolveBallotVoter(
  qa: VotingQa,
  req: FastifyRequest,
  eventId: string,
  ticketCode: string | null | undefined,
): Promise<Voter> {
  if (ticketCode) return ticketVoter(qa, eventId, ticketCode);
  if (!(await qa.votingOpen(eventId))) throw errors.ticketRequired();
  const id = cookieId(req);
  if (!id || !(await qa.isVoter(eventId, id))) throw errors.voterRequired();
  return { key: `c:${id}`, registrationId: null, name: null };
}

/**
 * The live page of an event with open participation makes the browser a voter (its cookie, recorded
 * for the event). New voters per address are capped per minute, so reloading the page cannot mint
 * votes. Returns null when voting is not open or the cap is reached (the page then says so).
 */
export async function issueVoter(
  qa: VotingQa,
  req: FastifyRequest,
  reply: FastifyReply,
  eventId: string,
  secure: boolean,
): Promise<{ key: string } | { capped: true } | null> {
  if (!(await qa.votingOpen(eventId))) return null;
  const known = cookieId(req);
  if (known && (await qa.isVoter(eventId, known))) return { key: `c:${known}` };
  const minute = Math.floor(Date.now() / NEW_VOTERS_PER_ADDRESS.windowMs);
  if (!(await qa.takeVoterSlot(eventId, req.ip, minute, NEW_VOTERS_PER_ADDRESS.max))) return { capped: true };
  const id = browserId(req, reply, secure);
  await qa.addVoter(eventId, id, req.ip);
  return { key: `c:${id}` };
}

async function ticketVoter(
  qa: Pick<QaService, 'ticketHolder'>,
  eventId: string,
  ticketCode: string,
): Promise<Voter> {
  const t = await qa.ticketHolder(eventId, ticketCode);
  if (!t) throw errors.notFound(what.ticket);
  return {
    key: `t:${t.id}`,
    registrationId: t.id,
    name: fullName({ frontTitles: t.front_titles, name: t.name, backTitles: t.back_titles }),
  };
}

function cookieId(req: FastifyRequest): string | null {
  const raw = req.cookies[VOTER_COOKIE];
  if (!raw) return null;
  const u = req.unsignCookie(raw);
  return u.valid && u.value && /^[A-Za-z0-9_-]{16,40}$/.test(u.value) ? u.value : null;
}

/**
 * Resolves the asker: with a ticket code, the registration (which must belong to this event and not be
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
  if (ticketCode) return ticketVoter(qa, eventId, ticketCode);
  return { key: `c:${browserId(req, reply, secure)}`, registrationId: null, name: null };
}
