import ExcelJS from 'exceljs';
import { safeCell } from '../../../shared/spreadsheet.js';
import { type AttendanceList, COLS, totalLine } from './lists.js';

/** The same list as a workbook: title rows, the table with print titles, totals and the signers. */
export async function listXlsx(list: AttendanceList): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Aula';
  const ws = wb.addWorksheet('Daftar Hadir', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 6 }, { width: 34 }, { width: 30 }, { width: 14 }, { width: 26 }];
  const title = (text: string, sz: number) => {
    const row = ws.addRow([safeCell(text)]);
    ws.mergeCells(row.number, 1, row.number, 5);
    row.getCell(1).font = { bold: true, size: sz };
    row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  };
  title('DAFTAR HADIR', 14);
  title(list.heading, 12);
  title(list.event, 12);
  ws.addRow([]);
  ws.addRow(['', 'Hari, tanggal', `: ${list.dateLine}`]);
  ws.addRow(['', 'Tempat', `: ${list.placeLine || '-'}`]);
  ws.addRow([]);
  const head = ws.addRow(COLS.map((c) => c.title));
  const border = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  } as const;
  head.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.border = border;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEAEAEA' } };
  });
  ws.pageSetup.printTitlesRow = `${head.number}:${head.number}`;
  for (const [i, r] of list.rows.entries()) {
    // Text values, prefixed like the CSV: a name like "=HYPERLINK(…)" stays text even when edited.
    const row = ws.addRow([i + 1, safeCell(r.name), safeCell(r.institution), r.mode, r.sign]);
    row.height = list.kind === 'hall' || list.kind === 'committee' ? 26 : 18;
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = border;
      c.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal: col === 1 || col === 4 ? 'center' : 'left',
      };
    });
  }
  ws.addRow([]);
  const total = ws.addRow(['', totalLine(list)]);
  total.getCell(2).font = { bold: true };
  if (list.signers.length) {
    ws.addRow([]);
    const cols = list.signers.length > 1 ? [2, 5] : [5];
    const at = (values: string[]) => {
      const row = ws.addRow([]);
      values.forEach((v, i) => {
        if (cols[i]) row.getCell(cols[i]!).value = safeCell(v);
      });
    };
    at(list.signers.length > 1 ? ['', list.signLine] : [list.signLine]);
    if (list.signers.length > 1 && !/^mengetahui/i.test(list.signers[0]!.label)) at(['Mengetahui,', '']);
    at(list.signers.map((s) => s.label));
    ws.addRow([]);
    ws.addRow([]);
    at(list.signers.map((s) => s.name || '(……………………………)'));
    at(list.signers.map((s) => s.idNumber));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
