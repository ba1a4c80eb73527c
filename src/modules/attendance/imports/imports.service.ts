import Papa from 'papaparse';
import type { AppContext } from '../../../context.js';
import { errors, what } from '../../../errors.js';
import type { AuthUser } from '../../../http/types.js';
import { newId } from '../../../shared/ids.js';
import { fullName } from '../../../shared/names.js';
import { isoInZone } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { attendanceRepository as repo } from '../attendance.repository.js';

interface ReportRow {
  rowNo: number;
  name: string;
  email: string | null;
  minutes: number;
}

const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const NAME = [
  'name (original name)',
  'name',
  'participant name',
  'display name',
  'full name',
  'nama',
  'nama peserta',
  'nama lengkap',
  'participant',
];
const FIRST = ['first name', 'nama depan'];
const LAST = ['last name', 'nama belakang'];
const EMAIL = [
  'user email',
  'email',
  'e-mail',
  'email address',
  'attendee email',
  'participant email',
  'alamat email',
];
const MINUTES = [
  'duration (minutes)',
  'total duration (minutes)',
  'time in session (minutes)',
  'duration (mins)',
  'durasi (menit)',
  'duration',
  'durasi',
];
const JOIN = ['join time', 'time joined', 'first seen', 'waktu bergabung', 'first join'];
const LEAVE = ['leave time', 'time exited', 'last seen', 'waktu keluar', 'last leave'];

/** "1 hr 5 min", "55 min", "01:05:10", "65" → minutes. */
export function parseMinutes(v: string): number | null {
  const s = v.trim().toLowerCase();
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s));
  const hms = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (hms) return Number(hms[1]) * 60 + Number(hms[2]) + Math.round(Number(hms[3] ?? 0) / 60);
  const h = /(\d+)\s*(h|hr|hrs|hour|hours|jam)\b/.exec(s);
  const m = /(\d+)\s*(m|min|mins|minute|minutes|menit)\b/.exec(s);
  const sec = /(\d+)\s*(s|sec|secs|second|seconds|detik)\b/.exec(s);
  if (!h && !m && !sec) return null;
  return Number(h?.[1] ?? 0) * 60 + Number(m?.[1] ?? 0) + (sec && !h && !m ? 1 : 0);
}

/**
 * Reads a Zoom participant report or a Google Meet attendance report. Zoom puts a block of meeting
 * details above the participants, so the header is the first row that names a participant column.
 * A file without a name column and a time column is refused with the columns it does have.
 */
export function parseReport(csv: string): { source: 'zoom' | 'meet'; rows: ReportRow[] } {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const table = parsed.data.filter((r) => Array.isArray(r));
  const find = (header: string[], names: string[]) => header.findIndex((h) => names.includes(norm(h)));
  let headerAt = -1;
  for (let i = 0; i < Math.min(table.length, 40); i++) {
    const h = table[i]!;
    if (find(h, NAME) >= 0 || (find(h, FIRST) >= 0 && find(h, LAST) >= 0)) {
      headerAt = i;
      break;
    }
  }
  const header = headerAt >= 0 ? table[headerAt]! : (table[0] ?? []);
  const col = {
    name: find(header, NAME),
    first: find(header, FIRST),
    last: find(header, LAST),
    email: find(header, EMAIL),
    minutes: find(header, MINUTES),
    join: find(header, JOIN),
    leave: find(header, LEAVE),
  };
  const hasName = col.name >= 0 || (col.first >= 0 && col.last >= 0);
  const hasTime = col.minutes >= 0 || (col.join >= 0 && col.leave >= 0);
  if (!hasName || !hasTime) throw errors.importUnknownColumns(header.map((h) => h.trim()).filter(Boolean));
  const source = col.first >= 0 || header.some((h) => norm(h) === 'time joined') ? 'meet' : 'zoom';
  const rows: ReportRow[] = [];
  for (let i = headerAt + 1; i < table.length; i++) {
    const r = table[i]!;
    const name = (col.name >= 0 ? r[col.name] : `${r[col.first] ?? ''} ${r[col.last] ?? ''}`)?.trim() ?? '';
    if (!name) continue;
    let minutes = col.minutes >= 0 ? parseMinutes(r[col.minutes] ?? '') : null;
    if (minutes == null && col.join >= 0 && col.leave >= 0) {
      const a = Date.parse(r[col.join] ?? '');
      const b = Date.parse(r[col.leave] ?? '');
      if (Number.isFinite(a) && Number.isFinite(b) && b >= a) minutes = Math.round((b - a) / 60000);
    }
    const email = col.email >= 0 ? (r[col.email] ?? '').trim().toLowerCase() : '';
    rows.push({
      rowNo: i + 1,
      name: name.slice(0, 200),
      email: /^[^\s@]+@[^\s@]+$/.test(email) ? email.slice(0, 200) : null,
      minutes: Math.max(0, Math.min(minutes ?? 0, 24 * 60)),
    });
  }
  if (!rows.length) throw errors.importEmpty();
  return { source, rows };
}

