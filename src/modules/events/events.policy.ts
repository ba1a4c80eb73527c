import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, eventsRepository as repo } from './events.repository.js';

/**
 * What a caller may do with one event:
 * - view: anyone for a published event; the team for a draft
 * - organize: admins, the creator and team organizers
 * - moderate: organizers and team moderators (Q&A, stage)
 * - checkin: organizers and team check-in staff (the door)
 */
export type EventAction = 'view' | 'organize' | 'moderate' | 'checkin';

export type EventRole = 'organizer' | 'moderator' | 'checkin';

export async function eventRoleOf(db: Db, event: EventRow, user: AuthUser | null): Promise<EventRole | null> {
  if (!user) return null;
  if (user.role === 'admin' || event.created_by === user.id) return 'organizer';
  return repo.teamRole(db, event.id, user.id);
}

/** The caller's role on each of many events, with one query for the team rows (lists, not one query per event). */
export async function eventRolesOf(
  db: Db,
  events: EventRow[],
  user: AuthUser | null,
): Promise<Map<string, EventRole | null>> {
  const roles = new Map<string, EventRole | null>();
  if (!user) return roles;
  const needTeam: string[] = [];
  for (const e of events) {
    if (user.role === 'admin' || e.created_by === user.id) roles.set(e.id, 'organizer');
    else needTeam.push(e.id);
  }
  const team = await repo.teamRoles(db, needTeam, user.id);
  for (const id of needTeam) roles.set(id, team.get(id) ?? null);
  return roles;
}

/** Whether a caller with `role` on the event may do `action`; the rules without any query. */
export function allows(event: EventRow, role: EventRole | null, action: EventAction): boolean {
  if (action === 'view' && event.status === 'published') return true;
  if (!role) return false;
  if (role === 'organizer') return true;
  if (action === 'view') return true;
  return role === (action === 'moderate' ? 'moderator' : action === 'checkin' ? 'checkin' : '');
}

export async function can(
  db: Db,
  event: EventRow,
  user: AuthUser | null,
  action: EventAction,
): Promise<boolean> {
  if (action === 'view' && event.status === 'published') return true;
  return allows(event, await eventRoleOf(db, event, user), action);
}

/**
 * Loads the event by id or slug and checks the caller may do `action` on it. A draft the caller
 * may not see is reported as not found, so drafts' existence is not revealed.
 */
export async function loadEventFor(
  req: FastifyRequest,
  db: Db,
  idOrSlug: string,
  action: EventAction,
): Promise<EventRow> {
  const event = await repo.findByIdOrSlug(db, idOrSlug);
  if (!event) throw errors.notFound(what.event);
  if (await can(db, event, req.user, action)) return event;
  if (!(await can(db, event, req.user, 'view'))) {
    if (!req.user && req.csrfFailed) throw errors.csrf();
    throw errors.notFound(what.event);
  }
  requireUser(req);
  throw errors.forbidden();
}
