import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import { type Realtime, realtimeFor } from '../../realtime/realtime.js';
import { realtimeRepository } from '../../realtime/realtime.repository.js';
import { fullName } from '../../shared/names.js';
import type { LiveRole, SettingsDto, SnapshotDto, StageDto, StageItem } from '../../shared/realtime.js';
import { isoInZone } from '../../shared/time.js';
import type { EventRow } from '../events/index.js';
import { eventsRepository } from '../events/index.js';
import { type AgendaRow, type PersonRow, programRepository } from '../program/index.js';
import { loadSettings, qaSnapshot } from '../qa/index.js';
import { liveRepository as repo } from './live.repository.js';

export interface RundownItem extends StageItem {
  endsAt: string | null;
}

/** The rundown with its people, in order (the stage pointer walks it). */
export async function loadRundown(db: Db, event: Pick<EventRow, 'id' | 'timezone'>): Promise<RundownItem[]> {
  const [items, people] = await Promise.all([
    programRepository.listAgenda(db, event.id),
    programRepository.listPeople(db, event.id),
  ]);
  const links = await programRepository.agendaPeople(
    db,
    items.map((i) => i.id),
  );
  const byId = new Map<string, PersonRow>(people.map((p) => [p.id, p]));
  return items.map((i: AgendaRow) => ({
    id: i.id,
    kind: i.kind,
    title: i.title,
    startsAt: isoInZone(Number(i.starts_at), event.timezone),
    endsAt: i.ends_at ? isoInZone(Number(i.ends_at), event.timezone) : null,
    people: links
      .filter((l) => l.agenda_item_id === i.id)
      .map((l) => byId.get(l.person_id))
      .filter((p): p is PersonRow => !!p)
      .map((p) => ({
        id: p.id,
        fullName: fullName({ frontTitles: p.front_titles, name: p.name, backTitles: p.back_titles }),
        position: p.position,
        institution: p.institution,
        presence: p.presence,
      })),
  }));
}

export async function loadStage(db: Db, eventId: string): Promise<StageDto> {
  const event = await eventsRepository.findByIdOrSlug(db, eventId);
  const tz = event?.timezone ?? 'Asia/Jakarta';
  const [state, rundown] = await Promise.all([repo.state(db, eventId), event ? loadRundown(db, event) : []]);
  const idx = state?.agenda_item_id ? rundown.findIndex((i) => i.id === state.agenda_item_id) : -1;
  const strip = (i: RundownItem | undefined): StageItem | null =>
    i ? { id: i.id, kind: i.kind, title: i.title, startsAt: i.startsAt, people: i.people } : null;
  return {
    now: idx >= 0 ? strip(rundown[idx]) : null,
    // Before anything is on stage, "next" is the first item of the rundown.
    next: strip(rundown[idx + 1]),
    startedAt: idx >= 0 && state?.stage_started_at ? isoInZone(Number(state.stage_started_at), tz) : null,
    endsAt: idx >= 0 && state?.stage_ends_at ? isoInZone(Number(state.stage_ends_at), tz) : null,
    serverTime: isoInZone(Date.now(), tz),
  };
}

export async function liveSnapshot(db: Db, eventId: string, role: LiveRole): Promise<SnapshotDto> {
  const [qa, stage] = await Promise.all([qaSnapshot(db, eventId, role), loadStage(db, eventId)]);
  return { ...qa, stage };
}

const publishStageOn = (rt: Realtime, eventId: string) =>
  rt.publish(eventId, async (trx) => ({
    staff: { t: 'stage', d: await loadStage(trx, eventId) },
    pub: 'same',
  }));

/**
 * Rundown and people edits (the program module, through the API or the console) emit `event.updated`;
 * the stage message carries now/next with their people, so live pages, projector and overlay follow at
 * once. Subscribed once per app with `on` (once in the cluster): the published update itself reaches
 * every node through the bus. Returns the unsubscribe.
 */
export function followProgramChanges(ctx: AppContext): () => void {
  const rt = realtimeFor(ctx);
  return ctx.bus.on('event.updated', async ({ eventId }) => {
    // No live row yet: nobody has opened the room, and every page renders the stage when it loads.
    if (!(await repo.state(ctx.db, eventId))) return;
    await publishStageOn(rt, eventId);
  });
}

export function createLiveService(ctx: AppContext) {
  const { db } = ctx;
  const rt = realtimeFor(ctx);
  rt.setSnapshotProvider(liveSnapshot);

  const publishStage = (eventId: string) => publishStageOn(rt, eventId);

  const ensure = (eventId: string) => realtimeRepository.ensureState(db, eventId);

  const service = {
    rt,
    stage: (event: EventRow) => loadStage(db, event.id),
    snapshot: (event: EventRow, role: LiveRole) => liveSnapshot(db, event.id, role),
    rundown: (event: EventRow) => loadRundown(db, event),

    /**
     * Puts an item on stage (null: nothing). The timer runs for `timerMinutes` when given, otherwise
     * for the item's planned length; null switches it off.
     */
    async setStage(event: EventRow, itemId: string | null, timerMinutes?: number | null): Promise<StageDto> {
      await ensure(event.id);
      const now = Date.now();
      if (itemId === null) {
        await repo.setStage(db, event.id, null, null, null);
      } else {
        const item = await programRepository.findAgendaItem(db, event.id, itemId);
        if (!item) throw errors.notFound(what.agendaItem);
        const planned = item.ends_at ? Number(item.ends_at) - Number(item.starts_at) : null;
        const length =
          timerMinutes === undefined ? planned : timerMinutes === null ? null : timerMinutes * 60_000;
        await repo.setStage(db, event.id, item.id, now, length ? now + length : null);
      }
      await publishStage(event.id);
      return loadStage(db, event.id);
    },

    /** Moves the stage one item forward or back along the rundown. */
    async step(event: EventRow, dir: 1 | -1): Promise<StageDto> {
      const [state, rundown] = await Promise.all([repo.state(db, event.id), loadRundown(db, event)]);
      if (!rundown.length) {
        throw errors.conflict('rundown_empty', {
          id: 'Susunan acara masih kosong. Tambahkan acara terlebih dahulu.',
          en: 'The rundown is empty. Add items first.',
        });
      }
      const idx = state?.agenda_item_id ? rundown.findIndex((i) => i.id === state.agenda_item_id) : -1;
      const target = Math.min(Math.max(idx + dir, 0), rundown.length - 1);
      return service.setStage(event, rundown[target]!.id);
    },

    async settings(event: EventRow): Promise<SettingsDto> {
      await ensure(event.id);
      return loadSettings(db, event.id);
    },

    async updateSettings(
      event: EventRow,
      patch: { moderation?: 'pre' | 'auto'; qaOpen?: boolean },
    ): Promise<SettingsDto> {
      await ensure(event.id);
      await repo.setSettings(db, event.id, {
        ...(patch.moderation ? { moderation: patch.moderation } : {}),
        ...(patch.qaOpen !== undefined ? { qa_open: patch.qaOpen ? 1 : 0 } : {}),
      });
      await rt.publish(event.id, async (trx) => ({
        staff: { t: 'settings', d: await loadSettings(trx, event.id) },
        pub: 'same',
      }));
      return loadSettings(db, event.id);
    },
  };
  return service;
}

export type LiveService = ReturnType<typeof createLiveService>;