/** A name as people type it in Zoom: titles, "Nama_Instansi" and "(Original Name)" stripped for matching. */
function nameKeys(display: string): string[] {
  const keys = new Set<string>();
  const clean = (s: string) =>
    norm(s)
      .split(' ')
      .filter(
        (w) =>
          w && !w.includes('.') && !['dr', 'ir', 'h', 'hj', 'prof', 'bapak', 'ibu', 'pak', 'bu'].includes(w),
      )
      .join(' ')
      .replace(/[^a-z0-9' ]/g, '')
      .trim();
  const paren = /^(.*?)\s*\((.*)\)\s*$/.exec(display);
  const parts = paren ? [paren[1]!, paren[2]!] : [display];
  for (const p of parts) {
    keys.add(clean(p));
    const first = p.split(/[_|]/)[0];
    if (first) keys.add(clean(first));
  }
  keys.delete('');
  return [...keys];
}

export function createImportService(ctx: AppContext) {
  const { db, bus } = ctx;

  return {
    async importReport(event: EventRow, csv: string, filename: string | null, actor: AuthUser) {
      const { source, rows } = parseReport(csv);
      const regs = await repo.emailIndex(db, event.id);
      const byEmail = new Map(regs.filter((r) => r.email).map((r) => [r.email!.toLowerCase(), r.id]));
      const byName = new Map<string, string | null>();
      for (const r of regs) {
        for (const k of [
          nameKeys(r.name)[0],
          nameKeys(fullName({ frontTitles: r.front_titles, name: r.name, backTitles: r.back_titles }))[0],
        ]) {
          if (!k) continue;
          // Two registrants with the same name: the row cannot be matched by name alone.
          byName.set(k, byName.has(k) && byName.get(k) !== r.id ? null : r.id);
        }
      }
      const importId = newId();
      const stored = rows.map((row) => {
        let reg = row.email ? byEmail.get(row.email) : undefined;
        if (!reg) {
          for (const k of nameKeys(row.name)) {
            const hit = byName.get(k);
            if (hit) {
              reg = hit;
              break;
            }
          }
        }
        return {
          id: newId(),
          import_id: importId,
          event_id: event.id,
          row_no: row.rowNo,
          name: row.name,
          email: row.email,
          minutes: row.minutes,
          registration_id: reg ?? null,
          status: reg ? ('matched' as const) : ('unmatched' as const),
        };
      });
      await repo.saveImport(
        db,
        {
          id: importId,
          event_id: event.id,
          source,
          filename,
          rows_total: rows.length,
          created_by: actor.id,
          created_at: Date.now(),
        },
        stored,
      );
      await repo.audit(db, {
        id: newId(),
        event_id: event.id,
        actor_user_id: actor.id,
        action: 'attendance.import',
        target: importId,
        data: {
          source,
          filename,
          rows: rows.length,
          matched: stored.filter((r) => r.registration_id).length,
        },
      });
      await bus.emit('attendance.changed', { eventId: event.id, kind: 'import' });
      return this.present(event, importId);
    },

    async present(event: EventRow, importId: string) {
      const head = await repo.importById(db, event.id, importId);
      if (!head) throw errors.notFound(what.reportImport);
      const rows = await repo.importRows(db, importId);
      const regs = new Map((await repo.emailIndex(db, event.id)).map((r) => [r.id, r]));
      return {
        id: head.id,
        source: head.source,
        filename: head.filename,
        createdAt: isoInZone(Number(head.created_at), event.timezone),
        total: head.rows_total,
        matched: rows.filter((r) => r.status === 'matched' || r.status === 'assigned').length,
        unmatched: rows.filter((r) => r.status === 'unmatched').length,
        rows: rows.map((r) => {
          const reg = r.registration_id ? regs.get(r.registration_id) : undefined;
          return {
            id: r.id,
            rowNo: r.row_no,
            name: r.name,
            email: r.email,
            minutes: r.minutes,
            status: r.status,
            registration: reg
              ? {
                  id: reg.id,
                  name: fullName({
                    frontTitles: reg.front_titles,
                    name: reg.name,
                    backTitles: reg.back_titles,
                  }),
                }
              : null,
          };
        }),
      };
    },

    async list(event: EventRow) {
      return (await repo.imports(db, event.id)).map((i) => ({
        id: i.id,
        source: i.source,
        filename: i.filename,
        total: i.rows_total,
        unmatched: Number(i.unmatched ?? 0),
        createdAt: isoInZone(Number(i.created_at), event.timezone),
      }));
    },

    /** The organizer's review: assign an unmatched row to a registration, or ignore it. */
    async resolveRow(
      event: EventRow,
      importId: string,
      rowId: string,
      registrationId: string | null,
      actor: AuthUser,
    ) {
      const head = await repo.importById(db, event.id, importId);
      if (!head) throw errors.notFound(what.reportImport);
      const row = await repo.importRow(db, importId, rowId);
      if (!row) throw errors.notFound(what.reportRow);
      if (registrationId) {
        const reg = await repo.registrationById(db, event.id, registrationId);
        if (reg?.status !== 'confirmed') throw errors.notFound(what.registration);
      }
      await repo.resolveImportRow(db, event.id, importId, rowId, registrationId, row.registration_id);
      await repo.audit(db, {
        id: newId(),
        event_id: event.id,
        actor_user_id: actor.id,
        action: 'attendance.import_row',
        target: rowId,
        data: { importId, name: row.name, registrationId },
      });
      await bus.emit('attendance.changed', { eventId: event.id, kind: 'import' });
      return this.present(event, importId);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
