/**
 * The terminal summary of an analysis: counts by band and category, the top risks and why, the
 * baseline (what the model does not yet say, per entry point) and the open questions. Baseline
 * entries are questions, not threats: they are counted and listed apart from the findings.
 */
import { compareRisk, groupBaseline, isOpen, riskBand, RISK_BANDS, type AnalysisResult, type Question, type RiskBand, type Threat } from '@threatwright/core';
import type { Colors } from 'picocolors/types.js';
import { terminalLine } from '../../terminal.js';

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function score(t: Threat): number {
  return t.likelihood !== undefined && t.impact !== undefined ? t.likelihood * t.impact : 0;
}

/** The order every output uses (core's compareRisk): band, then confirmed before possible, then score, impact and id. */
const rankable = (t: Threat) => ({ id: t.id, band: t.likelihood !== undefined && t.impact !== undefined ? riskBand(t.likelihood, t.impact) : undefined, confidence: t.confidence, score: score(t), impact: t.impact });
const byRisk = (a: Threat, b: Threat): number => compareRisk(rankable(a), rankable(b));

/** A baseline entry: a STRIDE question the model does not answer yet, not a finding. */
export const isBaseline = (t: Pick<Threat, 'confidence'>): boolean => t.confidence === 'baseline';

/**
 * The open threats (baseline entries left out), highest risk first (band, then confirmed before possible, then score, impact and id), and how many there are. With
 * `limit`, only the first `limit` are ranked: the summary shows ten of thousands.
 */
export function rankOpen(result: Pick<AnalysisResult, 'threats'>, limit = Infinity): { ranked: Threat[]; open: number } {
  const open = result.threats.filter((t) => isOpen(t.status) && !isBaseline(t));
  if (open.length <= limit) return { ranked: open.sort(byRisk), open: open.length };
  if (limit <= 0) return { ranked: [], open: open.length };
  // The first `limit` by insertion into a short sorted list: most threats are compared once, with its last.
  const ranked: Threat[] = [];
  for (const t of open) {
    if (ranked.length === limit && byRisk(t, ranked[limit - 1] as Threat) >= 0) continue;
    let i = ranked.length;
    while (i > 0 && byRisk(t, ranked[i - 1] as Threat) < 0) i--;
    ranked.splice(i, 0, t);
    if (ranked.length > limit) ranked.pop();
  }
  return { ranked, open: open.length };
}

function bandColor(c: Colors, band: RiskBand | undefined): (s: string) => string {
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
export function baselineGroups(threats: readonly Threat[], order: ReadonlyMap<string, unknown> = new Map()): BaselineGroup[] {
  const entries = threats.filter((t) => isBaseline(t) && isOpen(t.status));
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

  // Baseline entries are questions: take them out of the threat counts (the JSON counts keep them, with `counts.baseline`).
  let baselineAll = 0;
  const byBand: Record<RiskBand, number> = { ...k.byBand };
  const byCategory: Record<string, number> = { ...k.byCategory };
  const byStatus: Record<string, number> = { ...k.byStatus };
  for (let i = 0; i < result.threats.length; i++) {
    const t = result.threats[i] as Threat;
    if (!isBaseline(t)) continue;
    baselineAll++;
    const cat = t.category ?? 'uncategorized';
    byCategory[cat] = (byCategory[cat] ?? 0) - 1;
    byStatus[t.status] = (byStatus[t.status] ?? 0) - 1;
    const band = result.risk.threats[i]?.band;
    if (isOpen(t.status) && band !== undefined) byBand[band]--;
  }
  const threats = k.threats - baselineAll;
  const derived = k.derived - baselineAll;
  const open = k.open - k.baseline;
  const baselineNote = k.baseline > 0 ? ` · ${plural(k.baseline, 'baseline entry', 'baseline entries')} open` : '';
  out.push(`${c.bold(clean(result.system))} — ${plural(threats, 'threat')} (${derived} derived, ${k.manual} manual) across ${plural(k.elements, 'element')}; ${c.bold(`${open} open`)}${baselineNote}`);
  const bands = RISK_BANDS.map((b) => bandColor(c, b)(`${b} ${byBand[b]}`)).join('  ');
  out.push(`  Open by risk:   ${bands}`);
  const cats = Object.entries(byCategory).filter(([, n]) => n > 0).map(([cat, n]) => `${clean(cat)} ${n}`).join(' · ');
  if (cats) out.push(`  By category:    ${cats}`);
  const statuses = Object.entries(byStatus).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(' · ');
  if (statuses) out.push(`  By status:      ${statuses}`);

  const { ranked: shown, open: ranked } = rankOpen(result, options.all ? Infinity : options.top);
  if (shown.length > 0) {
    out.push('', c.bold(options.all ? 'Open threats' : `Top risks${ranked > shown.length ? ` (${shown.length} of ${ranked} open)` : ''}`));
    shown.forEach((t, i) => {
      const band = t.likelihood !== undefined && t.impact !== undefined ? riskBand(t.likelihood, t.impact) : undefined;
      const rating = band ? `${band} ${t.likelihood ?? ''}×${t.impact ?? ''}` : 'unrated';
      const tag = t.source === 'manual' ? c.dim(' (manual)') : t.confidence === 'possible' ? c.dim(' (possible)') : '';
      out.push(`${String(i + 1).padStart(3)}. ${bandColor(c, band)(rating.padEnd(14))} ${c.cyan(clean(t.id))}  ${clean(t.title)}${tag}`);
      out.push(`       ${clean(t.message)}`);
      if (t.facts.length > 0) out.push(c.dim(`       why: ${t.facts.map((f) => clean(f.text)).join('; ')}`));
      if (t.closesWhen.length > 0) out.push(c.dim(`       closes when: ${t.closesWhen.map((w) => clean(`${w.subject} ${w.key}: ${String(w.value)}`)).join(', ')}`));
      if (t.expired) out.push(c.yellow(`       the decision expired on ${t.expires ?? ''}`));
    });
  }

  const groups = k.baseline > 0 ? baselineGroups(result.threats, names) : [];
  const baselineIds = new Set<string>();
  if (groups.length > 0) {
    for (const t of result.threats) if (isBaseline(t) && isOpen(t.status)) baselineIds.add(t.id);
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
