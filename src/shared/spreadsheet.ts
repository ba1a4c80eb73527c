/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return before one; the
 * full-width forms in East Asian input) as a formula: a participant's name must never become one
 * (CSV/XLSX injection, e.g. `=HYPERLINK(…)`), so such cells get a leading apostrophe, in CSV and XLSX alike.
 */
export function safeCell(v: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(v) ? `'${v}` : v;
}
