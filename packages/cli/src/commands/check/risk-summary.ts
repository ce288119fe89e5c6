/**
 * The risk part of `threatwright analyze`'s text output: residual risk counts, the responses in
 * force, the mitigations' state and test evidence, and each attack tree's goal.
 */
import { bandCountsText, bandName, bandOfPriority, type AnalysisResult, type Posture, type RiskMetrics } from '@threatwright/core';
import type { Colors } from 'picocolors/types.js';
import { terminalLine, plural } from '../../terminal.js';


/**
 * Counts for dashboards, one line each: the posture (core's, the numbers every output shows), then
 * the mitigations' schedule and tests.
 */
export function formatMetrics(p: Posture, m: RiskMetrics, c: Colors): string[] {
  const verification = Object.entries(m.mitigationsByVerification)
    .filter(([k]) => k !== 'not-checked' && k !== 'no-tests')
    .map(([k, n]) => `${String(n)} ${k}`)
    .join(' · ');
  const closed = [p.accepted > 0 ? `${String(p.accepted)} accepted` : '', p.transferred > 0 ? `${String(p.transferred)} transferred` : '', p.dismissed > 0 ? `${String(p.dismissed)} dismissed` : ''].filter((x) => x !== '');
  return [
    `${c.bold('Open by residual risk:')} ${bandCountsText(p.open)}`,
    ...(p.mitigated.total > 0 ? [`${c.bold('Mitigated, residual:')} ${bandCountsText(p.mitigated)}`] : []),
    ...(closed.length > 0 ? [`${c.bold('Decided:')} ${closed.join(' · ')}`] : []),
    `${c.bold('Overdue mitigations:')} ${String(m.overdueMitigations)} · ${c.bold('Expired acceptances:')} ${String(m.expiredAcceptances)} · ${c.bold('Mean time to remediate:')} ${m.mttrDays === null ? 'n/a (no threat with both an identified date and an implemented mitigation; `threatwright history` measures it from git)' : `${String(m.mttrDays)} days over ${plural(m.mttrCount, 'threat')}`}`,
    ...(verification !== '' ? [`${c.bold('Mitigation tests:')} ${verification}`] : []),
  ];
}

const MARK = { verified: '✔', failed: '✖', unverified: '○' } as const;

export function formatRiskSummary(result: Pick<AnalysisResult, 'risk' | 'attackTrees' | 'threats'>, evidence: string | undefined, c: Colors): string {
  const a = result.risk;
  const out: string[] = ['', c.bold('Risk')];
  for (const l of formatMetrics(a.posture, a.metrics, c)) out.push(`  ${l}`);
  const accepted = a.threats.filter((t) => t.disposition === 'accepted');
  const transferred = a.threats.filter((t) => t.disposition === 'transferred');
  for (const t of accepted) out.push(`  ${c.dim('accepted')}    ${terminalLine(t.id)}: ${terminalLine(t.reason)}`);
  for (const t of transferred) out.push(`  ${c.dim('transferred')} ${terminalLine(t.id)}: ${terminalLine(t.reason)}`);
  for (const t of a.threats.filter((x) => x.acceptance?.expired === true)) out.push(`  ${c.red('expired')}     ${terminalLine(t.id)}: ${terminalLine(t.reason)}`);
  const overdue = a.mitigations.filter((m) => m.overdue);
  for (const m of overdue) out.push(`  ${c.red('overdue')}     ${terminalLine(m.id)} ${terminalLine(m.title)}: due ${m.due ?? '?'} (${String(m.daysOverdue ?? 0)} days ago)${m.priority !== undefined ? `, for a ${bandName(bandOfPriority(m.priority))} threat` : ''}`);
  const checked = a.mitigations.filter((m) => m.verification === 'verified' || m.verification === 'failed' || m.verification === 'unverified');
  if (checked.length > 0) {
    out.push('', c.bold(`Mitigation tests${evidence !== undefined ? c.dim(` (${terminalLine(evidence)})`) : ''}`));
    for (const m of checked) {
      const state = m.verification as keyof typeof MARK;
      const mark = state === 'failed' ? c.red(MARK[state]) : state === 'verified' ? c.green(MARK[state]) : c.yellow(MARK[state]);
      out.push(`  ${mark} ${terminalLine(m.id)} ${terminalLine(m.title)}: ${state}${m.verificationSummary !== undefined ? ` — ${terminalLine(m.verificationSummary)}` : ''}`);
    }
  }
  if (result.attackTrees.length > 0) {
    out.push('', c.bold('Attack trees'));
    for (const t of result.attackTrees) {
      const status = t.status === 'open' ? c.red(t.status) : t.status === 'planned' ? c.yellow(t.status) : c.green(t.status);
      out.push(`  ${terminalLine(t.id)} ${terminalLine(t.goal)}: ${status} — ${terminalLine(t.reason)}`);
      if (t.cheapest) out.push(`    cheapest: ${t.cheapest.leaves.map((l) => terminalLine(l.title)).join(' + ')} (cost ${String(t.cheapest.cost ?? '?')}${t.cheapest.skill !== undefined ? `, ${t.cheapest.skill} skill` : ''})`);
      if (t.mostLikely && t.mostLikely !== t.cheapest) out.push(`    most likely: ${t.mostLikely.leaves.map((l) => terminalLine(l.title)).join(' + ')} (p = ${String(t.mostLikely.probability ?? '?')})`);
      if (t.uncovered.length > 0) out.push(`    ${String(t.uncovered.length)} of ${String(t.leaves.length)} leaves not covered by an implemented mitigation`);
    }
  }
  const top = a.threats.filter((t) => t.disposition === 'live' && t.band !== undefined && t.risk.residual !== t.risk.inherent && t.risk.inherent?.band !== t.band);
  if (top.length > 0) {
    out.push('', c.bold('Lowered by implemented mitigations'));
    for (const t of top) out.push(`  ${terminalLine(t.id)}: ${bandName(t.risk.inherent?.band ?? 'low')} → ${bandName(t.band ?? 'low')} — ${terminalLine(t.risk.residual?.explanation ?? '')}`);
  }
  return `${out.join('\n')}\n`;
}
