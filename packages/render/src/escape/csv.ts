/**
 * The one escaper for CSV (RFC 4180), with spreadsheet formula injection neutralised
 * (OWASP "CSV Injection"): a text cell starting with = + - @ tab or carriage return
 * (or their full-width forms) gets a leading apostrophe, so Excel, LibreOffice and
 * Google Sheets show it as text instead of evaluating it.
 */
import { neutralise } from './text.js';

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u;

export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const raw = value.replace(/\r\n?/gu, '\n');
  let text = FORMULA_START.test(value) ? `'${raw}` : raw;
  text = neutralise(text.replace(/\t/gu, ' '));
  return /[",\n\r]/u.test(text) || text !== text.trim() ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | undefined | null)[]): string {
  return values.map(csvField).join(',');
}
