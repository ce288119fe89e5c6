/**
 * The terminal summary of an analysis: counts by band and category, the top risks and why, the
 * baseline (what the model does not yet say, per entry point) and the open questions. Baseline
 * entries are questions, not threats: they are counted and listed apart from the findings.
 */
import { BANDS, bandName, compareRisk, groupBaseline, rankableOf, ratingText, type AnalysisResult, type AssessedThreat, type Band, type Question, type Threat } from '@threatwright/core';
import type { Colors } from 'picocolors/types.js';
import { terminalLine } from '../../terminal.js';

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** A threat with its assessment (the residual band and score by the model's method, its standing). */
export interface Ranked {
  readonly threat: Threat;
  readonly assessed: AssessedThreat;
}

/** The order every output uses (core's compareRisk): residual band, then confirmed before possible, then score, impact and id. */
const byRisk = (a: Ranked, b: Ranked): number => compareRisk(rankableOf(a.assessed), rankableOf(b.assessed));

/** A baseline entry: a STRIDE question the model does not answer yet, not a finding. */
export const isBaseline = (t: Pick<Threat, 'confidence'>): boolean => t.confidence === 'baseline';

/**
 * The open threats (standing `open`, baseline entries left out), highest residual risk first (band,
 * then confirmed before possible, then score, impact and id), and how many there are. With `limit`,
 * only the first `limit` are ranked: the summary shows ten of thousands.
 */
export function rankOpen(result: Pick<AnalysisResult, 'threats' | 'risk'>, limit = Infinity): { ranked: Ranked[]; open: number } {
  const open: Ranked[] = [];
  // assess() keeps the threats' order.
  for (let i = 0; i < result.threats.length; i++) {
    const threat = result.threats[i] as Threat;
    const assessed = result.risk.threats[i];
    if (assessed === undefined || assessed.standing !== 'open' || isBaseline(threat)) continue;
    open.push({ threat, assessed });
  }
  if (open.length <= limit) return { ranked: open.sort(byRisk), open: open.length };
  if (limit <= 0) return { ranked: [], open: open.length };
  // The first `limit` by insertion into a short sorted list: most threats are compared once, with its last.
  const ranked: Ranked[] = [];
  for (const t of open) {
    if (ranked.length === limit && byRisk(t, ranked[limit - 1] as Ranked) >= 0) continue;
    let i = ranked.length;
    while (i > 0 && byRisk(t, ranked[i - 1] as Ranked) < 0) i--;
    ranked.splice(i, 0, t);
    if (ranked.length > limit) ranked.pop();
  }
  return { ranked, open: open.length };
}

function bandColor(c: Colors, band: Band | undefined): (s: string) => string {
  switch (band) {
    case 'critical': return (s) => c.bold(c.red(s));
    case 'high': return c.red;
    case 'medium': return c.yellow;
    case 'low': return c.green;
    default: return c.dim;
  }
}

/** Model text on one line, with control, bidi and other invisible characters shown. */
const clean = terminalLine;

/** The open baseline entries (standing `open`, as core's posture counts them). */
function openBaseline(result: Pick<AnalysisResult, 'threats' | 'risk'>): Threat[] {
  const out: Threat[] = [];
  for (let i = 0; i < result.threats.length; i++) {
    const t = result.threats[i] as Threat;
    if (isBaseline(t) && result.risk.threats[i]?.standing === 'open') out.push(t);
  }
  return out;
}

/** The baseline entries of one element: the categories they ask about, the flows they enter by, their questions. */
export interface BaselineGroup {
  readonly element: string;
  readonly categories: string[];
  readonly flows: string[];
  readonly questions: string[];
  readonly entries: number;
}

/**
 * The open baseline entries grouped by the element they are about (the first of their elements; the
 * rest are the flows that enter it), in the order of `order` (the model's), then by id;
 * categories in STRIDE order, flows in model order.
 */
export function baselineGroups(result: Pick<AnalysisResult, 'threats' | 'risk'>, order: ReadonlyMap<string, unknown> = new Map()): BaselineGroup[] {
  const entries = openBaseline(result);
  // Questions in the order the entries come, as they are asked.
  const questions = new Map<string, string[]>();
  for (const t of entries) {
    const element = t.elements[0] ?? t.id;
    const list = questions.get(element) ?? [];
    questions.set(element, list);
    for (const u of t.unstated) if (!list.includes(u.question)) list.push(u.question);
  }
  const position = new Map([...order.keys()].map((id, i) => [id, i]));
  return groupBaseline(entries, position, (t) => t.id).map((g) => ({
    element: g.element,
    categories: [...new Set(g.entries.map((t) => t.category ?? 'uncategorized'))],
    flows: g.flows,
    questions: questions.get(g.element) ?? [],
    entries: g.entries.length,
  }));
}

/** "F1, F2, F3 +4": at most `max` ids. */
function idList(ids: readonly string[], max = 6): string {
  const shown = ids.slice(0, max).map(clean).join(', ');
  return ids.length > max ? `${shown} +${ids.length - max}` : shown;
}

export interface SummaryOptions {
  readonly top: number;
  readonly all: boolean;
  readonly questions: number;
  /** Element names by id, in model order (components, then flows): labels and order of the baseline. */
  readonly names?: ReadonlyMap<string, string>;
}

export function formatSummary(result: AnalysisResult, c: Colors, options: SummaryOptions): string {
  const out: string[] = [];
  const k = result.counts;
  const names = options.names ?? new Map<string, string>();
  const label = (id: string) => {
    const name = names.get(id);
    return name === undefined || name === id ? clean(id) : `${clean(name)} (${clean(id)})`;
  };

  // One set of numbers (core's posture): baseline entries are questions, counted apart from the threats.
  const posture = result.risk.posture;
  const baselineNote = k.baseline > 0 ? ` · ${plural(k.baseline, 'baseline entry', 'baseline entries')} open` : '';
  out.push(`${c.bold(clean(result.system))} — ${plural(k.threats, 'threat')} (${k.derived} derived, ${k.manual} manual) across ${plural(k.elements, 'element')}; ${c.bold(`${k.open} open`)}${baselineNote}`);
  const bands = BANDS.map((b) => bandColor(c, b)(`${bandName(b)} ${posture.open[b]}`));
  if (posture.open.unrated > 0) bands.push(c.dim(`unrated ${posture.open.unrated}`));
  out.push(`  Open by risk:   ${bands.join('  ')}`);
  const cats = Object.entries(k.byCategory).filter(([, n]) => n > 0).map(([cat, n]) => `${clean(cat)} ${n}`).join(' · ');
  if (cats) out.push(`  By category:    ${cats}`);
  const statuses = Object.entries(k.byStatus).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(' · ');
  if (statuses) out.push(`  By status:      ${statuses}`);

  const { ranked: shown, open: ranked } = rankOpen(result, options.all ? Infinity : options.top);
  if (shown.length > 0) {
    out.push('', c.bold(options.all ? 'Open threats' : `Top risks${ranked > shown.length ? ` (${shown.length} of ${ranked} open)` : ''}`));
    const ratings = shown.map((r) => ratingText(r.assessed));
    let width = 14;
    for (const r of ratings) width = Math.max(width, r.length);
    shown.forEach(({ threat: t, assessed }, i) => {
      const rating = ratings[i] ?? '';
      const band = assessed.band;
      const tag = t.source === 'manual' ? c.dim(' (manual)') : t.confidence === 'possible' ? c.dim(' (possible)') : '';
      out.push(`${String(i + 1).padStart(3)}. ${bandColor(c, band)(rating.padEnd(width + 1))} ${c.cyan(clean(t.id))}  ${clean(t.title)}${tag}`);
      out.push(`       ${clean(t.message)}`);
      if (t.facts.length > 0) out.push(c.dim(`       why: ${t.facts.map((f) => clean(f.text)).join('; ')}`));
      if (t.closesWhen.length > 0) out.push(c.dim(`       closes when: ${t.closesWhen.map((w) => clean(`${w.subject} ${w.key}: ${String(w.value)}`)).join(', ')}`));
      if (t.expired) out.push(c.yellow(`       the decision expired on ${t.expires ?? ''}`));
    });
  }

  const groups = k.baseline > 0 ? baselineGroups(result, names) : [];
  const baselineIds = new Set<string>();
  if (groups.length > 0) {
    for (const t of openBaseline(result)) baselineIds.add(t.id);
    const listed = options.all ? groups : groups.slice(0, options.top);
    out.push('', `${c.bold(`Baseline: ${plural(k.baseline, 'STRIDE category', 'STRIDE categories')} open on ${plural(groups.length, 'entry point')}`)} ${c.dim('— what the model does not say yet; answer to close or confirm')}`);
    const labels = listed.map((g) => label(g.element));
    let width = 0;
    for (const l of labels) width = Math.min(32, Math.max(width, l.length));
    listed.forEach((g, i) => {
      const flows = g.flows.length > 0 ? c.dim(`  ← ${idList(g.flows)}`) : '';
      out.push(`  ${(labels[i] ?? '').padEnd(width)}  ${g.categories.map(clean).join(', ')}${flows}`);
      if (options.all) for (const q of g.questions) out.push(c.dim(`      ? ${clean(q)}`));
    });
    if (groups.length > listed.length) out.push(c.dim(`  … and ${plural(groups.length - listed.length, 'more entry point', 'more entry points')} (--all lists them with their questions)`));
    else if (!options.all) out.push(c.dim('  --all lists their questions'));
  }

  // Questions only baseline entries ask are the baseline's: listed with it (--all), counted here.
  const specific: Question[] = [];
  let baselineOnly = 0;
  for (const q of result.questions) {
    if (baselineIds.size > 0 && q.affects.every((id) => baselineIds.has(id))) baselineOnly++;
    else specific.push(q);
  }
  if (specific.length > 0) {
    const qs = specific.slice(0, options.questions);
    const more = baselineOnly > 0 ? `, and ${baselineOnly} more the baseline asks` : '';
    out.push('', c.bold(`Open questions (${specific.length}${more}) — each answer confirms or removes findings`));
    for (const q of qs) {
      const affects = baselineIds.size > 0 ? q.affects.filter((id) => !baselineIds.has(id)) : q.affects;
      out.push(`  ? ${clean(q.text)}  ${c.dim(`→ ${affects.length === 1 ? clean(affects[0] ?? '') : `${affects.length} findings: ${affects.slice(0, 3).map(clean).join(', ')}${affects.length > 3 ? ', …' : ''}`}`)}`);
    }
    if (specific.length > qs.length) out.push(c.dim(`  … and ${specific.length - qs.length} more (--format json lists them all)`));
  }
  return `${out.join('\n')}\n`;
}
