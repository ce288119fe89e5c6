/**
 * What a security review expects to read, computed once from the report data; the Markdown and
 * HTML writers only lay it out.
 */
import type { Asset, BandCounts, Boundary, Component, Flow, Mitigation, ThreatCategory } from '@threatwright/core';
import type { Band } from '../diagrams/graph.js';
import { isBaseline, isOpen, type ReportData, type ThreatView } from '../data/types.js';

export interface AssetRow {
  asset: Asset;
  storedIn: Component[];
  processedBy: Component[];
  carriedBy: Flow[];
}

export interface BoundaryRow {
  boundary: Boundary;
  parent: Boundary | undefined;
  components: Component[];
  /** Flows with exactly one end inside. */
  crossing: Flow[];
}

export interface Recommendation {
  mitigation: Mitigation;
  threats: ThreatView[];
  /** Sum of the open risk it addresses. */
  weight: number;
}

export interface Outline {
  /** From core's posture (baseline entries apart), as every output counts. */
  counts: { total: number; open: number; mitigated: number; accepted: number; openByBand: BandCounts };
  top: ThreatView[];
  /** Open threats after the mitigations already implemented, highest first. */
  residual: ThreatView[];
  highestResidual: Band | undefined;
  recommendations: Recommendation[];
  /** Open threats with no mitigation at all. */
  unaddressed: ThreatView[];
  assets: AssetRow[];
  boundaries: BoundaryRow[];
  acceptances: ThreatView[];
  /** likelihood (1–5) × impact (1–5) counts of open threats: heatmap[l-1][i-1]. */
  heatmap: number[][];
  categories: { category: ThreatCategory | 'uncategorised'; open: number; closed: number }[];
  statuses: { open: number; inProgress: number; mitigated: number; accepted: number; other: number };
}

const ACCEPTED = ['accepted', 'transferred'];

