/**
 * A model diff for people: terminal text, and Markdown to post on a pull request. Model text goes
 * through the terminal filter or the Markdown escaper; the numbers are core's.
 */
import { BANDS, bandName, UNRATED, type Band, type BandCounts, type ElementDiff, type ModelDiff, type ThreatDiff, type ThreatSide } from '@threatwright/core';
import { plural } from '../../terminal.js';
import { mdCell, mdCode, mdText } from '@threatwright/render';
import { terminalLine } from '@threatwright/render/escape';
import type { Colors } from 'picocolors/types.js';
import type { CodeWithoutModel } from './revisions.js';

export interface DiffLabels {
  /** The model, as the user named it. */
  file: string;
  base: string;
  head: string;
}

const LIST_NAME: Record<ElementDiff['list'], string> = {
  components: 'component',
  flows: 'flow',
  boundaries: 'boundary',
  assets: 'asset',
  mitigations: 'mitigation',
  dependencies: 'dependency',
  stakeholders: 'stakeholder',
  assumptions: 'assumption',
  attack_trees: 'attack tree',
};


/** A field's value in a line: JSON, cut at 80 characters. */
export function valueText(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function bandOf(side: ThreatSide | undefined): string {
  return side?.band !== undefined ? bandName(side.band) : UNRATED;
}

function countsMove(before: BandCounts, after: BandCounts): string {
  const keys: (Band | 'unrated')[] = [...BANDS, 'unrated'];
  return keys
    .filter((k) => k !== 'unrated' || before.unrated > 0 || after.unrated > 0)
    .map((k) => `${k === 'unrated' ? UNRATED : bandName(k)} ${before[k] === after[k] ? String(after[k]) : `${String(before[k])} → ${String(after[k])}`}`)
    .join(' · ');
}

function threatWhat(t: ThreatDiff): string {
  if (t.changes.includes('new')) return `new, ${t.after?.standing ?? 'open'}`;
  if (t.changes.includes('gone')) return 'gone';
  const parts: string[] = [];
  if (t.changes.includes('rescored')) parts.push(`${bandOf(t.before)} → ${bandOf(t.after)}`);
  if (t.changes.includes('retriaged')) {
    const b = t.before;
    const a = t.after;
    parts.push(b?.standing !== a?.standing ? `${b?.standing ?? '?'} → ${a?.standing ?? '?'}` : `${b?.status ?? '?'} → ${a?.status ?? '?'}`);
  }
  return parts.join(', ');
}

/** Threats in reading order: worse first, then new, re-scored, re-triaged, gone; by band within each. */
function ordered(threats: readonly ThreatDiff[]): ThreatDiff[] {
  const rank = (t: ThreatDiff) => (t.worse ? 0 : t.changes.includes('new') ? 1 : t.changes.includes('rescored') ? 2 : t.changes.includes('retriaged') ? 3 : 4);
  const band = (t: ThreatDiff) => {
    const b = (t.after ?? t.before)?.band;
    return b === undefined ? BANDS.length : BANDS.indexOf(b);
  };
  return [...threats].sort((a, b) => rank(a) - rank(b) || band(a) - band(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function codeMoveText(m: CodeWithoutModel): string {
  return `${m.id} ${m.name}: ${plural(m.files, 'file')} (+${String(m.added)} −${String(m.removed)} lines) under ${m.paths.join(', ')}`;
}

export function diffText(d: ModelDiff, labels: DiffLabels, failing: readonly ThreatDiff[] | undefined, c: Colors, code: readonly CodeWithoutModel[] = []): string {
  const out: string[] = [];
  out.push(c.bold(`${terminalLine(labels.file)}: ${terminalLine(labels.base)} → ${terminalLine(labels.head)}`));
  const codeLines = code.length > 0 ? ['', c.bold('Code changed, model not'), ...code.map((m) => `  ${c.yellow('!')} ${terminalLine(codeMoveText(m))}`)] : [];
  if (d.empty) {
    out.push('No change to the model or its threats.');
    for (const l of codeLines) out.push(l);
    return `${out.join('\n')}\n`;
  }
  const p = d.posture;
  out.push('', `${c.bold('Open by residual risk:')} ${countsMove(p.before.open, p.after.open)}`);
  const others: string[] = [];
  if (p.before.baseline.total !== p.after.baseline.total) others.push(`baseline ${String(p.before.baseline.total)} → ${String(p.after.baseline.total)}`);
  if (p.before.mitigated.total !== p.after.mitigated.total) others.push(`mitigated ${String(p.before.mitigated.total)} → ${String(p.after.mitigated.total)}`);
  for (const k of ['accepted', 'transferred', 'dismissed'] as const) if (p.before[k] !== p.after[k]) others.push(`${k} ${String(p.before[k])} → ${String(p.after[k])}`);
  if (others.length > 0) out.push(`${c.bold('Also:')} ${others.join(' · ')}`);

  if (d.elements.length > 0) {
    out.push('', c.bold(`Model (${plural(d.elements.length, 'element')})`));
    for (const e of d.elements) {
      const mark = e.change === 'added' ? c.green('+') : e.change === 'removed' ? c.red('-') : c.yellow('~');
      const renamed = e.renamed ? c.dim(` (renamed from ${terminalLine(JSON.stringify(e.renamed.from))})`) : '';
      out.push(`  ${mark} ${LIST_NAME[e.list]} ${terminalLine(e.id)} ${terminalLine(e.name)}${renamed}`);
      for (const f of e.fields) {
        if (f.field === 'name' && e.renamed) continue;
        out.push(`      ${terminalLine(f.field)}: ${terminalLine(valueText(f.before))} → ${terminalLine(valueText(f.after))}`);
      }
    }
  }
  if (d.crossings.length > 0) {
    out.push('', c.bold('Boundary crossings'));
    for (const x of d.crossings) out.push(`  ${x.change === 'added' ? c.green('+') : c.red('-')} ${terminalLine(x.flow)} crosses ${terminalLine(x.boundary)}`);
  }
  if (d.threats.length > 0) {
    out.push('', c.bold(`Threats (${plural(d.threats.length, 'change')})`));
    for (const t of ordered(d.threats)) {
      const mark = t.worse ? c.red('▲') : t.changes.includes('gone') ? c.green('-') : t.changes.includes('new') ? '+' : '~';
      const where = t.elements.length > 0 ? c.dim(` (${t.elements.map(terminalLine).join(', ')})`) : '';
      const baseline = (t.after ?? t.before)?.baseline === true ? c.dim(' baseline') : '';
      out.push(`  ${mark} ${bandOf(t.after ?? t.before).padEnd(11)} ${terminalLine(t.id)}  ${terminalLine(t.title)}${where}: ${threatWhat(t)}${baseline}`);
    }
  }
  for (const l of codeLines) out.push(l);
  if (d.mitigations.length > 0) {
    out.push('', c.bold('Mitigations'));
    for (const m of d.mitigations) out.push(`  ${terminalLine(m.id)} ${terminalLine(m.title)}: ${m.before ?? '(new)'} → ${m.after ?? '(removed)'}`);
  }
  if (failing !== undefined) {
    out.push('');
    if (failing.length === 0) out.push(`${c.green('✔')} No threat is new or worse at or above the band.`);
    else out.push(`${c.red('✖')} ${plural(failing.length, 'threat')} new or worse at or above the band: ${failing.map((t) => terminalLine(t.id)).join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

/** Markdown for a pull-request comment: the posture move, then what changed, in tables. */
export function diffMarkdown(d: ModelDiff, labels: DiffLabels, failing: readonly ThreatDiff[] | undefined, diagram: string | undefined, code: readonly CodeWithoutModel[] = []): string {
  const out: string[] = [`### Threat model: ${mdText(labels.file)}, ${mdText(labels.base)} → ${mdText(labels.head)}`];
  const codeSection = code.length > 0 ? `#### Code changed, model not\n\n${code.map((m) => `- ${mdCode(m.id)} ${mdText(m.name)}: ${plural(m.files, 'file')} (+${String(m.added)} −${String(m.removed)} lines) under ${m.paths.map(mdCode).join(', ')}`).join('\n')}` : undefined;
  if (d.empty) {
    out.push('No change to the model or its threats.');
    if (codeSection !== undefined) out.push(codeSection);
    return `${out.join('\n\n')}\n`;
  }
  if (failing !== undefined) {
    out.push(failing.length === 0 ? '✅ No threat is new or worse at or above the gate’s band.' : `❌ ${plural(failing.length, 'threat')} new or worse at or above the gate’s band.`);
  }
  const p = d.posture;
  const row = (label: string, key: Band | 'unrated' | 'total') => {
    const b = p.before.open[key];
    const a = p.after.open[key];
    return `| ${label} | ${String(b)} | ${String(a)} | ${a === b ? '' : a > b ? `+${String(a - b)}` : `−${String(b - a)}`} |`;
  };
  out.push(['| Open by residual risk | Before | After | |', '| --- | ---: | ---: | --- |', ...BANDS.map((b) => row(bandName(b), b)), row('Unrated', 'unrated'), row('**Total**', 'total')].join('\n'));
  if (d.threats.length > 0) {
    const rows = ordered(d.threats).map((t) => `| ${t.worse ? '▲ ' : ''}${threatWhat(t)} | ${bandOf(t.after ?? t.before)} | ${mdCode(t.id)} | ${mdCell(t.title)} | ${mdCell(t.elements.join(', '))} |`);
    out.push(`#### Threats\n\n| Change | Band | Id | Threat | Elements |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}`);
  }
  if (d.elements.length > 0) {
    const rows = d.elements.map((e) => {
      const what = e.fields
        .filter((f) => !(f.field === 'name' && e.renamed))
        .map((f) => `${mdCode(f.field)}: ${mdText(valueText(f.before))} → ${mdText(valueText(f.after))}`)
        .join('<br>');
      const change = e.renamed ? `renamed from ${mdText(e.renamed.from)}` : e.change;
      return `| ${change} | ${LIST_NAME[e.list]} | ${mdCode(e.id)} | ${mdCell(e.name)} | ${what === '' ? ' ' : what} |`;
    });
    out.push(`#### Model\n\n| Change | Kind | Id | Name | Fields |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}`);
  }
  if (d.crossings.length > 0) out.push(`#### Boundary crossings\n\n${d.crossings.map((x) => `- ${x.change === 'added' ? 'added' : 'removed'}: ${mdCode(x.flow)} crosses ${mdCode(x.boundary)}`).join('\n')}`);
  if (codeSection !== undefined) out.push(codeSection);
  if (d.mitigations.length > 0) out.push(`#### Mitigations\n\n${d.mitigations.map((m) => `- ${mdCode(m.id)} ${mdText(m.title)}: ${m.before ?? 'new'} → ${m.after ?? 'removed'}`).join('\n')}`);
  if (diagram !== undefined) out.push(`#### Around the change\n\n\`\`\`mermaid\n${diagram.trimEnd()}\n\`\`\``);
  return `${out.join('\n\n')}\n`;
}
