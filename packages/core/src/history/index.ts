/**
 * The history of a model: what each revision's analysis says, reduced to a small record (cached by
 * content), and what follows from the records in order: per revision and per day, open threats by
 * band, decisions and their expiry, mitigations by status; how long threats stayed open before they
 * were mitigated or designed away (MTTR per band, from the revisions, not from hand-entered dates);
 * how long they waited for a first decision; and what each revision changed, for a changelog.
 *
 * Pure data: reading revisions from git is the caller's (the CLI's `history/walk.ts`, or a server).
 */
import type { AnalysisResult } from '../analyze/index.js';
import type { Model, MitigationStatus, ThreatStatus } from '../model/types.js';
import { BANDS, bandRank, type Band } from '../risk/bands.js';
import type { BandCounts, Standing } from '../risk/posture.js';
import { canonicalText, DIFF_LISTS, nameOfItem, type DiffList } from '../diff/index.js';

/** Bump when the shape of a record or of the history changes incompatibly (cached records are keyed by it). */
export const HISTORY_FORMAT_VERSION = 1;

export const MITIGATION_STATUSES: readonly MitigationStatus[] = ['proposed', 'planned', 'in-progress', 'implemented', 'verified'];

/** An element as a revision has it: enough to tell added, removed, renamed and changed apart. */
export interface ElementStamp {
  readonly list: DiffList;
  readonly id: string;
  readonly name: string;
  /** A hash of the element's canonical text: equal hashes, same element. */
  readonly hash: string;
}

/** A threat as a revision's analysis has it. */
export interface ThreatStamp {
  readonly id: string;
  readonly title: string;
  readonly band?: Band;
  readonly standing: Standing;
  readonly status: ThreatStatus;
  /** A baseline entry (a question the model does not answer yet), counted apart. */
  readonly baseline: boolean;
  /** When the decision in force (accepted, transferred, dismissed) expires (YYYY-MM-DD); from then on it is open again. */
  readonly until?: string;
  /** Its decision had already expired when the revision was made. */
  readonly expired?: boolean;
}

export interface MitigationStamp {
  readonly id: string;
  readonly title: string;
  readonly status: MitigationStatus;
  /** Its due date (YYYY-MM-DD), for overdue counts on later days. */
  readonly due?: string;
  readonly implemented: boolean;
}

/** What one revision's model and analysis come to: the unit that is cached by content hash. */
export interface RevisionRecord {
  readonly version: typeof HISTORY_FORMAT_VERSION;
  readonly elements: readonly ElementStamp[];
  readonly threats: readonly ThreatStamp[];
  readonly mitigations: readonly MitigationStamp[];
}

/** The "today" to analyse a revision with for its record: before every expiry and due date. */
export const RECORD_EPOCH = new Date(Date.UTC(1970, 0, 1));

/** A short, stable hash of a string (53 bits, as hex): for change detection, not for security. */
export function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The record of one revision, from its model and its analysis. Analyse with a `now` before any
 * decision's expiry (e.g. `RECORD_EPOCH`), so the record depends on the content alone and can be
 * cached by it: expiry and overdue dates are judged per day from `until` and `due` (`countsOf`).
 */
export function revisionRecord(model: Model, analysis: AnalysisResult): RevisionRecord {
  const elements: ElementStamp[] = [];
  for (const list of DIFF_LISTS) {
    const value = (model as unknown as Record<string, unknown>)[list];
    if (!Array.isArray(value)) continue;
    for (const item of value as unknown[]) {
      if (typeof item !== 'object' || item === null || typeof (item as { id?: unknown }).id !== 'string') continue;
      const it = item as Record<string, unknown> & { id: string };
      elements.push({ list, id: it.id, name: nameOfItem(it), hash: textHash(canonicalText(it)) });
    }
  }
  const threats: ThreatStamp[] = analysis.risk.threats.map((t) => {
    const decided = t.standing === 'accepted' || t.standing === 'transferred' || t.standing === 'dismissed';
    const finding = analysis.threats.find((f) => f.id === t.id);
    const until = decided ? (t.acceptance?.until ?? finding?.expires) : undefined;
    return {
      id: t.id,
      title: t.title,
      ...(t.band !== undefined ? { band: t.band } : {}),
      standing: t.standing,
      status: t.status,
      baseline: t.confidence === 'baseline',
      ...(until !== undefined ? { until } : {}),
      ...(finding?.expired === true || t.acceptance?.expired === true ? { expired: true } : {}),
    };
  });
  const mitigations: MitigationStamp[] = analysis.risk.mitigations.map((m) => ({
    id: m.id,
    title: m.title,
    status: m.status,
    ...(m.due !== undefined ? { due: m.due } : {}),
    implemented: m.implemented,
  }));
  return { version: HISTORY_FORMAT_VERSION, elements, threats, mitigations };
}