export function outline(data: ReportData): Outline {
  const m = data.model;
  const open = data.threats.filter(isOpen);
  const posture = data.posture;
  const residual = [...open].filter((t) => t.residual).sort((a, b) => (b.residual?.score ?? 0) - (a.residual?.score ?? 0) || a.id.localeCompare(b.id, 'en'));
  const bandRank = (b: Band) => Number(b.slice(1));
  const highestResidual = residual.reduce<Band | undefined>((best, t) => (t.residual && (!best || bandRank(t.residual.band) < bandRank(best)) ? t.residual.band : best), undefined);

  const recs = new Map<string, Recommendation>();
  for (const t of open) {
    for (const mit of t.mitigations) {
      if (mit.status === 'implemented' || mit.status === 'verified') continue;
      const r = recs.get(mit.id) ?? { mitigation: mit, threats: [], weight: 0 };
      r.threats.push(t);
      r.weight += t.score ?? 0;
      recs.set(mit.id, r);
    }
  }
  const recommendations = [...recs.values()].sort((a, b) => b.weight - a.weight || a.mitigation.id.localeCompare(b.mitigation.id, 'en'));

  const comps = m.components ?? [];
  const flows = m.flows ?? [];
  // One pass over the components and one over the flows, not one per asset or boundary: a large
  // model has hundreds of each.
  const listed = <T>(map: Map<string, T[]>, key: string, item: T) => {
    const list = map.get(key);
    if (!list) map.set(key, [item]);
    else if (list[list.length - 1] !== item) list.push(item);
  };
  const stored = new Map<string, Component[]>();
  const processed = new Map<string, Component[]>();
  const carried = new Map<string, Flow[]>();
  for (const c of comps) {
    for (const a of c.assets?.stored ?? []) listed(stored, a, c);
    for (const a of c.assets?.processed ?? []) listed(processed, a, c);
  }
  for (const f of flows) for (const a of f.data ?? []) listed(carried, a, f);
  const assets = (m.assets ?? []).map((asset) => ({
    asset,
    storedIn: stored.get(asset.id) ?? [],
    processedBy: processed.get(asset.id) ?? [],
    carriedBy: carried.get(asset.id) ?? [],
  }));
  const byId = new Map((m.boundaries ?? []).map((b) => [b.id, b]));
  /** The boundaries a component is in: its own and each one around it. */
  const chain = (c: Component): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    let cur = c.boundary;
    while (cur !== undefined && !seen.has(cur)) {
      out.push(cur);
      seen.add(cur);
      cur = byId.get(cur)?.parent;
    }
    return out;
  };
  const chains = new Map(comps.map((c) => [c.id, chain(c)]));
  const direct = new Map<string, Component[]>();
  for (const c of comps) if (c.boundary !== undefined) listed(direct, c.boundary, c);
  // A flow crosses each boundary that holds exactly one of its ends.
  const crossing = new Map<string, Flow[]>();
  for (const f of flows) {
    const from = chains.get(f.from);
    const to = chains.get(f.to);
    if (!from || !to) continue;
    const toSet = new Set(to);
    const fromSet = new Set(from);
    for (const b of from) if (!toSet.has(b)) listed(crossing, b, f);
    for (const b of to) if (!fromSet.has(b)) listed(crossing, b, f);
  }
  const boundaries = (m.boundaries ?? []).map((boundary) => ({
    boundary,
    parent: boundary.parent !== undefined ? byId.get(boundary.parent) : undefined,
    components: direct.get(boundary.id) ?? [],
    crossing: crossing.get(boundary.id) ?? [],
  }));

  const heatmap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const t of open) {
    if (t.likelihood === undefined || t.impact === undefined) continue;
    const row = heatmap[t.likelihood - 1];
    if (row && t.impact >= 1 && t.impact <= 5) row[t.impact - 1] = (row[t.impact - 1] ?? 0) + 1;
  }
  const cats = new Map<ThreatCategory | 'uncategorised', { open: number; closed: number }>();
  for (const t of data.threats) {
    const key = t.category ?? 'uncategorised';
    const c = cats.get(key) ?? { open: 0, closed: 0 };
    if (isOpen(t)) c.open++;
    else c.closed++;
    cats.set(key, c);
  }
  const statuses = { open: 0, inProgress: 0, mitigated: 0, accepted: 0, other: 0 };
  for (const t of data.threats) {
    if (t.status === 'open') statuses.open++;
    else if (t.status === 'in-progress') statuses.inProgress++;
    else if (t.status === 'mitigated') statuses.mitigated++;
    else if (ACCEPTED.includes(t.status)) statuses.accepted++;
    else statuses.other++;
  }
  return {
    counts: { total: data.threats.filter((t) => !isBaseline(t)).length, open: posture.open.total, mitigated: posture.mitigated.total, accepted: posture.accepted + posture.transferred, openByBand: posture.open },
    top: open.slice(0, 3),
    residual,
    highestResidual,
    recommendations,
    unaddressed: open.filter((t) => t.mitigations.length === 0),
    assets,
    boundaries,
    acceptances: data.threats.filter((t) => ACCEPTED.includes(t.status)),
    heatmap,
    categories: [...cats.entries()].map(([category, c]) => ({ category, ...c })).sort((a, b) => b.open + b.closed - (a.open + a.closed) || a.category.localeCompare(b.category, 'en')),
    statuses,
  };
}

/** What the test plan says about a mitigation's verification; `alarm` marks a result to emphasise. */
export function verificationResult(m: Mitigation, data: Pick<ReportData, 'mitigationState'>): { text: string; alarm: boolean } {
  const state = data.mitigationState.get(m.id);
  const tests = asList(m.verification?.test);
  const summary = state?.summary ? `: ${state.summary}` : '';
  switch (state?.verification) {
    case 'verified':
      return { text: `verified${summary}`, alarm: false };
    case 'failed':
      return { text: `failed${summary}`, alarm: true };
    case 'unverified':
      return { text: `not verified yet${summary}`, alarm: false };
    case 'no-tests':
      return { text: 'no test defined', alarm: true };
    default:
      if (m.status === 'verified') return { text: 'verified (by status)', alarm: false };
      return tests.length > 0 ? { text: 'not yet run', alarm: false } : { text: 'no test defined', alarm: true };
  }
}

