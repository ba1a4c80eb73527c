import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import type { AuthUser } from '../../http/types.js';
import { newId, newSecretToken } from '../../shared/ids.js';
import type { createOnlineService } from '../attendance/index.js';
import type { CertificatesService } from '../certificates/index.js';
import type { EvaluationService } from '../evaluation/index.js';
import type { EventRow } from '../events/index.js';
import type { MediaService } from '../media/index.js';
import type { RegistrationsService } from '../registrations/index.js';
import type { SeatingService } from '../seating/index.js';
import { at, DEMO_PEOPLE } from './demo.data.js';
import { DEMO_PHOTOS, photoJpeg } from './demo.photos.js';
import { demoRepository as repo } from './demo.repository.js';
import { DEMO_COMMENTS, DEMO_NARRATIVE, DEMO_QUESTIONS, demoParticipants } from './demo.story.data.js';

export interface StoryDeps {
  seating: SeatingService;
  registrations: RegistrationsService;
  online: Pick<ReturnType<typeof createOnlineService>, 'settings' | 'saveSettings'>;
  evaluation: EvaluationService;
  certificates: CertificatesService;
  media: MediaService;
}

const minutes = (m: number) => m * 60_000;
/** The registration settings' maximum (registrations.schemas.ts): ten years after 30 December 2021. */
const DEMO_RETENTION_DAYS = 3650;
type AttendanceRow = Parameters<typeof repo.insertStory>[1]['attendance'][number];

/**
 * What happened on the day, written once after the seminar's graph: 55 registered for the hall and 52
 * came (seated on a checkerboard plan), 52 online of whom 47 joined, five questions from both sides,
 * evaluations, the report's narrative, certificates issued by rule and photos.
 * The registrations are the arbiter: a second writer at the same time hits their primary keys and stops.
 */