/** One revision of the model, oldest first, as the caller read it. */
export interface RevisionInfo {
  readonly commit: string;
  /** The commit's date (ISO 8601 with offset). */
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  /** The model's path at that revision (it may have been renamed since). */
  readonly path: string;
}

export type RevisionState =
  | { readonly kind: 'valid'; readonly record: RevisionRecord }
  /** It failed validation: reported, and skipped in every trend. */
  | { readonly kind: 'invalid'; readonly errors: number; readonly first: string }
  /** The revision removed the model. */
  | { readonly kind: 'missing' };

export interface RevisionInput extends RevisionInfo {
  readonly state: RevisionState;
}

export type CountsBand = Band | 'unrated';

/** Where things stand at a revision or on a day. */
export interface Counts {
  /** Threats to act on (baseline entries apart), by residual band. */
  readonly open: BandCounts;
  /** Open baseline entries. */
  readonly baseline: number;
  readonly mitigated: number;
  readonly accepted: number;
  readonly transferred: number;
  readonly dismissed: number;
  /** Decisions whose expiry date has passed (their threats count as open again). */
  readonly expired: number;
  readonly mitigations: Readonly<Record<MitigationStatus, number>>;
  /** Mitigations past their due date and not implemented. */
  readonly overdue: number;
}

/** What a revision changed against the previous valid one. */
export interface ChangeSummary {
  readonly elements: readonly { readonly list: DiffList; readonly id: string; readonly name: string; readonly change: 'added' | 'removed' | 'changed'; readonly renamedFrom?: string }[];
  /** Threats that appeared open, went away, were mitigated, got a decision (accepted, transferred, dismissed), or opened again. */
  readonly threats: { readonly new: number; readonly gone: number; readonly mitigated: number; readonly decided: number; readonly reopened: number };
  readonly mitigations: readonly { readonly id: string; readonly title: string; readonly before?: MitigationStatus; readonly after?: MitigationStatus }[];
}

export interface RevisionRow extends RevisionInfo {
  readonly state: 'valid' | 'invalid' | 'missing';
  /** Why it was skipped (invalid). */
  readonly problem?: string;
  readonly counts?: Counts;
  /** Against the previous valid revision (the first valid one lists everything as added). */
  readonly changes?: ChangeSummary;
}

export interface DayRow {
  /** YYYY-MM-DD (UTC). */
  readonly day: string;
  /** The revision in effect at the end of the day. */
  readonly commit: string;
  readonly counts: Counts;
}

/** How a threat left the open state. */
export type Closure = 'mitigated' | 'gone' | 'accepted' | 'transferred' | 'dismissed';

/** One stretch of time a threat was open. */
export interface OpenInterval {
  readonly from: string;
  readonly fromCommit: string;
  /** Undefined while it is still open. */
  readonly to?: string;
  readonly toCommit?: string;
  readonly closure?: Closure;
  /** The highest band it had while open. */
  readonly band: CountsBand;
  readonly days: number;
}

export interface ThreatLifecycle {
  readonly id: string;
  readonly title: string;
  /** The first revision it appeared in. */
  readonly first: string;
  readonly firstCommit: string;
  /** The first revision with a decision on it (any status but open). */
  readonly triaged?: string;
  readonly triageDays?: number;
  readonly intervals: readonly OpenInterval[];
}

/** Mean time to remediate for one band: open intervals that ended mitigated or gone. */
export interface BandMttr {
  readonly band: CountsBand;
  readonly remediated: number;
  readonly meanDays: number | null;
  readonly medianDays: number | null;
  /** Open intervals that ended in a decision (accepted, transferred, dismissed) instead. */
  readonly decided: number;
  readonly stillOpen: number;
  /** Age of the oldest interval still open. */
  readonly oldestOpenDays: number | null;
}

