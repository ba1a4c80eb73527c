import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import { eventGraphRepository, eventsRepository } from '../events/index.js';
import { type OrganizationRow, orgsRepository } from '../orgs/index.js';
import { at, DEMO_AGENDA, DEMO_EVENT, DEMO_ORGS, DEMO_PEOPLE, DEMO_SLUG, DEMO_TZ } from './demo.data.js';
import { demoRepository } from './demo.repository.js';

export { DEMO_SLUG };

async function ensureOrg(
  db: Db,
  o: { slug: string; name: string; short_name: string | null; description: string | null },
  ownerId: string | null,
): Promise<OrganizationRow> {
  const found = await orgsRepository.findBySlug(db, o.slug);
  if (found) return found;
  const row: OrganizationRow = {
    id: newId(),
    ...o,
    website: null,
    logo_path: null,
    created_by: ownerId,
    created_at: Date.now(),
  };
  try {
    await orgsRepository.insert(db, row);
    return row;
  } catch (err) {
    // Two loads at once: the other one created it.
    if (isUniqueViolation(err)) return (await orgsRepository.findBySlug(db, o.slug))!;
    throw err;
  }
}

/**
 * Builds the seed seminar as a published demo event. Idempotent: the slug is fixed, so a second run
 * finds the event and only makes sure the given owner can organize it.
 */
export async function loadDemo(db: Db, opts: { ownerEmail: string | null }): Promise<{ slug: string }> {
  const owner = opts.ownerEmail ? await demoRepository.userByEmail(db, opts.ownerEmail) : null;
  if (opts.ownerEmail && !owner) throw errors.teamUserUnknown(opts.ownerEmail);
  const ownerId = owner?.id ?? null;

  const existing = await eventsRepository.findByIdOrSlug(db, DEMO_SLUG);
  if (existing) {
    if (
      ownerId &&
      existing.created_by !== ownerId &&
      !(await eventsRepository.teamRole(db, existing.id, ownerId))
    ) {
      await eventsRepository.upsertTeamMember(db, existing.id, ownerId, 'organizer');
    }
    return { slug: DEMO_SLUG };
  }

  const ownerOrg = await ensureOrg(db, DEMO_ORGS.owner, ownerId);
  const partners = [];
  for (const p of DEMO_ORGS.partners) partners.push(await ensureOrg(db, p, ownerId));

  const now = Date.now();
  const eventId = newId();
  const personIds = new Map(DEMO_PEOPLE.map((p) => [p.key, newId()]));
  const agenda = DEMO_AGENDA.map((a) => ({ ...a, id: newId() }));
  try {
    await eventGraphRepository.insert(db, {
      event: {
        id: eventId,
        slug: DEMO_SLUG,
        org_id: ownerOrg.id,
        series: DEMO_EVENT.series,
        title: DEMO_EVENT.title,
        theme: DEMO_EVENT.theme,
        summary: DEMO_EVENT.summary,
        description: DEMO_EVENT.description,
        starts_at: DEMO_EVENT.starts_at,
        ends_at: DEMO_EVENT.ends_at,
        timezone: DEMO_TZ,
        venue_name: DEMO_EVENT.venue_name,
        venue_address: DEMO_EVENT.venue_address,
        venue_map_url: null,
        venue_capacity: DEMO_EVENT.venue_capacity,
        online_platform: DEMO_EVENT.online_platform,
        online_join_url: DEMO_EVENT.online_join_url,
        online_stream_url: null,
        online_capacity: null,
        banner_path: null,
        status: 'published',
        created_by: ownerId,
        created_at: now,
        updated_at: now,
      },
      partnerOrgIds: partners.map((p) => p.id),
      team: [],
      people: DEMO_PEOPLE.map(({ key, ...p }, sort) => ({
        ...p,
        id: personIds.get(key)!,
        event_id: eventId,
        email: null,
        sort,
        created_at: now,
      })),
      agenda: agenda.map((a) => ({
        id: a.id,
        event_id: eventId,
        starts_at: at(a.from),
        ends_at: at(a.to),
        kind: a.kind,
        title: a.title,
        notes: a.notes ?? null,
        created_at: now,
      })),
      agendaPeople: agenda.flatMap((a) =>
        a.people.map((key, position) => ({ agenda_item_id: a.id, person_id: personIds.get(key)!, position })),
      ),
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another load won the race: take the "already there" path (which gives this owner access).
    return loadDemo(db, opts);
  }
  return { slug: DEMO_SLUG };
}
