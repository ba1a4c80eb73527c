import type { FastifyInstance } from 'fastify';
import { errors, what } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import { toLocalInput } from '../../shared/time.js';
import { type FormValues, list, str } from '../../web/forms.js';
import { AgendaBody, AgendaPatch } from '../program/index.js';
import { localToIso } from './console.event-form.js';
import { programmeListRoutes } from './console.items.js';
import { AgendaForm, RundownList } from './console.rundown.view.js';
import { C } from './console.text.js';

function agendaInput(v: FormValues, tz: string) {
  const end = str(v, 'endsAt').trim();
  return {
    startsAt: localToIso(str(v, 'startsAt'), tz, 'startsAt'),
    endsAt: end ? localToIso(end, tz, 'endsAt') : null,
    kind: str(v, 'kind'),
    title: str(v, 'title'),
    notes: str(v, 'notes'),
    personIds: list(v, 'personIds'),
  };
}

export async function consoleRundownRoutes(base: FastifyInstance) {
  const program = base.ctx.services.program;

  await programmeListRoutes(base, {
    tab: 'rundown',
    title: C.rundown,
    addTitle: C.addItem,
    editTitle: C.editItem,
    async list(req, event) {
      const [items, rows] = await Promise.all([program.listAgenda(event), program.agendaRows(event.id)]);
      const last = rows.at(-1);
      const nextStart = last ? (last.ends_at ?? last.starts_at) : event.starts_at;
      const body = rows.length ? (
        <RundownList req={req} event={event} rows={rows} items={items} />
      ) : (
        <p class="muted">{C.noItems[req.locale]}</p>
      );
      return { body, defaults: { startsAt: toLocalInput(nextStart, event.timezone), kind: 'talk' } };
    },
    async form(event, props) {
      const people = await program.peopleRows(event.id);
      return <AgendaForm {...props} event={event} people={people} />;
    },
    async itemValues(event, itemId) {
      const item = await program.findAgendaItem(event.id, itemId);
      if (!item) throw errors.notFound(what.agendaItem);
      const links = await program.agendaLinks([item.id]);
      return {
        startsAt: toLocalInput(item.starts_at, event.timezone),
        endsAt: item.ends_at ? toLocalInput(item.ends_at, event.timezone) : '',
        kind: item.kind,
        title: item.title,
        notes: item.notes ?? '',
        personIds: links.map((x) => x.person_id),
      };
    },
    add: (event, values) =>
      program.addAgendaItem(event, parseOrThrow(AgendaBody, agendaInput(values, event.timezone))),
    update: (event, itemId, values) =>
      program.updateAgendaItem(event, itemId, parseOrThrow(AgendaPatch, agendaInput(values, event.timezone))),
    remove: (event, itemId) => program.removeAgendaItem(event, itemId),
  });
}
