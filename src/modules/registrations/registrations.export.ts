import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Locale, Text } from '../../i18n/index.js';
import { safeCell } from '../../shared/spreadsheet.js';
import type { RegistrationAdminDto } from './registrations.schemas.js';

const COLS: { key: string; label: Text; get: (r: RegistrationAdminDto) => string; validated?: boolean }[] = [
  { key: 'name', label: { id: 'Nama', en: 'Name' }, get: (r) => r.name },
  { key: 'frontTitles', label: { id: 'Gelar depan', en: 'Front titles' }, get: (r) => r.frontTitles ?? '' },
  { key: 'backTitles', label: { id: 'Gelar belakang', en: 'Back titles' }, get: (r) => r.backTitles ?? '' },
  { key: 'fullName', label: { id: 'Nama di sertifikat', en: 'Name on certificate' }, get: (r) => r.fullName },
  { key: 'institution', label: { id: 'Instansi', en: 'Institution' }, get: (r) => r.institution ?? '' },
  { key: 'phone', label: { id: 'WhatsApp', en: 'WhatsApp' }, get: (r) => r.phone ?? '', validated: true },
  { key: 'email', label: { id: 'E-mail', en: 'E-mail' }, get: (r) => r.email ?? '' },
  { key: 'mode', label: { id: 'Kehadiran', en: 'Mode' }, get: (r) => r.mode },
  { key: 'status', label: { id: 'Status', en: 'Status' }, get: (r) => r.status },
  { key: 'seat', label: { id: 'Kursi', en: 'Seat' }, get: (r) => r.seat ?? '' },
  { key: 'source', label: { id: 'Sumber', en: 'Source' }, get: (r) => r.source },
  { key: 'createdAt', label: { id: 'Waktu daftar', en: 'Registered at' }, get: (r) => r.createdAt },
];

function rows(list: RegistrationAdminDto[], locale: Locale) {
  const answerKeys = [...new Set(list.flatMap((r) => Object.keys(r.answers)))];
  const header = [...COLS.map((c) => c.label[locale]), ...answerKeys];
  const body = list.map((r) => [
    // Validated E.164 numbers start with + and stay as typed: no formula can hide in digits.
    ...COLS.map((c) => (c.validated ? c.get(r) : safeCell(c.get(r)))),
    ...answerKeys.map((k) => {
      const a = r.answers[k];
      return safeCell(Array.isArray(a) ? a.join('; ') : a === undefined ? '' : String(a));
    }),
  ]);
  return { header, body };
}

/** CSV with a BOM so Excel opens Indonesian names correctly. */
export function toCsv(list: RegistrationAdminDto[], locale: Locale): string {
  const { header, body } = rows(list, locale);
  return `\uFEFF${Papa.unparse([header, ...body])}\r\n`;
}

export async function toXlsx(list: RegistrationAdminDto[], locale: Locale, title: string): Promise<Buffer> {
  const { header, body } = rows(list, locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Aula';
  const ws = wb.addWorksheet(locale === 'id' ? 'Pendaftar' : 'Registrations');
  ws.addRow([title]).font = { bold: true, size: 13 };
  const h = ws.addRow(header);
  h.font = { bold: true };
  for (const r of body) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = Math.min(
      40,
      Math.max(10, ...[header[i] ?? '', ...body.map((r) => r[i] ?? '')].map((v) => v.length + 2)),
    );
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
