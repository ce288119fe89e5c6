/**
 * The history for people (a table and the remediation figures) and for spreadsheets (CSV). Model
 * and commit text goes through the terminal filter or the CSV escaper; the numbers are core's.
 */
import { bandCountsText, bandName, COUNT_BANDS, MITIGATION_STATUSES, UNRATED, type BandMttr, type Counts, type CountsBand, type History } from '@threatwright/core';
import { changeSummaryText } from '@threatwright/render';
import { csvRow, terminalLine } from '@threatwright/render/escape';
import type { Colors } from 'picocolors/types.js';
import { plural } from '../../terminal.js';

export type HistoryBy = 'revision' | 'day';

export interface HistoryLabels {
  /** The model, as the user named it. */
  file: string;
  /** The revision the history ends at, as given ("HEAD", "main"). */
  tip: string;
  shallow: boolean;
  truncated: number;
}

function bandLabel(b: CountsBand): string {
  return b === 'unrated' ? UNRATED : bandName(b);
}

function daysText(n: number | null): string {
  return n === null ? '–' : `${String(n)} ${n === 1 ? 'day' : 'days'}`;
}

const COUNT_COLUMNS = ['critical', 'high', 'medium', 'low', 'unrated', 'open', 'baseline', 'mitigated', 'accepted', 'transferred', 'dismissed', 'expired', ...MITIGATION_STATUSES.map((s) => `mitigations_${s.replace('-', '_')}`), 'overdue'];

function countCells(c: Counts | undefined): (number | undefined)[] {
  if (c === undefined) return COUNT_COLUMNS.map(() => undefined);
  return [...COUNT_BANDS.map((b) => c.open[b]), c.open.total, c.baseline, c.mitigated, c.accepted, c.transferred, c.dismissed, c.expired, ...MITIGATION_STATUSES.map((s) => c.mitigations[s]), c.overdue];
}

/** One row per revision (commit, date, author, subject, state, the counts, what it changed, why it was skipped) or per day. */
export function historyCsv(h: History, by: HistoryBy): string {
  const lines: string[] = [];
  if (by === 'day') {
    lines.push(csvRow(['day', 'commit', ...COUNT_COLUMNS]));
    for (const d of h.days) lines.push(csvRow([d.day, d.commit, ...countCells(d.counts)]));
  } else {
    lines.push(csvRow(['commit', 'date', 'author', 'subject', 'state', ...COUNT_COLUMNS, 'changes', 'problem']));
    for (const r of h.revisions) lines.push(csvRow([r.commit, r.date, r.author, r.subject, r.state, ...countCells(r.counts), r.changes ? changeSummaryText(r.changes) : undefined, r.problem]));
  }
  return `${lines.join('\n')}\n`;
}

function mttrLine(m: BandMttr): string {
  const parts = [plural(m.remediated, 'remediated', 'remediated')];
  if (m.remediated > 0) parts.push(`mean ${daysText(m.meanDays)}, median ${daysText(m.medianDays)}`);
  if (m.decided > 0) parts.push(`${String(m.decided)} decided instead`);
  parts.push(m.stillOpen > 0 ? `${String(m.stillOpen)} still open, the oldest for ${daysText(m.oldestOpenDays)}` : 'none open');
  return `  ${bandLabel(m.band).padEnd(12)} ${parts.join('; ')}`;
}

/** The table and the figures, for a terminal. */
export function historyText(h: History, labels: HistoryLabels, by: HistoryBy, c: Colors): string {
  const out: string[] = [];
  const valid = h.revisions.filter((r) => r.state === 'valid');
  const first = h.revisions[0];
  const last = h.revisions[h.revisions.length - 1];
  const span = first && last ? ` from ${first.date.slice(0, 10)} to ${last.date.slice(0, 10)}` : '';
  const why = [...new Set(h.revisions.filter((r) => r.state !== 'valid').map((r) => (r.state === 'invalid' ? 'invalid' : 'model removed')))];
  const skipped = h.skipped > 0 ? `, ${String(h.skipped)} skipped (${why.join(', ')})` : '';
  out.push(c.bold(`${terminalLine(labels.file)}: ${plural(h.revisions.length, 'revision')}${span} up to ${terminalLine(labels.tip)}${skipped}`));
  if (labels.shallow) out.push(c.yellow('⚠ this clone is shallow: the history starts where the clone was cut. Fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in CI) for true figures.'));
  if (labels.truncated > 0) out.push(c.yellow(`⚠ ${plural(labels.truncated, 'older revision')} left out by --max-revisions.`));
  out.push('');
  const head = ['P0', 'P1', 'P2', 'P3', '?', 'open', 'base', 'mitig', 'accept', 'expired', 'overdue'];
  const numbers = (counts: Counts) => [counts.open.critical, counts.open.high, counts.open.medium, counts.open.low, counts.open.unrated, counts.open.total, counts.baseline, counts.mitigated, counts.accepted + counts.transferred, counts.expired, counts.overdue].map((n, i) => String(n).padStart(Math.max(3, (head[i] ?? '').length)));
  const headCells = head.map((x) => x.padStart(3));
  if (by === 'day') {
    out.push(c.dim(`Day         Commit   ${headCells.join(' ')}`));
    for (const d of h.days) out.push(`${d.day}  ${d.commit.slice(0, 7)}  ${numbers(d.counts).join(' ')}`);
  } else {
    out.push(c.dim(`Date        Commit   ${headCells.join(' ')}  Change`));
    for (const r of h.revisions) {
      const lead = `${r.date.slice(0, 10)}  ${r.commit.slice(0, 7)}  `;
      if (r.state !== 'valid' || !r.counts) {
        out.push(`${lead}${c.yellow(r.state === 'invalid' ? `skipped: ${terminalLine(r.problem ?? 'invalid')}` : 'the model was removed')}`);
        continue;
      }
      out.push(`${lead}${numbers(r.counts).join(' ')}  ${terminalLine(`${r.subject} — ${r.changes ? changeSummaryText(r.changes) : ''}`)}`);
    }
  }
  out.push(c.dim('P0–P3, ?: open threats by band (? unrated); base: open baseline questions; mitig: mitigated; accept: accepted or transferred; expired: decisions past their date (counted open); overdue: mitigations past due.'));
  out.push('');
  out.push(c.bold('Time to remediate, from the revisions (open until mitigated or designed away):'));
  for (const m of h.mttr) if (m.remediated + m.decided + m.stillOpen > 0) out.push(mttrLine(m));
  if (h.mttr.every((m) => m.remediated + m.decided + m.stillOpen === 0)) out.push('  no threat has been open in any revision');
  const t = h.triage;
  out.push('');
  out.push(`${c.bold('Time to triage')} (first revision with a decision): ${t.triaged > 0 ? `${plural(t.triaged, 'threat')} decided, mean ${daysText(t.meanDays)}, median ${daysText(t.medianDays)}` : 'no decision recorded yet'}${t.waiting > 0 ? `; ${String(t.waiting)} waiting, the oldest for ${daysText(t.oldestWaitingDays)}` : ''}`);
  const lastValid = valid[valid.length - 1];
  const today = h.days[h.days.length - 1];
  if (lastValid && today) out.push(`${c.bold(`Open on ${today.day}:`)} ${bandCountsText(today.counts.open)}${today.counts.expired > 0 ? ` (${plural(today.counts.expired, 'decision')} expired)` : ''}`);
  return out.join('\n');
}
