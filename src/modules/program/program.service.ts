import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { errors, what } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import { fullName } from '../../shared/names.js';
import { isoInZone } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import { recordedPresence } from './program.presence.js';
import { presenceRepository } from './program.presence.repository.js';
import { type AgendaRow, type PersonRow, programRepository as repo } from './program.repository.js';
import type {
  AgendaBody,
  AgendaOut,
  AgendaPatch,
  PersonBody,
  PersonOut,
  PersonPatch,
} from './program.schemas.js';

export const presentPerson = (p: PersonRow): z.infer<typeof PersonOut> => ({
  id: p.id,
  frontTitles: p.front_titles,
  name: p.name,
  backTitles: p.back_titles,
  fullName: fullName({ frontTitles: p.front_titles, name: p.name, backTitles: p.back_titles }),
  position: p.position,
  institution: p.institution,
  role: p.role as z.infer<typeof PersonOut>['role'],
  presence: p.presence,
  sort: p.sort,
});

export function createProgramService(ctx: AppContext) {
  const { db, bus } = ctx;
  // Public pages cache an event's programme; a change must reach them (and other nodes) at once.
  const changed = (event: EventRow) => bus.emit('event.updated', { eventId: event.id, actorId: null });

  async function assertPeople(eventId: string, ids: string[]) {
    const people = await repo.listPeople(db, eventId);
    const known = new Set(people.map((p) => p.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) {
      throw errors.validation({
        id: `personIds: orang ${unknown.join(', ')} tidak ada di acara ini. Tambahkan dulu lewat /people.`,
        en: `personIds: person ${unknown.join(', ')} is not part of this event. Add them through /people first.`,
      });
    }
  }

  const service = {
    listPeople: async (event: EventRow) => (await repo.listPeople(db, event.id)).map(presentPerson),

    /**
     * Records that a programme person is here: joined through their personal link (online) or checked
     * in at the door (onsite). Every record is kept; `attended` counts those inside the event's window.
     */
    async recordPresence(event: EventRow, personId: string, mode: 'online' | 'onsite') {
      const p = await repo.findPerson(db, event.id, personId);
      if (!p) throw errors.notFound(what.person);
      await presenceRepository.record(db, {
        id: newId(),
        event_id: event.id,
        person_id: p.id,
        mode,
        joined_at: Date.now(),
      });
      return p;
    },

    /**
     * The door's search finds the programme's people too (a speaker arriving at the hall has no ticket):
     * name matches, with their hall check-in if one was recorded. The door checks them in by `personId`.
     */
    async doorSearch(event: EventRow, q: string) {
      const needle = q.trim().toLocaleLowerCase('id');
      if (needle.length < 2) return [];
      const people = (await repo.listPeople(db, event.id))
        .map(presentPerson)
        .filter((p) => p.fullName.toLocaleLowerCase('id').includes(needle))
        .slice(0, 5);
      const seen = people.length ? await recordedPresence(db, event) : new Map();
      return people.map((p) => {
        const a = seen.get(p.id);
        return {
          id: p.id,
          personId: p.id,
          name: p.fullName,
          institution: [p.position, p.institution].filter(Boolean).join(', ') || null,
          mode: p.presence,
          seat: null,
          status: 'confirmed',
          phone4: null,
          checkedInAt: a?.mode === 'onsite' ? a.at : null,
          checkedInBy: null,
        };
      });
    },

    /** Each person's recorded presence inside the event's window (absent: nothing recorded). */
    attended: (event: EventRow) => recordedPresence(db, event),

    /** The event's people as stored, in their order (for pages, certificates and reports). */
    peopleRows: (eventId: string) => repo.listPeople(db, eventId),
    findPerson: (eventId: string, personId: string) => repo.findPerson(db, eventId, personId),
    /** The rundown as stored, by start time. */
    agendaRows: (eventId: string) => repo.listAgenda(db, eventId),
    findAgendaItem: (eventId: string, itemId: string) => repo.findAgendaItem(db, eventId, itemId),
    /** Who appears in which rundown items, in their order within each item. */
    agendaLinks: (itemIds: string[]) => repo.agendaPeople(db, itemIds),

    async addPerson(event: EventRow, input: z.output<typeof PersonBody>) {
      const row: PersonRow = {
        id: newId(),
        event_id: event.id,
        front_titles: input.frontTitles,
        name: input.name,
        back_titles: input.backTitles,
        position: input.position,
        institution: input.institution,
        role: input.role,
        presence: input.presence,
        email: input.email ?? null,
        sort: input.sort ?? (await repo.countPeople(db, event.id)),
        created_at: Date.now(),
      };
      await repo.insertPerson(db, row);
      await changed(event);
      return presentPerson(row);
    },

    async updatePerson(event: EventRow, personId: string, input: z.output<typeof PersonPatch>) {
      const p = await repo.findPerson(db, event.id, personId);
      if (!p) throw errors.notFound(what.person);
      await repo.updatePerson(db, p.id, {
        ...(input.frontTitles !== undefined ? { front_titles: input.frontTitles } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.backTitles !== undefined ? { back_titles: input.backTitles } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.institution !== undefined ? { institution: input.institution } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.presence !== undefined ? { presence: input.presence } : {}),
        ...(input.email !== undefined ? { email: input.email ?? null } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
      });
      await changed(event);
      return presentPerson((await repo.findPerson(db, event.id, personId))!);
    },

    async removePerson(event: EventRow, personId: string) {
      const p = await repo.findPerson(db, event.id, personId);
      if (!p) throw errors.notFound(what.person);
      await repo.deletePerson(db, p.id);
      await changed(event);
    },

    async listAgenda(event: EventRow): Promise<z.infer<typeof AgendaOut>[]> {
      const [items, people] = await Promise.all([
        repo.listAgenda(db, event.id),
        repo.listPeople(db, event.id),
      ]);
      const links = await repo.agendaPeople(
        db,
        items.map((i) => i.id),
      );
      return items.map((i) => service.presentAgendaItem(event, i, links, people));
    },

    presentAgendaItem(
      event: EventRow,
      i: AgendaRow,
      links: { agenda_item_id: string; person_id: string }[],
      people: PersonRow[],
    ): z.infer<typeof AgendaOut> {
      const ids = links.filter((l) => l.agenda_item_id === i.id).map((l) => l.person_id);
      return {
        id: i.id,
        startsAt: isoInZone(i.starts_at, event.timezone),
        endsAt: i.ends_at ? isoInZone(i.ends_at, event.timezone) : null,
        kind: i.kind as z.infer<typeof AgendaOut>['kind'],
        title: i.title,
        notes: i.notes,
        personIds: ids,
        people: ids
          .map((id) => people.find((p) => p.id === id))
          .filter((p): p is PersonRow => !!p)
          .map((p) => ({ id: p.id, fullName: presentPerson(p).fullName, presence: p.presence })),
      };
    },

    async addAgendaItem(event: EventRow, input: z.output<typeof AgendaBody>) {
      await assertPeople(event.id, input.personIds);
      const row: AgendaRow = {
        id: newId(),
        event_id: event.id,
        starts_at: input.startsAt,
        ends_at: input.endsAt ?? null,
        kind: input.kind,
        title: input.title,
        notes: input.notes,
        created_at: Date.now(),
      };
      await repo.saveAgendaItem(db, row, input.personIds, true);
      await changed(event);
      return (await service.listAgenda(event)).find((i) => i.id === row.id)!;
    },

    async updateAgendaItem(event: EventRow, itemId: string, input: z.output<typeof AgendaPatch>) {
      const item = await repo.findAgendaItem(db, event.id, itemId);
      if (!item) throw errors.notFound(what.agendaItem);
      if (input.personIds) await assertPeople(event.id, input.personIds);
      const startsAt = input.startsAt ?? item.starts_at;
      const endsAt = input.endsAt === undefined ? item.ends_at : input.endsAt;
      if (endsAt != null && endsAt <= startsAt) {
        throw errors.validation({
          id: 'Waktu selesai harus setelah waktu mulai.',
          en: 'The end must be after the start.',
        });
      }
      await repo.saveAgendaItem(
        db,
        {
          id: item.id,
          event_id: item.event_id,
          created_at: item.created_at,
          ...(input.startsAt !== undefined ? { starts_at: input.startsAt } : {}),
          ...(input.endsAt !== undefined ? { ends_at: input.endsAt ?? null } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
        } as AgendaRow,
        input.personIds,
        false,
      );
      await changed(event);
      return (await service.listAgenda(event)).find((i) => i.id === item.id)!;
    },

    async removeAgendaItem(event: EventRow, itemId: string) {
      const item = await repo.findAgendaItem(db, event.id, itemId);
      if (!item) throw errors.notFound(what.agendaItem);
      await repo.deleteAgendaItem(db, item.id);
      await changed(event);
    },
  };
  return service;
}

export type ProgramService = ReturnType<typeof createProgramService>;
