/**
 * CSV for spreadsheets (RFC 4180), safe to open in Excel or LibreOffice: a cell that starts with
 * = + - @ (or a tab or carriage return) would be run as a formula there, so it gets a leading
 * apostrophe (OWASP "CSV injection"); cells with commas, quotes or line breaks are quoted.
 */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
