import type { AppContext } from '../../context.js';
import { fullName } from '../../shared/names.js';
import { formatDate, formatTimeRange } from '../../shared/time.js';
import { presentRegistrations } from '../attendance/index.js';
import type { CertificatesService } from '../certificates/index.js';
import type { EvaluationService, Results } from '../evaluation/index.js';
import { type EventRow, type EventsService, signingCity } from '../events/index.js';
import type { TranscriptLine } from '../live/index.js';
import type { MediaService } from '../media/index.js';
import type { ProgramService } from '../program/index.js';
import type { QaService } from '../qa/index.js';
import type { RegistrationsService } from '../registrations/index.js';
import type { Stats } from '../stats/index.js';
import type { Narrative } from './reports.schemas.js';

/** The other modules' services the report reads from. */
export interface ReportDeps {
  events: EventsService;
  program: ProgramService;
  stats: { forEvent(event: EventRow): Promise<Stats> };
  registrations: RegistrationsService;
  qa: QaService;
  evaluation: EvaluationService;
  media: MediaService;
  certificates: CertificatesService;
  /** The live captions' transcript (live module), printed as an appendix. */
  captions?: { transcript(event: EventRow): Promise<TranscriptLine[]> };
}

export interface PersonLine {
  id: string;
  name: string;
  role: string;
  position: string | null;
  institution: string | null;
  presence: 'onsite' | 'online';
}

export interface ReportData {
  event: EventRow;
  org: { name: string; shortName: string | null; logoPath: string | null } | null;
  partners: { name: string; logoPath: string | null }[];
  /** Kota/Kabupaten of the signature lines (the event's, else its organization's); absent in old snapshots. */
  city?: string | null;
  date: string;
  dateEn: string;
  timeRange: string;
  timeRangeEn: string;
  venue: string | null;
  online: { platform: string; platformEn: string; joinUrl: string | null; streamUrl: string | null } | null;
  people: PersonLine[];
  agenda: {
    time: string;
    timeEn: string;
    title: string;
    kind: string;
    notes: string | null;
    people: { name: string; presence: 'onsite' | 'online' }[];
  }[];
  stats: Stats;
  /** Present participants per institution; '' groups those who left it empty. */
  byInstitution: { institution: string; onsite: number; online: number }[];
  attendees: { name: string; institution: string | null; mode: 'onsite' | 'online' }[];
  questions: Awaited<ReturnType<QaService['questionsForReport']>>;
  polls: Awaited<ReturnType<QaService['pollsForReport']>>;
  /** Votes counted without a ticket (open participation): the poll results say so; absent in old snapshots. */
  openVoting?: boolean;
  /** The live captions, oldest first; absent in old snapshots. */
  transcript?: TranscriptLine[];
  evaluation: Results;
  /** The same results with the built-in questions in English (the English report); absent in old snapshots. */
  evaluationEn?: Results;
  photos: {
    path: string;
    thumbPath: string | null;
    caption: string | null;
    agendaTitle: string | null;
    width: number | null;
    height: number | null;
  }[];
  materials: { caption: string | null; path: string }[];
  /** Role key (`peserta` …) and status (`valid`|`revoked`); the document prints them per language. */
  certificates: { number: string; name: string; role: string; status: string }[];
  narrative: Narrative;
  generatedAt: number;
}

const PLATFORM_NAMES: Record<string, string> = {
  zoom: 'Zoom',
  meet: 'Google Meet',
  jitsi: 'Jitsi Meet',
  youtube: 'YouTube',
  bbb: 'BigBlueButton',
  other: 'ruang daring',
};

/**
 * Everything the report says, read once. The counts are the stats endpoint's numbers (the same
 * service), so the report, the dashboard and the news article agree.
 */