export async function writeStory(
  ctx: AppContext,
  deps: StoryDeps,
  event: EventRow,
  actor: AuthUser,
): Promise<void> {
  const { db } = ctx;
  if (await repo.hasRegistrations(db, event.id)) return;
  // The seminar ended in 2021: under the default 365 days the retention run (a minute after every start)
  // would erase everyone's names and the report's attendance list. The longest period the settings allow
  // keeps the story; the organizer sees it on the registration settings page and may shorten it.
  await deps.registrations.saveSettings(event, { retentionDays: DEMO_RETENTION_DAYS });
  // A hall of 8 rows of 14 with an aisle, every other seat kept empty: 56 seats for 55 registered.
  await deps.seating
    .save(event, { layout: { rows: Array(8).fill(14), aisles: [7] }, rule: { kind: 'checkerboard' } })
    .catch(() => null);

  const people = new Map((await repo.people(db, event.id)).map((p) => [p.name, p.id]));
  const personOf = (key: string) => people.get(DEMO_PEOPLE.find((p) => p.key === key)!.name) ?? null;
  const list = demoParticipants();
  const ids = list.map((p) => `${event.id}${p.key}`);
  const registrations = list.map((p, i) => {
    const created = at('09:00') - minutes(60 * 24 * (10 - (i % 9)));
    return {
      id: ids[i]!,
      event_id: event.id,
      ticket_code: newSecretToken(),
      front_titles: p.front_titles,
      name: p.name,
      back_titles: p.back_titles,
      institution: p.institution,
      email: null,
      phone: null,
      mode: p.mode,
      status: 'confirmed' as const,
      source: 'self',
      seat_id: null,
      waitlist_at: null,
      answers: null,
      consents: null,
      locale: 'id',
      created_at: created,
      updated_at: created,
      confirmed_at: created,
      cancelled_at: null,
      anonymized_at: null,
      client_ref: null,
    };
  });
  const attendance = list.flatMap((p, i): AttendanceRow[] => {
    if (!p.present) return [];
    const base: AttendanceRow = {
      registration_id: ids[i]!,
      event_id: event.id,
      checked_in_at: null,
      checked_in_by: null,
      checked_in_by_name: null,
      checkin_device: null,
      checkin_method: null,
      joined_at: null,
      last_joined_at: null,
      join_count: 0,
      report_minutes: null,
      override: null,
      updated_at: at('12:15'),
    };
    if (p.mode === 'onsite')
      return [
        {
          ...base,
          checked_in_at: at('08:30') + minutes(i % 40),
          checked_in_by: actor.id,
          checked_in_by_name: 'Panitia',
          checkin_method: 'qr',
        },
      ];
    const joined = at('08:50') + minutes(i % 25);
    return [
      { ...base, joined_at: joined, last_joined_at: joined, join_count: 1, report_minutes: 150 + (i % 40) },
    ];
  });
  const questions = DEMO_QUESTIONS.map((q, k) => {
    const asked = at('11:30') + minutes(k * 5);
    return {
      id: newId(),
      event_id: event.id,
      channel: q.channel,
      text: q.text,
      author_name: list[q.by]!.name,
      anonymous: 0,
      registration_id: ids[q.by]!,
      author_key: `t:${ids[q.by]}`,
      status: 'answered' as const,
      speaker_id: personOf(q.to),
      merged_into: null,
      votes: 0,
      created_at: asked,
      updated_at: asked + minutes(4),
      approved_at: asked,
      answered_at: asked + minutes(4),
    };
  });
  try {
    await inTransaction(db, (trx) => repo.insertStory(trx, { registrations, attendance, questions }));
  } catch (err) {
    if (isUniqueViolation(err)) return; // another load is writing the same story
    throw err;
  }
  // Written in bulk rather than signed up one by one: the place counters learn of them here.
  await deps.registrations.recountPlaces(event);

  for (const [i, p] of list.entries()) {
    if (p.mode === 'onsite' && p.present) await deps.registrations.assignSeat(event, ids[i]!);
  }
  const current = await deps.online.settings(event);
  await deps.online.saveSettings(event, { ...current, onlineRule: 'join' }, actor);

  // Evaluations from 78 of the 99 present, answered the way such audiences answer: mostly agree.
  await deps.evaluation.setStatus(event, 'open');
  let n = 0;
  for (const [i, p] of list.entries()) {
    if (!p.present || i % 9 === 4) continue;
    if (++n > 78) break;
    const comment = n % 11 === 1 ? DEMO_COMMENTS[Math.floor(n / 11)] : undefined;
    const score = (k: number) => [5, 4, 4, 5, 3, 4, 5][(i + k) % 7]!;
    await deps.evaluation.submit(event.id, ids[i]!, {
      materi: score(0),
      narasumber: score(1),
      diskusi: score(2) === 5 ? 4 : score(2),
      penyelenggaraan: score(3),
      teknis: i % 5 === 0 ? 3 : score(4),
      manfaat: score(5),
      sumber_info: ['Grup WhatsApp', 'Instagram/Facebook', 'Teman atau rekan kerja'][i % 3]!,
      // Each comment once: the report lists them as written.
      ...(comment ? { saran: comment } : {}),
    });
  }
  await deps.evaluation.setStatus(event, 'closed');

  await repo.saveNarrative(db, event.id, JSON.stringify(DEMO_NARRATIVE), actor.id);
  // The certificate is signed by the same two people as the report.
  await deps.certificates.saveTemplate(event, 'peserta', {
    signers: DEMO_NARRATIVE.approvals.map((a) => ({
      name: a.name,
      position: a.label,
      idLabel: a.idLabel,
      idNumber: a.idNumber,
    })),
  });
  await deps.certificates.issue(
    event,
    { roles: ['peserta', 'pemateri'], notify: false, beforeEnd: false },
    actor,
  );

  const agenda = new Map((await repo.agenda(db, event.id)).map((a) => [a.title, a.id]));
  // The photos arrive as an upload does: bytes, and a staged file on disk for a service that reads from there.
  const dir = await mkdtemp(join(tmpdir(), 'aula-demo-'));
  try {
    for (const [i, ph] of DEMO_PHOTOS.entries()) {
      const data = await photoJpeg(ph.draw);
      const path = join(dir, `foto-${i}.jpg`);
      await writeFile(path, data);
      const file = { filename: 'dokumentasi.jpg', data, path, bytes: data.length };
      await deps.media.addPhotos(
        event,
        [file],
        { captions: [ph.caption], agendaItemId: ph.agenda ? (agenda.get(ph.agenda) ?? null) : null },
        actor,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
