import type { AppContext } from '../../../context.js';
import type { Db } from '../../../db/database.js';
import { inTransaction } from '../../../db/transaction.js';
import { AppError, errors, what } from '../../../errors.js';
import type { AuthUser } from '../../../http/types.js';
import type { Text } from '../../../i18n/index.js';
import type { DoorPerson } from '../../../shared/checkin.js';
import { newId } from '../../../shared/ids.js';
import { endSentence, fullName } from '../../../shared/names.js';
import { isoInZone } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import type { RegistrationsService } from '../../registrations/index.js';
import { type PresenceWindow, presenceCounts } from '../presence.js';
import { type RegistrationLite, checkinRepository as repo } from './checkin.repository.js';
import { personBrief, refuse, ticketHash, welcome } from './people.js';
import { createDoorSearch } from './search.js';
import { assertDoorOpen, CLOCK_SKEW_FLAG_MS, createWindowCache, deviceTime, when } from './window.js';

interface CheckinRequest {
  ticketCode?: string;
  registrationId?: string;
  scanId?: string;
  scannedAt?: number | string;
  /** The device's clock when it sent the request: how far off it is gets flagged on the arrival. */
  sentAt?: number;
  /** Outside the presence window: staff record the arrival anyway, with a reason for the audit log. */
  override?: { reason: string };
  device?: string;
  method?: 'qr' | 'search' | 'manual' | 'walkin';
  /** An online registrant at the door: move them to the hall (if it has room) and check in. */
  switchToOnsite?: boolean;
}

export interface CheckinResult {
  result: 'checked_in' | 'already_checked_in';
  first: boolean;
  scanId: string | null;
  message: Text;
  registration: DoorPerson;
  checkedInAt: string;
  checkedInBy: string | null;
  device: string | null;
  /** The device clock was more than 5 minutes off the server's: the time shown is the device's. */
  clockFlagged?: boolean;
  walkIn?: boolean;
}

export type SyncItemResult =
  | CheckinResult
  | { result: 'error'; scanId: string; error: { code: string; message: Text } };