export async function gatherReport(
  ctx: AppContext,
  deps: ReportDeps,
  event: EventRow,
  narrative: Narrative,
): Promise<ReportData> {
  const { db } = ctx;
  const { events, program, registrations, qa } = deps;
  const [org, partners, people, agenda, stats, present, regs, questions, polls, evaluation, media, certs] =
    await Promise.all([
      events.orgOf(event),
      events.partnersOf(event.id),
      program.listPeople(event),
      program.listAgenda(event),
      deps.stats.forEvent(event),
      presentRegistrations(db, event),
      registrations.list(event, { status: 'confirmed' }, 1_000_000),
      qa.questionsForReport(event.id),
      qa.pollsForReport(event.id),
      deps.evaluation.results(event.id),
      deps.media.list(event),
      deps.certificates.list(event),
    ]);
  const tz = event.timezone;
  const attendees = regs
    .filter((r) => present.has(r.id))
    .map((r) => ({
      name: fullName({ frontTitles: r.front_titles, name: r.name, backTitles: r.back_titles }),
      institution: r.institution,
      mode: present.get(r.id)!,
    }));
  const inst = new Map<string, { onsite: number; online: number }>();
  for (const a of attendees) {
    const key = a.institution?.trim() || '';
    const v = inst.get(key) ?? { onsite: 0, online: 0 };
    v[a.mode]++;
    inst.set(key, v);
  }
  const agendaTitle = new Map(agenda.map((a) => [a.id, a.title]));
  return {
    event,
    org: org ? { name: org.name, shortName: org.short_name, logoPath: org.logo_path } : null,
    partners: partners.map((p) => ({ name: p.name, logoPath: p.logo_path })),
    city: signingCity(event, org ?? null),
    date: formatDate(event.starts_at, tz, 'id'),
    dateEn: formatDate(event.starts_at, tz, 'en'),
    timeRange: formatTimeRange(event.starts_at, event.ends_at, tz, 'id'),
    timeRangeEn: formatTimeRange(event.starts_at, event.ends_at, tz, 'en'),
    venue: event.venue_name ? [event.venue_name, event.venue_address].filter(Boolean).join(', ') : null,
    online: event.online_platform
      ? {
          platform: PLATFORM_NAMES[event.online_platform] ?? event.online_platform,
          platformEn:
            event.online_platform === 'other'
              ? 'online room'
              : (PLATFORM_NAMES[event.online_platform] ?? event.online_platform),
          joinUrl: event.online_join_url,
          streamUrl: event.online_stream_url,
        }
      : null,
    people: people.map((p) => ({
      id: p.id,
      name: p.fullName,
      role: p.role,
      position: p.position,
      institution: p.institution,
      presence: p.presence,
    })),
    agenda: agenda.map((a) => ({
      time: formatTimeRange(Date.parse(a.startsAt), a.endsAt ? Date.parse(a.endsAt) : null, tz, 'id'),
      timeEn: formatTimeRange(Date.parse(a.startsAt), a.endsAt ? Date.parse(a.endsAt) : null, tz, 'en'),
      title: a.title,
      kind: a.kind,
      notes: a.notes,
      people: a.people.map((p) => ({ name: p.fullName, presence: p.presence })),
    })),
    stats,
    byInstitution: [...inst.entries()]
      .map(([institution, v]) => ({ institution, ...v }))
      .sort(
        (a, b) => b.onsite + b.online - (a.onsite + a.online) || a.institution.localeCompare(b.institution),
      ),
    attendees: attendees.sort((a, b) => a.mode.localeCompare(b.mode) * -1 || a.name.localeCompare(b.name)),
    questions,
    polls,
    openVoting: await qa.votingOpen(event.id),
    transcript: deps.captions ? await deps.captions.transcript(event) : [],
    evaluation,
    evaluationEn: await deps.evaluation.results(event.id, 'en'),
    photos: media
      .filter((m) => m.kind === 'photo')
      .map((m) => ({
        path: m.path,
        thumbPath: m.thumb_path,
        caption: m.caption,
        agendaTitle: m.agenda_item_id ? (agendaTitle.get(m.agenda_item_id) ?? null) : null,
        width: m.width,
        height: m.height,
      })),
    materials: media.filter((m) => m.kind === 'material').map((m) => ({ caption: m.caption, path: m.path })),
    certificates: certs.map((c) => ({
      number: c.number,
      name: fullName({ frontTitles: c.front_titles, name: c.name, backTitles: c.back_titles }),
      role: c.role,
      status: c.status,
    })),
    narrative,
    generatedAt: Date.now(),
  };
}