/** The mitigation's status, with "overdue by N days" from the assessment. */
export function mitigationStatus(m: Mitigation, data: Pick<ReportData, 'mitigationState'>): string {
  const state = data.mitigationState.get(m.id);
  const base = m.status ?? 'proposed';
  return state?.overdue ? `${base}, overdue${state.daysOverdue !== undefined ? ` by ${state.daysOverdue} days` : ''}` : base;
}

/** The report section on the baseline tier: entries listed apart from the threats. */
export const BASELINE_TITLE = 'Baseline: what the model does not yet say';

export const TREND_TITLE = 'Trend';
export const APPENDIX_TITLE = 'Appendix';

/**
 * The report's numbered sections in order, the same in every format: the Trend comes before the
 * Appendix only when the data has the model's history. Headings and the contents take their
 * numbers from here (`sectionNumber`), so a section added or left out renumbers the rest.
 */
export function reportSections(data: Pick<ReportData, 'history'>): string[] {
  return ['Executive summary', 'System overview', 'Assets', 'Trust boundaries', 'Threat inventory', BASELINE_TITLE, 'Attack trees', 'Mitigation plan', 'Test plan and validation', 'Residual risks and acceptances', 'Unanswered questions', ...(data.history ? [TREND_TITLE] : []), APPENDIX_TITLE];
}

/** A section's number (from 1) in a list from `reportSections`; a title not in it is a bug. */
export function sectionNumber(sections: readonly string[], title: string): number {
  const i = sections.indexOf(title);
  if (i < 0) throw new Error(`no report section "${title}"`);
  return i + 1;
}

export const BASELINE_INTRO =
  'Each entry is a question, not a threat: the model does not state the fact that controls a STRIDE category where a flow enters this element from outside. Entries are never rated above medium and are left out of the threat sections, the risk overlay and the backlog. Answer them in the model: the safe value closes an entry, the unsafe one turns it into a finding.';

/** Said after the intro, with the setting set as code by each format. */
export const BASELINE_OFF = ['To leave the baseline out, set', 'rules.baseline: off', 'in the model.'] as const;

export const BASELINE_NONE = 'Nothing: the model answers every baseline question at its entry points, or the baseline is off.';

/** "Baseline: 12 STRIDE categories open on 5 entry points". */
export function baselineSummary(groups: readonly { entries: readonly unknown[] }[]): string {
  let n = 0;
  for (const g of groups) n += g.entries.length;
  return `Baseline: ${n} STRIDE ${n === 1 ? 'category' : 'categories'} open on ${groups.length} ${groups.length === 1 ? 'entry point' : 'entry points'}`;
}

/** Under the unanswered questions: how many more only baseline entries ask. */
export function baselineQuestionsNote(n: number): string {
  return `${n} more ${n === 1 ? 'question is' : 'questions are'} asked only by baseline entries: see section 6.`;
}

/** Where to read about a CWE or CAPEC entry, or a reference the model gives as an https URL. */
export interface ReferenceLink {
  label: string;
  href: string | undefined;
}

/** The threat's references: its rule's CWE and CAPEC entries (linked to MITRE), then the model's own. */
export function referenceLinks(t: Pick<ThreatView, 'cwe' | 'capec' | 'references'>): ReferenceLink[] {
  const mitre = (label: string, kind: 'cwe' | 'capec'): ReferenceLink => {
    const n = /\d+$/u.exec(label)?.[0];
    return { label, href: n === undefined ? undefined : `https://${kind}.mitre.org/data/definitions/${n}.html` };
  };
  return [...t.cwe.map((c) => mitre(c, 'cwe')), ...t.capec.map((c) => mitre(c, 'capec')), ...t.references.map((r) => ({ label: r, href: /^https:\/\/[^\s<>"]+$/u.test(r) ? r : undefined }))];
}

/** "a, b and c" lists. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

export function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
