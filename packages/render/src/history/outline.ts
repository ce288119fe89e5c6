/**
 * What the reports and the changelog say about a model's history, worked out once: the lead, the
 * current counts, the sampled rows of the open-threat table, the MTTR rows and the revision rows.
 * Plain text and numbers; each format escapes and lays them out.
 */
import type { BandCounts, BandMttr, Counts, History, RevisionRow } from '@threatwright/core';
import { changeSummaryText } from './summary.js';

/** The revision history in a report lists at most this many revisions, newest first. */
export const REVISIONS_SHOWN = 100;

/** Up to this many valid revisions, the open-threat table has a row per revision; beyond, a row per month. */
export const REVISION_ROWS_AT_MOST = 30;

/**
 * The revision's calendar day as its commit has it (`git log --date=short`), from its ISO date;
 * the day in UTC when the date is written some other way.
 */
export function revisionDay(row: Pick<RevisionRow, 'date'>): string {
  if (/^\d{4}-\d{2}-\d{2}/u.test(row.date)) return row.date.slice(0, 10);
  const t = Date.parse(row.date);
  return Number.isNaN(t) ? row.date : new Date(t).toISOString().slice(0, 10);
}

/** The short commit hash shown to people. */
export const shortCommit = (commit: string): string => commit.slice(0, 7);

const plural = (n: number, one: string, many = `${one}s`): string => `${String(n)} ${n === 1 ? one : many}`;

/** What a revision did, for the revision history: its change summary, or why it was skipped. */
export function revisionChangeText(row: RevisionRow): string {
  if (row.state === 'invalid') return `failed validation and was skipped${row.problem !== undefined ? ` (${row.problem})` : ''}`;
  if (row.state === 'missing') return 'the model was removed here: skipped';
  return row.changes ? changeSummaryText(row.changes) : 'no change to elements or threats';
}

/** One row of the open-threat trend table. */
export interface OpenSample {
  readonly day: string;
  /** The revision that made it (a row per revision), or in effect that day. */
  readonly commit: string;
  readonly open: BandCounts;
}

export interface TrendOutline {
  readonly valid: number;
  readonly invalid: number;
  readonly missing: number;
  /** The first day of the trend (the first valid revision's), when there is one. */
  readonly from: string | undefined;
  readonly until: string;
  /** "24 revisions analysed from 2026-01-05 to 2026-06-30; 2 skipped as invalid." */
  readonly lead: string;
  /** Where things stand on the last day (`until`), when there is a valid revision. */
  readonly current: Counts | undefined;
  /** Open threats by band: a row per valid revision, or per month end (and the last day) when there are many. */
  readonly samples: readonly OpenSample[];
  /** Whether `samples` has a row per revision (else per month end). */
  readonly perRevision: boolean;
  /** MTTR rows: every band, unrated only when some threats were. */
  readonly mttr: readonly BandMttr[];
  /** The revisions newest first, at most REVISIONS_SHOWN. */
  readonly revisions: readonly RevisionRow[];
  /** Older revisions left out of `revisions`. */
  readonly moreRevisions: number;
}

export function trendOutline(history: History): TrendOutline {
  const valid = history.revisions.filter((r) => r.state === 'valid');
  const invalid = history.revisions.filter((r) => r.state === 'invalid').length;
  const missing = history.revisions.filter((r) => r.state === 'missing').length;
  const from = history.days[0]?.day ?? (valid[0] ? revisionDay(valid[0]) : undefined);
  const skipped = [invalid > 0 ? `${plural(invalid, 'revision')} skipped as invalid` : '', missing > 0 ? `${plural(missing, 'revision')} without the model skipped` : ''].filter((x) => x !== '');
  const lead =
    valid.length === 0
      ? `No valid revision of the model to analyse${skipped.length > 0 ? ` (${skipped.join(', ')})` : ''}.`
      : `${plural(valid.length, 'revision')} analysed from ${from ?? ''} to ${history.until}${skipped.length > 0 ? `; ${skipped.join('; ')}` : ''}.`;
  const perRevision = valid.length <= REVISION_ROWS_AT_MOST;
  const samples: OpenSample[] = perRevision
    ? valid.flatMap((r) => (r.counts ? [{ day: revisionDay(r), commit: r.commit, open: r.counts.open }] : []))
    : history.days.filter((d, i, all) => i === all.length - 1 || all[i + 1]?.day.slice(0, 7) !== d.day.slice(0, 7)).map((d) => ({ day: d.day, commit: d.commit, open: d.counts.open }));
  const newest = [...history.revisions].reverse();
  return {
    valid: valid.length,
    invalid,
    missing,
    from,
    until: history.until,
    lead,
    current: history.days[history.days.length - 1]?.counts ?? valid[valid.length - 1]?.counts,
    samples,
    perRevision,
    mttr: history.mttr.filter((r) => r.band !== 'unrated' || r.remediated + r.decided + r.stillOpen > 0),
    revisions: newest.slice(0, REVISIONS_SHOWN),
    moreRevisions: Math.max(0, newest.length - REVISIONS_SHOWN),
  };
}

/** A number of days for a table, or a dash. */
export const daysText = (n: number | null): string => (n === null ? '—' : String(n));
