import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { IdParam } from '../../http/params.js';
import type { AuthUser } from '../../http/types.js';
import type { Locale, Text } from '../../i18n/index.js';
import { FormFields, type FormValues, type KeptForm, saveOrShowAgain } from '../../web/forms.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';

// What the organizer's attendance pages share: their words, the page furniture and the paths.

export const T = {
  dashboard: { id: 'Kehadiran', en: 'Attendance' },
  hall: { id: 'Hadir di aula', en: 'In the hall' },
  online: { id: 'Hadir daring', en: 'Online' },
  total: { id: 'Total hadir', en: 'Present in all' },
  of: { id: 'dari {n} terdaftar', en: 'of {n} registered' },
  arrivals: { id: 'Kedatangan per 10 menit', en: 'Arrivals per 10 minutes' },
  noArrivals: { id: 'Belum ada yang check-in.', en: 'Nobody has checked in yet.' },
  live: { id: 'Angka diperbarui langsung.', en: 'Numbers update live.' },
  lists: { id: 'Daftar hadir', en: 'Attendance lists' },
  listHall: { id: 'Peserta luring (lembar tanda tangan)', en: 'In-person participants (signing sheet)' },
  listHallPresent: { id: 'Peserta luring yang hadir', en: 'In-person participants present' },
  listOnline: { id: 'Peserta daring yang hadir', en: 'Online participants present' },
  listSpeakers: { id: 'Narasumber dan moderator', en: 'Speakers and moderator' },
  listCommittee: { id: 'Panitia', en: 'Committee' },
  rule: { id: 'Aturan hadir daring', en: 'Online presence rule' },
  minCodes: { id: 'Jumlah kode minimal', en: 'Minimum codes' },
  minPercent: { id: 'Persentase durasi minimal (%)', en: 'Minimum share of the time (%)' },
  window: { id: 'Kode presensi dibuka selama (menit)', en: 'Attendance codes stay open for (minutes)' },
  doorsOpen: {
    id: 'Pintu dibuka sebelum mulai (menit)',
    en: 'Doors open before the start (minutes)',
  },
  onlineOpen: {
    id: 'Ruang daring dan kode dibuka sebelum mulai (menit)',
    en: 'Online room and codes open before the start (minutes)',
  },
  grace: { id: 'Masih dihitung setelah selesai (menit)', en: 'Still counted after the end (minutes)' },
  save: { id: 'Simpan', en: 'Save' },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  people: { id: 'Peserta', en: 'Participants' },
  name: { id: 'Nama', en: 'Name' },
  mode: { id: 'Mode', en: 'Mode' },
  status: { id: 'Kehadiran', en: 'Attendance' },
  evidence: { id: 'Bukti', en: 'Evidence' },
  fix: { id: 'Koreksi', en: 'Correct' },
  reason: { id: 'Alasan', en: 'Reason' },
  setOnsite: { id: 'Hadir luring', en: 'Present in person' },
  setOnline: { id: 'Hadir daring', en: 'Present online' },
  setAbsent: { id: 'Tidak hadir', en: 'Absent' },
  setAuto: { id: 'Ikuti aturan', en: 'Follow the rule' },
  absent: { id: 'Belum hadir', en: 'Not present' },
  audit: { id: 'Riwayat koreksi', en: 'Corrections log' },
  codes: { id: 'Kode presensi', en: 'Attendance codes' },
  newCode: { id: 'Buka kode baru', en: 'Open a new code' },
  label: { id: 'Keterangan (mis. Pembukaan, Penutupan)', en: 'Label (e.g. Opening, Closing)' },
  minutes: { id: 'Dibuka selama (menit)', en: 'Open for (minutes)' },
  openNow: { id: 'Sedang dibuka', en: 'Open now' },
  closed: { id: 'Ditutup', en: 'Closed' },
  close: { id: 'Tutup sekarang', en: 'Close now' },
  entries: { id: 'masuk', en: 'entered' },
  announce: {
    id: 'Umumkan kode ini. Peserta daring memasukkannya di halaman tiket mereka sebelum pukul {time}.',
    en: 'Announce this code. Online participants enter it on their ticket page before {time}.',
  },
  importTitle: { id: 'Impor laporan Zoom / Google Meet', en: 'Import a Zoom / Google Meet report' },
  importHelp: {
    id: 'Unduh laporan peserta (CSV) dari Zoom (Laporan → Penggunaan → Peserta) atau daftar kehadiran Google Meet, lalu pilih berkasnya atau tempel isinya di bawah.',
    en: 'Download the participant report (CSV) from Zoom (Reports → Usage → Participants) or the Google Meet attendance report, then choose the file or paste its content below.',
  },
  file: { id: 'Berkas CSV', en: 'CSV file' },
  paste: { id: 'Isi CSV', en: 'CSV content' },
  doImport: { id: 'Impor', en: 'Import' },
  unmatched: { id: 'Belum cocok', en: 'Not matched' },
  matched: { id: 'Cocok', en: 'Matched' },
  assign: { id: 'Pasangkan', en: 'Assign' },
  ignore: { id: 'Abaikan', en: 'Ignore' },
  choose: { id: '— pilih pendaftar —', en: '— choose a registrant —' },
  previous: { id: 'Impor sebelumnya', en: 'Earlier imports' },
  door: { id: 'Check-in di pintu', en: 'Door check-in' },
} satisfies Record<string, Text>;

