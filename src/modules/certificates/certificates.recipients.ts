import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { errors, what } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import { presentRegistrations } from '../attendance/index.js';
import type { EvaluationService } from '../evaluation/index.js';
import type { EventRow, EventsService } from '../events/index.js';
import type { ProgramService } from '../program/index.js';
import type { RegistrationsService } from '../registrations/index.js';
import { type OverrideBody, PERSON_ROLE_FOR, type Rules } from './certificates.schemas.js';
import type { CertRole } from './certificates.tables.js';

/** The other modules' services certificates read from (handed in by src/services.ts). */
export interface CertificateDeps {
  events: Pick<EventsService, 'find' | 'orgOf' | 'partnersOf'>;
  registrations: Pick<RegistrationsService, 'list' | 'findById' | 'findByTicketCode'>;
  evaluation: Pick<EvaluationService, 'respondedIds'>;
  program: Pick<ProgramService, 'agendaRows' | 'agendaLinks' | 'findPerson' | 'peopleRows'>;
}

/** Who may receive a certificate: read from the registrations, attendance, evaluation and program modules. */
export interface Recipient {
  key: string;
  registrationId: string | null;
  personId: string | null;
  frontTitles: string | null;
  name: string;
  backTitles: string | null;
  email: string | null;
}

interface Candidate extends Recipient {
  eligible: boolean;
  /** Why not, in both languages, for the console list. */
  reason: { id: string; en: string } | null;
  issued: boolean;
}

/** A registration or a programme person, as stored: what a recipient is made from. */
interface NamedRow {
  id: string;
  front_titles: string | null;
  name: string;
  back_titles: string | null;
  email: string | null;
}

/** A registration (`r`) or a programme person (`p`) as a recipient; the key's prefix tells which. */
const recipientFrom = (kind: 'r' | 'p', row: NamedRow): Recipient => ({
  key: `${kind}:${row.id}`,
  registrationId: kind === 'r' ? row.id : null,
  personId: kind === 'p' ? row.id : null,
  frontTitles: row.front_titles,
  name: row.name,
  backTitles: row.back_titles,
  email: row.email,
});

/** Far above any event; the registrations list is capped by default for the console's sake. */
const ALL = 1_000_000;

async function peopleOnAgenda(program: CertificateDeps['program'], eventId: string): Promise<Set<string>> {
  const items = await program.agendaRows(eventId);
  const links = await program.agendaLinks(items.map((i) => i.id));
  return new Set(links.map((l) => l.person_id));
}

/** Every possible recipient of one role, with the rule's verdict and whether one is already issued. */
export async function candidatesFor(
  ctx: AppContext,
  deps: CertificateDeps,
  event: EventRow,
  role: CertRole,
  rules: Rules,
  issuedKeys: Set<string>,
): Promise<Candidate[]> {
  const { db } = ctx;
  const { program } = deps;
  if (role === 'peserta') {
    const [regs, present, evaluated] = await Promise.all([
      deps.registrations.list(event, { status: 'confirmed' }, ALL),
      rules.peserta.requireAttendance ? presentRegistrations(db, event) : Promise.resolve(null),
      rules.peserta.requireEvaluation ? deps.evaluation.respondedIds(event.id) : Promise.resolve(null),
    ]);
    regs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return regs.map((r) => {
      const recipient = recipientFrom('r', r);
      let reason: Candidate['reason'] = null;
      if (present && !present.has(r.id))
        reason = { id: 'tidak tercatat hadir', en: 'not recorded as present' };
      else if (evaluated && !evaluated.has(r.id))
        reason = { id: 'belum mengisi evaluasi', en: 'has not filled in the evaluation' };
      return { ...recipient, eligible: reason === null, reason, issued: issuedKeys.has(recipient.key) };
    });
  }
  const personRole = PERSON_ROLE_FOR[role]!;
  const [all, onAgenda] = await Promise.all([
    program.peopleRows(event.id),
    rules.people.requireAgenda ? peopleOnAgenda(program, event.id) : Promise.resolve(null),
  ]);
  return all
    .filter((p) => p.role === personRole)
    .map((p) => {
      const recipient = recipientFrom('p', p);
      const reason =
        onAgenda && !onAgenda.has(p.id)
          ? { id: 'tidak ada di susunan acara', en: 'not on the rundown' }
          : null;
      return { ...recipient, eligible: reason === null, reason, issued: issuedKeys.has(recipient.key) };
    });
}

/** The recipient of a staff override: a registration, a programme person, or a typed-in name. */
export async function overrideRecipient(
  deps: CertificateDeps,
  event: EventRow,
  body: z.output<typeof OverrideBody>,
): Promise<Recipient> {
  if (body.registrationId) {
    const r = await deps.registrations.findById(body.registrationId);
    if (r?.event_id !== event.id) throw errors.notFound(what.registration);
    return recipientFrom('r', r);
  }
  if (body.personId) {
    const p = await deps.program.findPerson(event.id, body.personId);
    if (!p) throw errors.notFound(what.person);
    return recipientFrom('p', p);
  }
  const m = body.recipient!;
  return {
    key: `m:${newId()}`,
    registrationId: null,
    personId: null,
    frontTitles: m.frontTitles ?? null,
    name: m.name,
    backTitles: m.backTitles ?? null,
    email: m.email ?? null,
  };
}
