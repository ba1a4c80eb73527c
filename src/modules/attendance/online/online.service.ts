import { PerEventCache } from '../../../bus/per-event-cache.js';
import type { AppContext } from '../../../context.js';
import { isUniqueViolation } from '../../../db/database.js';
import { errors, what } from '../../../errors.js';
import type { AuthUser } from '../../../http/types.js';
import type { Text } from '../../../i18n/index.js';
import { newId, shortCode } from '../../../shared/ids.js';
import { formatDateTime, formatTime, isoInZone } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { type RegistrationLite, attendanceRepository as repo } from '../attendance.repository.js';
import type { OnlineRule } from '../attendance.tables.js';
import { assertOnlineOpen } from '../checkin/window.js';
import {
  loadSettings,
  type PresenceSettings,
  presenceOfConfirmed,
  presenceOfRegistration,
  presenceWindow,
  windowState,
} from '../presence.js';

interface CodeEntryResult {
  accepted: boolean;
  first: boolean;
  message: Text;
  codesEntered: number;
  presentOnline: boolean;
}

/** Online presence: the personal join link, attendance codes and the presence settings. */
export function createOnlineService(ctx: AppContext) {
  const { db, bus } = ctx;

  async function registrationFor(event: EventRow, ticketCode: string): Promise<RegistrationLite> {
    const reg = await repo.registrationByTicket(db, ticketCode);
    if (!reg || reg.event_id !== event.id) throw errors.ticketNotFound();
    if (reg.status === 'cancelled') throw errors.ticketCancelled(reg.name);
    if (reg.status !== 'confirmed')
      throw reg.status === 'waitlisted'
        ? errors.ticketWaitlisted(reg.name)
        : errors.ticketNotConfirmed(reg.name, reg.status);
    // Codes are online presence: a hall ticket switches to online first (under the online quota).
    if (reg.mode !== 'online') throw errors.joinNeedsOnlineTicket();
    return reg;
  }

  // Read by every online ticket page; `saveSettings` is the table's only writer and emits the drop.
  const presenceSettings = new PerEventCache<PresenceSettings>(bus, ['attendance.settings_changed']);
  const cachedSettings = (eventId: string) => presenceSettings.get(eventId, () => loadSettings(db, eventId));
  // Every online ticket's page asks which codes are open now: the event's codes are kept, the time is checked here.
  // Its writers: a code made or closed early (`attendance.codes_changed`), an event moved (`event.updated`).
  const codeWindows = new PerEventCache<{ opens_at: number; closes_at: number }[]>(bus, [
    'attendance.codes_changed',
    'event.updated',
  ]);
  const openCount = async (eventId: string, at: number) =>
    (await codeWindows.get(eventId, () => repo.codeWindows(db, eventId))).filter(
      (c) => Number(c.opens_at) <= at && Number(c.closes_at) >= at,
    ).length;
  const service = {
    settings: (event: EventRow) => cachedSettings(event.id),

    async saveSettings(event: EventRow, s: PresenceSettings, actor: AuthUser): Promise<PresenceSettings> {
      await repo.saveSettings(db, {
        event_id: event.id,
        online_rule: s.onlineRule,
        min_codes: s.minCodes,
        min_percent: s.minPercent,
        code_window_minutes: s.codeWindowMinutes,
        doors_open_minutes: s.doorsOpenMinutes,
        online_open_minutes: s.onlineOpenMinutes,
        grace_minutes: s.graceMinutes,
        updated_at: Date.now(),
      });
      await bus.emit('attendance.settings_changed', { eventId: event.id });
      await repo.audit(db, {
        id: newId(),
        event_id: event.id,
        actor_user_id: actor.id,
        action: 'attendance.settings',
        target: event.id,
        data: s,
      });
      await bus.emit('attendance.changed', { eventId: event.id, kind: 'correction' });
      return s;
    },

    async eventOfTicket(ticketCode: string): Promise<EventRow> {
      const reg = await repo.registrationByTicket(db, ticketCode);
      const event = reg ? await ctx.services.events.find(reg.event_id) : undefined;
      if (!event) throw errors.ticketNotFound();
      return event;
    },

    /**
     * The personal join link of a confirmed online registrant: the caller redirects to the room, and the join
     * counts only inside the online window (an early visitor may still look into the room; a week ahead it
     * records nothing). A hall ticket is refused: it switches mode first, so the online quota applies.
     */
    async join(ticketCode: string): Promise<{ event: EventRow; url: string }> {
      const reg = await repo.registrationByTicket(db, ticketCode);
      if (!reg) throw errors.ticketNotFound();
      const event = (await ctx.services.events.find(reg.event_id))!;
      await registrationFor(event, ticketCode);
      if (!event.online_join_url) throw errors.noOnlineRoom();
      const now = Date.now();
      const w = presenceWindow(event, await loadSettings(db, event.id));
      if (windowState(w, 'online', now) !== 'open') return { event, url: event.online_join_url };
      await repo.recordJoin(db, reg.id, event.id, now);
      await bus.emit('attendance.changed', { eventId: event.id, kind: 'join' });
      return { event, url: event.online_join_url };
    },

    async createCode(
      event: EventRow,
      input: {
        label?: string;
        agendaItemId?: string;
        windowMinutes?: number;
        opensAt?: string;
        code?: string;
      },
      actor: AuthUser,
    ) {
      const settings = await loadSettings(db, event.id);
      if (input.agendaItemId) {
        const item = await ctx.services.program.findAgendaItem(event.id, input.agendaItemId);
        if (!item) throw errors.notFound({ id: 'Susunan acara', en: 'Agenda item' });
      }
      const opens = input.opensAt ? Date.parse(input.opensAt) : Date.now();
      // A code counts presence, so it opens only inside the online window and closes with it at the latest.
      const w = presenceWindow(event, settings);
      if (opens < w.onlineOpen || opens > w.closes) {
        throw errors.attendanceCodeOutsideWindow(
          {
            id: formatDateTime(w.onlineOpen, event.timezone, 'id'),
            en: formatDateTime(w.onlineOpen, event.timezone, 'en'),
          },
          {
            id: formatDateTime(w.closes, event.timezone, 'id'),
            en: formatDateTime(w.closes, event.timezone, 'en'),
          },
        );
      }
      const closes = Math.min(w.closes, opens + (input.windowMinutes ?? settings.codeWindowMinutes) * 60000);
      for (let attempt = 0; attempt < 5; attempt++) {
        const code = input.code ?? shortCode(6);
        const row = {
          id: newId(),
          event_id: event.id,
          code,
          label: input.label ?? null,
          agenda_item_id: input.agendaItemId ?? null,
          opens_at: opens,
          closes_at: closes,
          created_by: actor.id,
          created_at: Date.now(),
        };
        try {
          await repo.insertCode(db, row);
          await bus.emit('attendance.codes_changed', { eventId: event.id });
          return service.presentCode(event, { ...row, entries: 0 });
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          if (input.code) {
            throw errors.attendanceCodeTaken(code);
          }
        }
      }
      throw new Error('could not generate a unique attendance code');
    },

    presentCode(
      event: EventRow,
      c: {
        id: string;
        code: string;
        label: string | null;
        agenda_item_id: string | null;
        opens_at: number;
        closes_at: number;
        entries: number | string;
      },
    ) {
      const now = Date.now();
      return {
        id: c.id,
        code: c.code,
        label: c.label,
        agendaItemId: c.agenda_item_id,
        opensAt: isoInZone(Number(c.opens_at), event.timezone),
        closesAt: isoInZone(Number(c.closes_at), event.timezone),
        open: Number(c.opens_at) <= now && now <= Number(c.closes_at),
        entries: Number(c.entries),
      };
    },

    async listCodes(event: EventRow) {
      return (await repo.codes(db, event.id)).map((c) => service.presentCode(event, c));
    },

    async closeCode(event: EventRow, codeId: string) {
      const c = await repo.code(db, event.id, { id: codeId });
      if (!c) throw errors.notFound(what.attendanceCode);
      // One millisecond back: the window is over the moment the answer is sent.
      await repo.closeCode(db, c.id, Date.now() - 1);
      await bus.emit('attendance.codes_changed', { eventId: event.id });
      const all = await repo.codes(db, event.id);
      return service.presentCode(event, all.find((x) => x.id === c.id)!);
    },

    /** A participant enters a code: counts only inside the window, once per code. */
    async enterCode(event: EventRow, ticketCode: string, code: string): Promise<CodeEntryResult> {
      const reg = await registrationFor(event, ticketCode);
      const c = await repo.code(db, event.id, { code });
      if (!c) throw errors.attendanceCodeInvalid();
      const now = Date.now();
      const before = await repo.hasEntered(db, c.id, reg.id);
      let first = false;
      if (!before) {
        assertOnlineOpen(event, presenceWindow(event, await loadSettings(db, event.id)), now);
        if (now < Number(c.opens_at)) throw errors.attendanceCodeNotOpen();
        if (now > Number(c.closes_at))
          throw errors.attendanceCodeClosed(formatTime(Number(c.closes_at), event.timezone, 'id'));
        first = await repo.enterCode(db, c.id, reg.id, now);
        // Nothing written and not entered before: the window closed in between.
        if (!first && !(await repo.hasEntered(db, c.id, reg.id))) {
          throw errors.attendanceCodeClosed(formatTime(Number(c.closes_at), event.timezone, 'id'));
        }
      }
      const [entries, present] = await Promise.all([
        repo.codeEntriesOf(db, reg.id),
        presenceOfRegistration(db, event, reg.id),
      ]);
      if (first) await bus.emit('attendance.changed', { eventId: event.id, kind: 'code' });
      if (first && present === 'online')
        await bus.emit('attendance.online_present', { eventId: event.id, registrationId: reg.id });
      return {
        accepted: true,
        first,
        codesEntered: entries.length,
        presentOnline: present === 'online',
        message: first
          ? {
              id: `Kode ${c.code} diterima. Terima kasih, kehadiran Anda tercatat.`,
              en: `Code ${c.code} accepted. Thank you, your attendance is recorded.`,
            }
          : {
              id: `Kode ${c.code} sudah Anda masukkan sebelumnya.`,
              en: `You already entered the code ${c.code}.`,
            },
      };
    },

    /**
     * What a confirmed ticket's page shows: the codes entered so far, whether one is open now, and where the
     * person counts (from their attendance row and the entries just read: the page everyone opens at the
     * start makes no count query).
     */
    async ticketState(
      event: EventRow,
      ticket: { id: string; mode: 'onsite' | 'online'; untouched?: boolean },
    ) {
      // A ticket nothing has happened to since its sign-up has no code entries and no attendance row.
      const [settings, entries, openCodes, row] = await Promise.all([
        cachedSettings(event.id),
        ticket.untouched ? [] : repo.codeEntriesOf(db, ticket.id),
        openCount(event.id, Date.now()),
        ticket.untouched ? undefined : repo.attendanceOf(db, ticket.id),
      ]);
      const present = presenceOfConfirmed(event, ticket.mode, row, entries.length, settings);
      return { entries, openCount: openCodes, settings, present };
    },
  };
  return service;
}

export const RULE_TEXT: Record<OnlineRule, Text> = {
  join: {
    id: 'Masuk lewat tautan pribadi (atau tercatat di laporan Zoom/Meet)',
    en: 'Joined through the personal link (or listed in the Zoom/Meet report)',
  },
  code: { id: 'Memasukkan kode presensi', en: 'Entered attendance codes' },
  join_and_code: {
    id: 'Masuk ruang daring dan memasukkan kode presensi',
    en: 'Joined the online room and entered attendance codes',
  },
  duration: {
    id: 'Hadir minimal sekian persen durasi (laporan Zoom/Meet)',
    en: 'Attended at least a share of the time (Zoom/Meet report)',
  },
  code_or_duration: {
    id: 'Memasukkan kode presensi atau hadir minimal sekian persen durasi',
    en: 'Entered attendance codes or attended at least a share of the time',
  },
};