export interface History {
  readonly version: typeof HISTORY_FORMAT_VERSION;
  /** The day the history was judged to (YYYY-MM-DD). */
  readonly until: string;
  readonly revisions: readonly RevisionRow[];
  readonly days: readonly DayRow[];
  readonly threats: readonly ThreatLifecycle[];
  readonly mttr: readonly BandMttr[];
  readonly triage: { readonly triaged: number; readonly meanDays: number | null; readonly medianDays: number | null; readonly waiting: number; readonly oldestWaitingDays: number | null };
  /** Revisions skipped in the trends: invalid, or the model was not there. */
  readonly skipped: number;
}

const DAY_MS = 86_400_000;

function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function daysFrom(a: string, b: string): number {
  return Math.round(((Date.parse(b) - Date.parse(a)) / DAY_MS) * 10) / 10;
}

function emptyBands(): Record<CountsBand | 'total', number> {
  return { critical: 0, high: 0, medium: 0, low: 0, unrated: 0, total: 0 };
}

/** A decision that had expired by `day` (at its revision, or since: its `until` has passed). */
function expiredOn(t: ThreatStamp, day: string): boolean {
  return t.expired === true || (t.standing !== 'open' && t.standing !== 'mitigated' && t.until !== undefined && t.until <= day);
}

/**
 * Where a threat stands on a day: a decision (accepted, transferred, dismissed) whose expiry date has
 * passed counts as open again, as the analysis judges it on that day.
 */
export function standingOn(t: ThreatStamp, day: string): Standing {
  return t.standing !== 'open' && t.standing !== 'mitigated' && expiredOn(t, day) ? 'open' : t.standing;
}

/** The counts of a record as of a day (decisions that expired by then count as open again). */
export function countsOf(record: RevisionRecord, day: string): Counts {
  const open = emptyBands();
  let baseline = 0;
  let mitigated = 0;
  let accepted = 0;
  let transferred = 0;
  let dismissed = 0;
  let expired = 0;
  for (const t of record.threats) {
    const standing = standingOn(t, day);
    if (expiredOn(t, day)) expired++;
    if (standing === 'open') {
      if (t.baseline) baseline++;
      else {
        open[t.band ?? 'unrated']++;
        open.total++;
      }
    } else if (standing === 'mitigated') mitigated++;
    else if (standing === 'accepted') accepted++;
    else if (standing === 'transferred') transferred++;
    else dismissed++;
  }
  const mitigations = Object.fromEntries(MITIGATION_STATUSES.map((s) => [s, 0])) as Record<MitigationStatus, number>;
  let overdue = 0;
  for (const m of record.mitigations) {
    mitigations[m.status]++;
    if (!m.implemented && m.due !== undefined && m.due < day) overdue++;
  }
  return { open, baseline, mitigated, accepted, transferred, dismissed, expired, mitigations, overdue };
}

function changesBetween(before: RevisionRecord | undefined, beforeDay: string, after: RevisionRecord, day: string): ChangeSummary {
  const elements: ChangeSummary['elements'][number][] = [];
  const key = (e: ElementStamp) => `${e.list}\u0000${e.id}`;
  const old = new Map((before?.elements ?? []).map((e) => [key(e), e]));
  const seen = new Set<string>();
  for (const e of after.elements) {
    const k = key(e);
    seen.add(k);
    const o = old.get(k);
    if (!o) elements.push({ list: e.list, id: e.id, name: e.name, change: 'added' });
    else if (o.hash !== e.hash) elements.push({ list: e.list, id: e.id, name: e.name, change: 'changed', ...(o.name !== e.name ? { renamedFrom: o.name } : {}) });
  }
  for (const [k, o] of old) if (!seen.has(k)) elements.push({ list: o.list, id: o.id, name: o.name, change: 'removed' });
  const threats = { new: 0, gone: 0, mitigated: 0, decided: 0, reopened: 0 };
  const prior = new Map((before?.threats ?? []).map((t) => [t.id, t]));
  const now = new Set<string>();
  for (const t of after.threats) {
    now.add(t.id);
    if (t.baseline) continue;
    const p = prior.get(t.id);
    const after = standingOn(t, day);
    if (!p) {
      if (after === 'open') threats.new++;
      continue;
    }
    const before = standingOn(p, beforeDay);
    if (before === after) continue;
    if (after === 'mitigated') threats.mitigated++;
    else if (after === 'open') threats.reopened++;
    else threats.decided++;
  }
  for (const [id, p] of prior) if (!now.has(id) && !p.baseline && standingOn(p, beforeDay) === 'open') threats.gone++;
  const mitigations: ChangeSummary['mitigations'][number][] = [];
  const oldM = new Map((before?.mitigations ?? []).map((m) => [m.id, m]));
  const nowM = new Set<string>();
  for (const m of after.mitigations) {
    nowM.add(m.id);
    const o = oldM.get(m.id);
    if (o?.status !== m.status) mitigations.push({ id: m.id, title: m.title, ...(o ? { before: o.status } : {}), after: m.status });
  }
  for (const [id, o] of oldM) if (!nowM.has(id)) mitigations.push({ id, title: o.title, before: o.status });
  return { elements, threats, mitigations };
}

