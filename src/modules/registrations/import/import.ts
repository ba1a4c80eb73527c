import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { splitBilingual } from '../../../http/validation.js';
import type { Text } from '../../../i18n/index.js';
import { RegisterInput } from '../registrations.schemas.js';

/** Column names organizers actually use, in both languages, mapped to our fields. */
const ALIASES: Record<string, string[]> = {
  name: ['name', 'nama', 'nama lengkap', 'nama peserta'],
  frontTitles: ['fronttitles', 'gelar depan', 'front titles'],
  backTitles: ['backtitles', 'gelar belakang', 'back titles'],
  institution: ['institution', 'instansi', 'lembaga', 'asal instansi', 'instansi/lembaga'],
  phone: [
    'phone',
    'whatsapp',
    'wa',
    'no wa',
    'nomor wa',
    'no. wa',
    'no hp',
    'no. hp',
    'nomor hp',
    'telepon',
    'nomor whatsapp',
  ],
  email: ['email', 'e-mail', 'surel'],
  mode: ['mode', 'kehadiran', 'luring/daring', 'hadir'],
};
const MODE_WORDS: Record<string, 'onsite' | 'online'> = {
  onsite: 'onsite',
  luring: 'onsite',
  offline: 'onsite',
  'tatap muka': 'onsite',
  aula: 'onsite',
  online: 'online',
  daring: 'online',
  zoom: 'online',
};

interface ImportRow {
  line: number;
  input: Record<string, unknown>;
  errors: Text[];
  name: string;
}

const MAX_IMPORT_ROWS = 5000;

function field(header: string): string | null {
  const h = header.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [k, names] of Object.entries(ALIASES)) if (names.includes(h)) return k;
  return null;
}

/** Reads the first sheet of an XLSX or a CSV (comma or semicolon, as Indonesian Excel saves it) into records. */
export async function readTable(file: Buffer, filename: string): Promise<Record<string, string>[]> {
  if (/\.xlsx$/i.test(filename) || file.subarray(0, 2).toString() === 'PK') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => {
        if (v === null || v === undefined) return '';
        if (typeof v === 'object' && v && 'text' in v) return String((v as { text: unknown }).text);
        if (typeof v === 'object' && v && 'result' in v)
          return String((v as { result: unknown }).result ?? '');
        return String(v);
      });
      rows.push(values);
    });
    const headerIdx = rows.findIndex((r) => r.some((c) => field(c) === 'name'));
    if (headerIdx < 0) return [];
    const header = rows[headerIdx]!;
    return rows.slice(headerIdx + 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  }
  const text = file.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
  });
  return parsed.data;
}

/** Validates every row like a registration; a row's errors name its line as the organizer sees it. */
export function validateRows(
  records: Record<string, string>[],
  defaultMode: 'onsite' | 'online' | null,
): { rows: ImportRow[]; missing: string[] } {
  const headers = Object.keys(records[0] ?? {});
  const map = new Map(headers.map((h) => [h, field(h)]));
  const missing = [...map.values()].includes('name') ? [] : ['name'];
  const seen = new Map<string, number>();
  const rows = records.slice(0, MAX_IMPORT_ROWS).map((rec, i) => {
    const line = i + 2;
    const v: Record<string, string> = {};
    for (const [h, f] of map) if (f && rec[h]?.trim()) v[f] = rec[h]!.trim();
    const errors: Text[] = [];
    let mode: string | undefined = defaultMode ?? undefined;
    if (v.mode) {
      mode = MODE_WORDS[v.mode.toLowerCase()];
      if (!mode)
        errors.push({
          id: `kehadiran "${v.mode}" tidak dikenal (luring/daring)`,
          en: `unknown mode "${v.mode}" (onsite/online)`,
        });
    }
    const input = { ...v, mode, consent: true };
    const r = RegisterInput.safeParse(input);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const f = issue.path.join('.');
        errors.push(
          issue.code === 'custom'
            ? splitBilingual(issue.message, f)
            : { id: `${f}: ${issue.message}`, en: `${f}: ${issue.message}` },
        );
      }
    } else {
      for (const key of [r.data.phone, r.data.email].filter(Boolean) as string[]) {
        const first = seen.get(key);
        if (first)
          errors.push({ id: `sama dengan baris ${first} (${key})`, en: `same as line ${first} (${key})` });
        else seen.set(key, line);
      }
    }
    return {
      line,
      input: r.success ? { ...input, phone: r.data.phone, email: r.data.email } : input,
      errors,
      name: v.name ?? '',
    };
  });
  return { rows, missing };
}
