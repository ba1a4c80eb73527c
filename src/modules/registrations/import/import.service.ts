import { z } from 'zod';
import { errors } from '../../../errors.js';
import type { Locale } from '../../../i18n/index.js';
import type { EventRow } from '../../events/index.js';
import type { RegistrationsService } from '../registrations.service.js';
import { readTable, validateRows } from './import.js';

export const ImportOut = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  created: z.number(),
  existing: z.number(),
  rows: z.array(
    z.object({ line: z.number(), name: z.string(), ok: z.boolean(), errors: z.array(z.string()) }),
  ),
});
export type ImportResult = z.infer<typeof ImportOut>;

/**
 * Import runs in two steps: a dry run (the preview with per-row errors) and the import itself, which writes
 * nothing at all while any row is broken or the rows would not fit a mode that has no waitlist.
 */
export async function runImport(
  regs: RegistrationsService,
  event: EventRow,
  file: { data: Buffer; filename: string },
  opts: { dryRun: boolean; consent: boolean; mode: 'onsite' | 'online' | null; locale: Locale },
): Promise<ImportResult> {
  const l = opts.locale;
  const records = await readTable(file.data, file.filename);
  if (!records.length) {
    throw errors.validation({
      id: 'Berkas kosong atau tidak ada kolom "Nama".',
      en: 'The file is empty or has no "Name" column.',
    });
  }
  const { rows, missing } = validateRows(records, opts.mode);
  if (missing.length)
    throw errors.validation({
      id: 'Kolom "Nama" tidak ditemukan di baris judul.',
      en: 'No "Name" column in the header row.',
    });
  const s = await regs.settings(event);
  const room = await regs.room(event);
  for (const r of rows) {
    const m = r.input.mode as 'onsite' | 'online' | undefined;
    if (m && !s.modes.includes(m))
      r.errors.push({
        id: 'acara ini tidak menyediakan mode ini',
        en: 'this event does not offer this mode',
      });
  }
  if (!s.waitlist) {
    for (const m of ['onsite', 'online'] as const) {
      const want = rows.filter((r) => r.input.mode === m && !r.errors.length).length;
      const left = room[m];
      if (left !== null && want > left) {
        throw errors.validation({
          id: `${want} baris ${m === 'onsite' ? 'luring' : 'daring'}, tetapi hanya tersisa ${left} tempat dan daftar tunggu nonaktif. Tidak ada yang disimpan.`,
          en: `${want} ${m} rows but only ${left} places are left and the waitlist is off. Nothing was saved.`,
        });
      }
    }
  }
  const out: ImportResult = {
    dryRun: opts.dryRun,
    total: rows.length,
    created: 0,
    existing: 0,
    rows: rows.map((r) => ({
      line: r.line,
      name: r.name,
      ok: !r.errors.length,
      errors: r.errors.map((e) => e[l]),
    })),
  };
  if (opts.dryRun || rows.some((r) => r.errors.length)) return { ...out, dryRun: true };
  if (!opts.consent) {
    throw errors.validation({
      id: 'Centang pernyataan bahwa peserta telah menyetujui pemrosesan datanya.',
      en: 'Tick the statement that the participants agreed to the processing of their data.',
    });
  }
  for (const r of rows) {
    const res = await regs.register(event, r.input as never, { source: 'import' });
    if (res.created) out.created++;
    else out.existing++;
  }
  return out;
}