function worse(a: CountsBand, b: CountsBand): CountsBand {
  const rank = (x: CountsBand) => (x === 'unrated' ? -1 : bandRank(x));
  return rank(b) > rank(a) ? b : a;
}

function largest(xs: readonly number[]): number | null {
  let out: number | null = null;
  for (const x of xs) if (out === null || x > out) out = x;
  return out;
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : Math.round((((s[m - 1] as number) + (s[m] as number)) / 2) * 10) / 10;
}

interface Tracking {
  id: string;
  title: string;
  first: string;
  firstCommit: string;
  triaged?: string;
  intervals: OpenInterval[];
  /** The interval in progress. */
  open?: { from: string; fromCommit: string; band: CountsBand };
}

export interface DeriveOptions {
  /** Judge the last revision's state up to this moment (default: now). */
  readonly until?: Date;
}

/**
 * The history from the revisions, oldest first. Invalid revisions and revisions without the model
 * are listed but skipped in every trend; a threat's open time runs from the first revision that has
 * it open (not a baseline entry) to the first that has it mitigated or no longer has it (remediated),
 * or that records a decision on it (accepted, transferred, dismissed: not counted as remediated).
 * A threat that is open again later starts a new interval. Its band is the highest it had while open.
 */
export function deriveHistory(revisions: readonly RevisionInput[], options: DeriveOptions = {}): History {
  const untilDate = options.until ?? new Date();
  const until = untilDate.toISOString();
  const rows: RevisionRow[] = [];
  const tracks = new Map<string, Tracking>();
  let previous: RevisionRecord | undefined;
  let previousDay = '';
  let skipped = 0;

  const closeInterval = (tr: Tracking, at: string, commit: string, closure: Closure) => {
    if (!tr.open) return;
    tr.intervals.push({ from: tr.open.from, fromCommit: tr.open.fromCommit, to: at, toCommit: commit, closure, band: tr.open.band, days: daysFrom(tr.open.from, at) });
    delete tr.open;
  };

  for (const r of revisions) {
    const info: RevisionInfo = { commit: r.commit, date: r.date, author: r.author, subject: r.subject, path: r.path };
    if (r.state.kind !== 'valid') {
      skipped++;
      rows.push({ ...info, state: r.state.kind, ...(r.state.kind === 'invalid' ? { problem: `${String(r.state.errors)} error${r.state.errors === 1 ? '' : 's'}: ${r.state.first}` } : {}) });
      continue;
    }
    const record = r.state.record;
    const day = dayOf(r.date);
    rows.push({ ...info, state: 'valid', counts: countsOf(record, day), changes: changesBetween(previous, previousDay, record, day) });
    const seen = new Set<string>();
    for (const t of record.threats) {
      if (t.baseline) continue;
      seen.add(t.id);
      let tr = tracks.get(t.id);
      if (!tr) {
        tr = { id: t.id, title: t.title, first: r.date, firstCommit: r.commit, intervals: [] };
        tracks.set(t.id, tr);
      }
      tr.title = t.title;
      if (tr.triaged === undefined && t.status !== 'open') tr.triaged = r.date;
      const band: CountsBand = t.band ?? 'unrated';
      const standing = standingOn(t, day);
      if (standing === 'open') {
        if (tr.open) tr.open.band = worse(tr.open.band, band);
        else {
          // A decision that expired since the last revision reopened the threat on its expiry date.
          const lastEnd = tr.intervals[tr.intervals.length - 1]?.to;
          const expiry = t.standing !== 'open' && t.until !== undefined ? `${t.until}T00:00:00Z` : undefined;
          const from = expiry !== undefined && lastEnd !== undefined && Date.parse(expiry) > Date.parse(lastEnd) && Date.parse(expiry) < Date.parse(r.date) ? expiry : r.date;
          tr.open = { from, fromCommit: r.commit, band };
        }
      } else {
        closeInterval(tr, r.date, r.commit, standing);
      }
    }
    // Threats no longer derived (their element changed or went): remediated by design.
    for (const tr of tracks.values()) if (!seen.has(tr.id)) closeInterval(tr, r.date, r.commit, 'gone');
    previous = record;
    previousDay = day;
  }

  // Open intervals run to `until`.
  const threats: ThreatLifecycle[] = [...tracks.values()].map((tr) => {
    const intervals = [...tr.intervals];
    if (tr.open) intervals.push({ from: tr.open.from, fromCommit: tr.open.fromCommit, band: tr.open.band, days: daysFrom(tr.open.from, until) });
    return {
      id: tr.id,
      title: tr.title,
      first: tr.first,
      firstCommit: tr.firstCommit,
      ...(tr.triaged !== undefined ? { triaged: tr.triaged, triageDays: daysFrom(tr.first, tr.triaged) } : {}),
      intervals,
    };
  });

  const mttr: BandMttr[] = [...BANDS, 'unrated' as const].map((band) => {
    const mine = threats.flatMap((t) => t.intervals.filter((i) => i.band === band));
    const remediated = mine.filter((i) => i.closure === 'mitigated' || i.closure === 'gone').map((i) => i.days);
    const open = mine.filter((i) => i.closure === undefined).map((i) => i.days);
    return {
      band,
      remediated: remediated.length,
      meanDays: mean(remediated),
      medianDays: median(remediated),
      decided: mine.filter((i) => i.closure === 'accepted' || i.closure === 'transferred' || i.closure === 'dismissed').length,
      stillOpen: open.length,
      oldestOpenDays: largest(open),
    };
  });

  const triageDays = threats.flatMap((t) => (t.triageDays !== undefined ? [t.triageDays] : []));
  // Waiting: never decided on, and still derived at the last valid revision.
  const live = new Set((previous?.threats ?? []).filter((t) => !t.baseline).map((t) => t.id));
  const waiting = threats.filter((t) => t.triaged === undefined && live.has(t.id)).map((t) => daysFrom(t.first, until));

  return {
    version: HISTORY_FORMAT_VERSION,
    until: dayOf(until),
    revisions: rows,
    days: dailyRows(revisions, untilDate),
    threats,
    mttr,
    triage: { triaged: triageDays.length, meanDays: mean(triageDays), medianDays: median(triageDays), waiting: waiting.length, oldestWaitingDays: largest(waiting) },
    skipped,
  };
}

/** One row per day from the first valid revision to `until`: the last valid revision by the end of each day, judged as of that day. */
function dailyRows(revisions: readonly RevisionInput[], until: Date): DayRow[] {
  const valid = revisions.filter((r): r is RevisionInput & { state: { kind: 'valid'; record: RevisionRecord } } => r.state.kind === 'valid');
  const first = valid[0];
  if (!first) return [];
  const out: DayRow[] = [];
  const last = dayOf(until.toISOString());
  let k = 0;
  let current: (typeof valid)[number] | undefined;
  // Revisions made after `until` are left out; a day may have several, and the last one counts.
  for (let t = Date.parse(`${dayOf(first.date)}T00:00:00Z`); ; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > last) break;
    while (k < valid.length && dayOf((valid[k] as (typeof valid)[number]).date) <= day) current = valid[k++];
    if (current) out.push({ day, commit: current.commit, counts: countsOf(current.state.record, day) });
  }
  return out;
}

/** The band names counted, in order, for tables: critical, high, medium, low, unrated. */
export const COUNT_BANDS: readonly CountsBand[] = [...BANDS, 'unrated'];