export function createCheckinService(ctx: AppContext, deps: { registrations: RegistrationsService }) {
  const { db, bus } = ctx;
  const { registrations } = deps;
  const windowOf = createWindowCache(db);
  const doorSearch = createDoorSearch(db, bus);

  // The seat mode is read on every first arrival; a few seconds of caching spares the door a query.
  // The service is built once per app (src/services.ts), so this cache is shared by every route.
  const seatModes = new Map<string, { mode: string; at: number }>();
  async function seatsAtCheckin(event: EventRow): Promise<boolean> {
    const hit = seatModes.get(event.id);
    if (hit && Date.now() - hit.at < 5000) return hit.mode === 'checkin';
    const mode = (await registrations.settings(event)).seatMode;
    seatModes.set(event.id, { mode, at: Date.now() });
    return mode === 'checkin';
  }

  async function answer(
    event: EventRow,
    reg: RegistrationLite,
    first: boolean,
    scanId: string | null,
    written?: {
      checked_in_at: number;
      checked_in_by_name: string | null;
      checkin_device: string | null;
      checkin_clock_skew: number | null;
    },
    dbx: Db = db,
  ): Promise<CheckinResult> {
    // A first arrival answers with what it wrote; a repeat reads who came first.
    const att = written ?? (await repo.attendanceOf(dbx, reg.id));
    if (!att?.checked_in_at) {
      // The ticket changed (cancelled, moved) between the lookup and the write: report what it is now.
      const now = await repo.registrationById(dbx, event.id, reg.id);
      throw (now && refuse(now)) ?? errors.ticketNotFound();
    }
    const b = personBrief(reg);
    const tz = event.timezone;
    const at = Number(att.checked_in_at);
    const by = att.checked_in_by_name;
    // The date too when the arrival was on another day: "pukul 08.30" alone would say today.
    const w = when(at, tz);
    const message: Text = first
      ? welcome(b)
      : {
          id: endSentence(`Sudah check-in ${w.id}${by ? ` oleh ${by}` : ''}`),
          en: endSentence(`Already checked in ${w.en}${by ? ` by ${by}` : ''}`),
        };
    const skew = att.checkin_clock_skew == null ? null : Number(att.checkin_clock_skew);
    return {
      result: first ? 'checked_in' : 'already_checked_in',
      first,
      scanId,
      message,
      registration: b,
      checkedInAt: isoInZone(at, tz),
      checkedInBy: by,
      device: att.checkin_device,
      ...(skew != null && Math.abs(skew) > CLOCK_SKEW_FLAG_MS ? { clockFlagged: true } : {}),
    };
  }

  async function resolve(event: EventRow, req: CheckinRequest): Promise<RegistrationLite> {
    if (req.ticketCode) {
      const reg = await repo.registrationByTicket(db, req.ticketCode);
      // Another event's ticket is "not registered here": its existence elsewhere is not revealed.
      if (!reg || reg.event_id !== event.id) throw errors.ticketNotFound();
      return reg;
    }
    if (req.registrationId) {
      const reg = await repo.registrationById(db, event.id, req.registrationId);
      if (!reg) throw errors.notFound(what.registration);
      return reg;
    }
    throw errors.ticketMalformed();
  }

  /**
   * Writes one arrival; `reg` is already known to belong to the event. Inside a sync transaction
   * (`dbx`) the seat is left for after the commit, since seating takes its own transaction.
   */
  async function write(
    event: EventRow,
    regIn: RegistrationLite,
    req: CheckinRequest,
    user: AuthUser | null,
    dbx: Db = db,
    /** The window read before a sync's transaction (SQLite has one connection: no reads beside it). */
    win?: PresenceWindow,
  ): Promise<CheckinResult> {
    const inTx = dbx !== db;
    let reg = regIn;
    if (req.switchToOnsite && reg.mode === 'online' && reg.status === 'confirmed') {
      // The registrations module moves the place (hall capacity and the waitlists are its rules).
      const moved = await registrations.switchMode(reg.ticket_code, 'onsite');
      if (moved.status !== 'confirmed') throw errors.hallFull();
      reg = { ...reg, mode: moved.mode, status: moved.status, seat_id: moved.seat_id };
    }
    const refusal = refuse(reg);
    if (refusal) throw refusal;
    const { at, skew } = deviceTime(req.scannedAt, req.sentAt);
    let overridden: ReturnType<typeof outsideWindow>;
    try {
      overridden = outsideWindow(event, win ?? (await windowOf(event)), at - (skew ?? 0), req.override);
    } catch (err) {
      // Outside the window a person who already arrived is still answered "already checked in, when".
      const att = await repo.attendanceOf(dbx, reg.id);
      if (att?.checked_in_at == null) throw err;
      return answer(event, reg, false, req.scanId ?? null, undefined, dbx);
    }
    const first = await repo.checkIn(dbx, {
      registrationId: reg.id,
      eventId: event.id,
      at,
      userId: user?.id ?? null,
      userName: user?.name ?? null,
      device: req.device ?? null,
      method: req.method ?? (req.ticketCode ? 'qr' : 'search'),
      clockSkew: skew,
    });
    if (first && overridden) {
      await repo.audit(dbx, {
        id: newId(),
        event_id: event.id,
        actor_user_id: user?.id ?? null,
        action: 'attendance.checkin_override',
        target: reg.id,
        reason: overridden.reason,
        data: { name: reg.name, at, window: overridden.window, device: req.device ?? null },
      });
    }
    if (req.scanId) {
      await repo.insertScan(dbx, {
        event_id: event.id,
        scan_id: req.scanId,
        registration_id: reg.id,
        first: first ? 1 : 0,
        at: Date.now(),
        user_id: user?.id ?? null,
        device: req.device ?? null,
      });
    }
    if (!inTx && first && !reg.seat_id && (await seatsAtCheckin(event))) {
      const seat = await registrations.assignSeat(event, reg.id);
      if (seat) reg = { ...reg, seat_id: seat };
    }
    const written = first
      ? {
          checked_in_at: at,
          checked_in_by_name: user?.name ?? null,
          checkin_device: req.device ?? null,
          checkin_clock_skew: skew,
        }
      : undefined;
    return answer(event, reg, first, req.scanId ?? null, written, dbx);
  }

  /**
   * Whether an arrival at `serverAt` falls outside the doors' window: refused without an override, and with
   * one the window it broke (for the audit log). A reason is required by the schema; checked here too.
   */
  function outsideWindow(
    event: EventRow,
    w: PresenceWindow,
    serverAt: number,
    override: CheckinRequest['override'],
  ): { reason: string; window: string } | null {
    try {
      assertDoorOpen(event, w, serverAt);
      return null;
    } catch (err) {
      if (!(err instanceof AppError) || !override?.reason.trim()) throw err;
      return { reason: override.reason.trim(), window: String(err.details?.window ?? '') };
    }
  }

  /** A scan id seen before answers as it did the first time: a replayed queue changes nothing. */
  async function replay(event: EventRow, scanId: string): Promise<CheckinResult | null> {
    const seen = await repo.findScan(db, event.id, scanId);
    if (!seen) return null;
    const reg = await repo.registrationById(db, event.id, seen.registration_id);
    if (!reg) return null;
    return answer(event, reg, seen.first === 1, scanId);
  }

  const service = {
    ticketHash,
    /** For the walk-in service: one arrival of a known registration, and a scan id's first answer. */
    writeArrival: write,
    replay,
    /** Refuses a walk-in outside the doors' window (before registering anyone) unless overridden. */
    async checkDoorWindow(event: EventRow, req: Pick<CheckinRequest, 'scannedAt' | 'sentAt' | 'override'>) {
      const { at, skew } = deviceTime(req.scannedAt, req.sentAt);
      outsideWindow(event, await windowOf(event), at - (skew ?? 0), req.override);
    },

    async checkIn(event: EventRow, req: CheckinRequest, user: AuthUser | null): Promise<CheckinResult> {
      if (req.scanId) {
        const again = await replay(event, req.scanId);
        if (again) return again;
      }
      const reg = await resolve(event, req);
      const r = await write(event, reg, req, user);
      if (r.first) await bus.emit('attendance.changed', { eventId: event.id, kind: 'checkin' });
      if (r.first) await bus.emit('attendance.checked_in', { eventId: event.id, registrationId: reg.id });
      return r;
    },

    /**
     * The offline queue of one device, in the order it was scanned. Each item is answered on its own
     * (a cancelled ticket in the middle does not stop the rest); lookups are batched so 1,000 scans
     * cost two reads plus two writes each.
     */
    async sync(
      event: EventRow,
      scans: {
        scanId: string;
        ticketCode?: string;
        registrationId?: string;
        scannedAt: number;
        method?: 'qr' | 'search' | 'manual';
        override?: { reason: string };
      }[],
      device: string | undefined,
      user: AuthUser | null,
      sentAt?: number,
    ): Promise<SyncItemResult[]> {
      const seen = new Map(
        (
          await repo.findScans(
            db,
            event.id,
            scans.map((s) => s.scanId),
          )
        ).map((s) => [s.scan_id, s]),
      );
      const byCode = new Map(
        (
          await repo.registrationsByTickets(
            db,
            scans.flatMap((s) => (s.ticketCode ? [s.ticketCode] : [])),
          )
        ).map((r) => [r.ticket_code, r]),
      );
      const ids = [
        ...new Set([
          ...scans.flatMap((s) => (s.registrationId ? [s.registrationId] : [])),
          ...[...seen.values()].map((s) => s.registration_id),
        ]),
      ];
      const byId = new Map((await repo.registrationsByIds(db, event.id, ids)).map((r) => [r.id, r]));
      const win = await windowOf(event);
      const out: SyncItemResult[] = [];
      const done = new Map<string, SyncItemResult>();
      let changed = false;
      // One transaction for the whole chunk: one commit (one disk flush) instead of two per scan.
      await inTransaction(db, async (trx) => {
        for (const s of scans) {
          const twice = done.get(s.scanId);
          if (twice) {
            out.push(twice);
            continue;
          }
          try {
            const prior = seen.get(s.scanId);
            const priorReg = prior ? byId.get(prior.registration_id) : undefined;
            if (prior && priorReg) {
              out.push(await answer(event, priorReg, prior.first === 1, s.scanId, undefined, trx));
              continue;
            }
            const reg = s.ticketCode ? byCode.get(s.ticketCode) : byId.get(s.registrationId!);
            if (!reg || reg.event_id !== event.id)
              throw s.ticketCode ? errors.ticketNotFound() : errors.notFound(what.registration);
            const r = await write(event, reg, { ...s, device, sentAt }, user, trx, win);
            changed ||= r.first;
            out.push(r);
            done.set(s.scanId, r);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            out.push({ result: 'error', scanId: s.scanId, error: { code: err.code, message: err.text } });
          }
        }
      });
      if (changed && (await seatsAtCheckin(event))) {
        for (const r of out) {
          if (r.result !== 'checked_in' || r.registration.seat) continue;
          const seat = await registrations.assignSeat(event, r.registration.id);
          if (seat) {
            r.registration.seat = seat;
            r.message = welcome(r.registration);
          }
        }
      }
      if (changed) await bus.emit('attendance.changed', { eventId: event.id, kind: 'checkin' });
      return out;
    },

    async roster(event: EventRow) {
      const [rows, w] = await Promise.all([repo.roster(db, event.id), windowOf(event)]);
      return {
        eventId: event.id,
        generatedAt: Date.now(),
        // Offline, the phone refuses scans outside the doors' window itself, as the server would.
        window: { doorsOpen: w.doorsOpen, closes: w.closes },
        people: rows.map((r) => ({
          id: r.id,
          h: ticketHash(r.ticket_code),
          name: fullName({ frontTitles: r.front_titles, name: r.name, backTitles: r.back_titles }),
          institution: r.institution,
          phone4: r.phone ? r.phone.slice(-4) : null,
          mode: r.mode,
          status: r.status,
          seat: r.seat_id,
          checkedInAt: r.checked_in_at == null ? null : Number(r.checked_in_at),
          checkedInBy: r.checked_in_by_name,
        })),
      };
    },

    async search(event: EventRow, q: string) {
      const rows = await doorSearch(event.id, q);
      return rows.map((r) => ({
        ...personBrief(r),
        status: r.status,
        phone4: r.phone ? r.phone.slice(-4) : null,
        checkedInAt: r.checked_in_at == null ? null : isoInZone(Number(r.checked_in_at), event.timezone),
        checkedInBy: r.checked_in_by_name,
      }));
    },

    counts: (event: EventRow) => presenceCounts(db, event),
  };
  return service;
}

export type CheckinService = ReturnType<typeof createCheckinService>;
