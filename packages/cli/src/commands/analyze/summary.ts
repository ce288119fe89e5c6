/** The terminal summary of an analysis: counts by band and category, the top risks and why, open questions. */
import { isOpen, riskBand, RISK_BANDS, type AnalysisResult, type RiskBand, type Threat } from '@threatwright/core';
import type { Colors } from 'picocolors/types.js';
import { terminalLine } from '../../terminal.js';

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function score(t: Threat): number {
  return t.likelihood !== undefined && t.impact !== undefined ? t.likelihood * t.impact : 0;
}

/** Highest risk first; ties by impact, then id. */
const byRisk = (a: Threat, b: Threat): number => score(b) - score(a) || (b.impact ?? 0) - (a.impact ?? 0) || (a.id < b.id ? -1 : 1);

/**
 * The open threats, highest risk first (ties by impact, then id), and how many there are. With
 * `limit`, only the first `limit` are ranked: the summary shows ten of thousands.
 */
export function rankOpen(result: AnalysisResult, limit = Infinity): { ranked: Threat[]; open: number } {
  const open = result.threats.filter((t) => isOpen(t.status));
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

export function formatSummary(result: AnalysisResult, c: Colors, options: { top: number; all: boolean; questions: number }): string {
  const out: string[] = [];
  const k = result.counts;
  out.push(`${c.bold(clean(result.system))} — ${plural(k.threats, 'threat')} (${k.derived} derived, ${k.manual} manual) across ${plural(k.elements, 'element')}; ${c.bold(`${k.open} open`)}`);
  const bands = RISK_BANDS.map((b) => bandColor(c, b)(`${b} ${k.byBand[b]}`)).join('  ');
  out.push(`  Open by risk:   ${bands}`);
  const cats = Object.entries(k.byCategory).map(([cat, n]) => `${clean(cat)} ${n}`).join(' · ');
  if (cats) out.push(`  By category:    ${cats}`);
  const statuses = Object.entries(k.byStatus).map(([s, n]) => `${s} ${n}`).join(' · ');
  if (statuses) out.push(`  By status:      ${statuses}`);

  const { ranked: shown, open } = rankOpen(result, options.all ? Infinity : options.top);
  if (shown.length > 0) {
    out.push('', c.bold(options.all ? 'Open threats' : `Top risks${open > shown.length ? ` (${shown.length} of ${open} open)` : ''}`));
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

  if (result.questions.length > 0) {
    const qs = result.questions.slice(0, options.questions);
    out.push('', c.bold(`Open questions (${result.questions.length}) — each answer confirms or removes findings`));
    for (const q of qs) out.push(`  ? ${clean(q.text)}  ${c.dim(`→ ${q.affects.length === 1 ? clean(q.affects[0] ?? '') : `${q.affects.length} findings: ${q.affects.slice(0, 3).map(clean).join(', ')}${q.affects.length > 3 ? ', …' : ''}`}`)}`);
    if (result.questions.length > qs.length) out.push(c.dim(`  … and ${result.questions.length - qs.length} more (--format json lists them all)`));
  }
  return `${out.join('\n')}\n`;
}
