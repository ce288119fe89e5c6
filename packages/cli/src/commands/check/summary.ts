/**
 * The gate for pipelines: a Markdown summary (a job summary, a merge-request note, a pull-request
 * comment), CI annotations on the model lines of the failing items, and step outputs. The numbers
 * are the gate's own (core's posture), so they match `check --format json`, `analyze` and the reports.
 */
import { bandName, locate, type Band, type BandCounts, type GateItem, type GateResult, type SourceLocation } from '@threatwright/core';
import { plural } from '../../terminal.js';
import { mdCell, mdText } from '@threatwright/render';
import type { Assessed, LoadedModel } from './assessment.js';

const BANDS: readonly Band[] = ['critical', 'high', 'medium', 'low'];
const KIND_TEXT: Record<GateItem['kind'], string> = { risk: 'risk', 'overdue-mitigation': 'overdue mitigation', 'expired-acceptance': 'expired acceptance', unrated: 'unrated', 'stale-component': 'stale component' };


/** A gate item's band as shown: its band, `unrated` for a threat without one, a dash for a component gone stale. */
export function itemBand(item: GateItem): string {
  return item.band !== undefined ? bandName(item.band) : item.kind === 'stale-component' ? '—' : 'unrated';
}

/** Where a gate item is written in the model: the threat's entry or its first element, or the mitigation. */
export function itemLocation(m: LoadedModel, a: Assessed, item: GateItem): SourceLocation | undefined {
  if (item.kind === 'stale-component') {
    const i = (m.model.components ?? []).findIndex((x) => x.id === item.subject);
    return i >= 0 ? locate(m.loaded, ['components', i]) : undefined;
  }
  if (item.kind === 'overdue-mitigation') {
    const i = (m.model.mitigations ?? []).findIndex((x) => x.id === item.subject);
    return i >= 0 ? locate(m.loaded, ['mitigations', i]) : undefined;
  }
  const t = a.analysis.threats.find((x) => x.id === item.subject);
  if (!t) return undefined;
  if (t.entry !== undefined) return locate(m.loaded, ['threats', t.entry]);
  for (const id of t.elements) {
    const c = (m.model.components ?? []).findIndex((x) => x.id === id);
    if (c >= 0) return locate(m.loaded, ['components', c]);
    const f = (m.model.flows ?? []).findIndex((x) => x.id === id);
    if (f >= 0) return locate(m.loaded, ['flows', f]);
  }
  return undefined;
}

function countsRow(label: string, open: BandCounts, mitigated: BandCounts, baseline: BandCounts, key: Band | 'unrated' | 'total', strong = false): string {
  const cell = (n: number) => (strong ? `**${String(n)}**` : String(n));
  return `| ${label} | ${cell(open[key])} | ${cell(mitigated[key])} | ${cell(baseline[key])} |`;
}

export interface SummaryOptions {
  /** The model as the reader knows it (a path in their repository). */
  file: string;
  today: string;
  version: string;
  /** Where the test evidence came from, when there was some. */
  evidence?: string | undefined;
  /** How a location's file is named to the reader (default: as loaded). */
  where?: ((file: string) => string) | undefined;
  /** A link for each failing item's location, e.g. to the file on the forge; plain text when absent. */
  link?: ((location: SourceLocation) => string | undefined) | undefined;
}

/** The gate as Markdown: verdict, open risks by band, failing items highest risk first, and what is not gated. */
export function checkMarkdown(gate: GateResult, m: LoadedModel, a: Assessed, options: SummaryOptions): string {
  const at = bandName(gate.failOn);
  const out: string[] = [];
  out.push(
    gate.passed
      ? `### ✅ Threatwright: ${mdText(options.file)} passes the gate at ${at}`
      : `### ❌ Threatwright: ${mdText(options.file)} fails the gate at ${at}: ${plural(gate.items.length, 'item')}`,
  );
  const p = gate.posture;
  out.push(
    [
      '| Residual risk | Open | Mitigated | Baseline |',
      '| --- | ---: | ---: | ---: |',
      ...BANDS.map((b) => countsRow(bandName(b), p.open, p.mitigated, p.baseline, b)),
      countsRow('Unrated', p.open, p.mitigated, p.baseline, 'unrated'),
      countsRow('**Total**', p.open, p.mitigated, p.baseline, 'total', true),
    ].join('\n'),
  );
  const decided = [p.accepted > 0 ? `${String(p.accepted)} accepted` : '', p.transferred > 0 ? `${String(p.transferred)} transferred` : '', p.dismissed > 0 ? `${String(p.dismissed)} dismissed` : ''].filter((x) => x !== '');
  const notes: string[] = [];
  if (decided.length > 0) notes.push(`Decided: ${decided.join(' · ')}.`);
  if (gate.baseline.live > 0) {
    notes.push(
      `Baseline: ${plural(gate.baseline.live, 'entry', 'entries')} open (STRIDE questions the model does not answer yet), ${gate.baseline.counted ? 'counted by the gate' : 'not gated'}.`,
    );
  }
  if (gate.unrated.open > 0 && gate.unrated.policy === 'warn') {
    notes.push(`Unrated: ${plural(gate.unrated.open, 'open threat')} with no likelihood and impact, so the gate cannot judge ${gate.unrated.open === 1 ? 'it' : 'them'}.`);
  }
  if (notes.length > 0) out.push(notes.join(' '));

  if (gate.items.length > 0) {
    const rows = gate.items.map((item) => {
      const loc = itemLocation(m, a, item);
      const where = loc ? `${options.where ? options.where(loc.file) : loc.file}:${String(loc.line)}` : '';
      const href = loc && options.link ? options.link(loc) : undefined;
      const place = where === '' ? ' ' : href !== undefined ? `[${mdText(where)}](${href})` : mdCell(where);
      return `| ${KIND_TEXT[item.kind]} | ${itemBand(item)} | ${mdCell(item.subject)} | ${mdCell(item.title)} | ${mdCell(item.message)} | ${place} |`;
    });
    out.push(`#### Failing items, highest risk first\n\n| Kind | Band | Subject | Title | Why | Where |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}`);
  }
  const mt = gate.metrics;
  const facts = [
    `Overdue mitigations: ${String(mt.overdueMitigations)}`,
    `expired acceptances: ${String(mt.expiredAcceptances)}`,
    ...(options.evidence !== undefined ? [`test evidence: ${mdText(options.evidence)}`] : []),
  ];
  out.push(`${facts.join(' · ')}.`);
  out.push(`<sub>Judged on ${options.today} by threatwright ${mdText(options.version)}: \`threatwright check --fail-on ${gate.failOn}${gate.unrated.policy === 'fail' ? ' --unrated fail' : ''}${gate.baseline.counted ? ' --count-baseline' : ''}\`</sub>`);
  return `${out.join('\n\n')}\n`;
}

/** Step outputs, one `name=value` line each (values are numbers and words, never model text). */
export function checkOutputs(gate: GateResult): Record<string, string> {
  const p = gate.posture.open;
  return {
    passed: String(gate.passed),
    'fail-on': gate.failOn,
    items: String(gate.items.length),
    critical: String(p.critical),
    high: String(p.high),
    medium: String(p.medium),
    low: String(p.low),
    unrated: String(p.unrated),
    open: String(p.total),
    mitigated: String(gate.posture.mitigated.total),
    accepted: String(gate.posture.accepted),
    baseline: String(gate.posture.baseline.total),
  };
}
