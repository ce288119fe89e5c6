/**
 * The threat table as CSV, for spreadsheets and GRC tools. Cells go through `csvRow` only. Every
 * threat and baseline entry is a row; `confidence` (last, so the earlier columns keep their places)
 * tells them apart: confirmed, possible or baseline. `priority` and `band` are the residual risk
 * (P1, high; `unrated` without a score) and `standing` where the threat stands (open, mitigated,
 * accepted, transferred, dismissed), as every other output counts them. Then the STRIDE or LINDDUN
 * `category`, `why` (the facts the rule found, `; `-separated), `closes_when` (the property values
 * that would close it) and the rule's `cwe` and `capec` entries, as the terminal and reports show them.
 */
import { csvRow } from '../escape/index.js';
import { BAND_OF } from '../data/risk.js';
import type { ReportData } from '../data/types.js';
import { elementNames } from './names.js';

export const CSV_COLUMNS = ['id', 'component', 'threat', 'description', 'likelihood', 'impact', 'risk_score', 'mitigation', 'owner', 'due', 'date_identified', 'status', 'confidence', 'priority', 'band', 'standing', 'category', 'why', 'closes_when', 'cwe', 'capec'] as const;

export function toCsv(data: ReportData): string {
  const name = elementNames(data.model);
  const rows = [csvRow(CSV_COLUMNS)];
  for (const t of data.threats) {
    const dues = t.mitigations.map((m) => m.due).filter((d): d is string => d !== undefined).sort();
    rows.push(
      csvRow([
        t.id,
        t.elements.map((e) => `${name(e)} (${e})`).join('; '),
        t.title,
        t.description,
        t.likelihood,
        t.impact,
        t.score,
        t.mitigations.map((m) => `${m.id}: ${m.title}`).join('; '),
        t.owner,
        dues[0],
        t.identified,
        t.status,
        t.confidence,
        t.residual?.band,
        t.residual ? BAND_OF[t.residual.band] : 'unrated',
        t.standing,
        t.category,
        t.facts.join('; '),
        t.closesWhen.join('; '),
        t.cwe.join('; '),
        t.capec.join('; '),
      ]),
    );
  }
  // CRLF, as RFC 4180 and spreadsheet tools expect.
  return rows.join('\r\n') + '\r\n';
}