/** A number typed into a form field; empty means "not given". */
export const num = (v: unknown) => (typeof v === 'string' && v.trim() ? Number(v) : undefined);

export const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

export const DASH_CSS = `
.big{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr))}
.big .card b{display:block;font-size:2.6rem;line-height:1.1}
.bars{display:flex;align-items:flex-end;gap:2px;height:8rem;border-bottom:1px solid var(--line)}
.bars span{flex:1;background:var(--brand);min-width:4px;border-radius:2px 2px 0 0}
.code-big{font:700 3rem/1.1 ui-monospace,monospace;letter-spacing:.2em}
`;

export const base = (e: EventRow) => `/console/events/${e.id}/attendance`;
/** Back to the event, and to the door when the viewer may open it (a moderator's codes page may not). */
export const back = (e: EventRow, l: Locale, door = true) => (
  <p class="muted">
    <a href={`/console/events/${e.id}`}>← {e.title}</a>
    {door ? (
      <>
        {' · '}
        <a href={`/console/events/${e.id}/checkin`}>{T.door[l]}</a>
      </>
    ) : null}
  </p>
);

/** A page or form post of the attendance console: answered as a page, to a signed-in user with that access. */
export async function staffEvent(
  req: FastifyRequest,
  db: Db,
  eventId: string,
  access: 'organize' | 'checkin' = 'organize',
) {
  const user = requireUser(req);
  const event = await loadEventFor(req, db, eventId, access);
  return { user, event };
}

/**
 * An organizer's form post on `url` (below `/console/events/:id`): `save` does the work and says where to go;
 * an expected error shows the page again through `showAgain`, with what was typed.
 */
export function organizerFormPost(
  base: FastifyInstance,
  url: string,
  save: (event: EventRow, values: FormValues, user: AuthUser) => Promise<string>,
  showAgain: (req: FastifyRequest, reply: FastifyReply, event: EventRow, form: KeptForm) => unknown,
  bodyLimit?: number,
) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    url,
    { schema: { hide: true, params: IdParam, body: FormFields }, ...(bodyLimit ? { bodyLimit } : {}) },
    async (req, reply) => {
      const { user, event } = await staffEvent(req, app.ctx.db, req.params.id);
      return saveOrShowAgain(
        req,
        reply,
        (values) => save(event, values, user),
        (form) => showAgain(req, reply, event, form),
      );
    },
  );
}
