/**
 * The threat-model report as GitHub-flavoured Markdown, with Mermaid diagrams inline.
 * Every piece of model text goes through the Markdown helpers (mdText, mdCell, mdBlock, mdCode).
 */
import { bandCountsText, COUNT_BANDS, type History } from '@threatwright/core';
import { bandText } from '../data/risk.js';
import { attackTreeGraph, buildDiagram } from '../diagrams/graph.js';
import { toMermaid } from '../diagrams/mermaid.js';
import { riskOverlay } from '../data/overlay.js';
import { baselineByElement, questionsApart, withoutBaseline } from '../data/baseline.js';
import type { ReportData, ThreatView } from '../data/types.js';
import { mdAnchor, mdBlock, mdCell, mdCode, mdLink, mdText } from '../escape/index.js';
import { elementNames } from '../tables/names.js';
import { countsBandName } from '../history/charts.js';
import { daysText, revisionChangeText, revisionDay, shortCommit, trendOutline } from '../history/outline.js';
import { APPENDIX_TITLE, asList, BASELINE_INTRO, BASELINE_OFF, baselineQuestionsNote, BASELINE_NONE, BASELINE_TITLE, baselineSummary, mitigationStatus, outline, referenceLinks, reportSections, sectionNumber, TREND_TITLE, verificationResult } from './outline.js';

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '_None._\n';
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

function mermaid(text: string): string {
  return '```mermaid\n' + text + '```\n';
}

const dash = '—';
const cell = (v: string | number | undefined | null): string => (v === undefined || v === null || v === '' ? dash : typeof v === 'number' ? String(v) : mdCell(v));

/** The Trend section's body: the lead, open threats by band over time, time to remediate and to triage. */
function trendMarkdown(history: History): string {
  const t = trendOutline(history);
  const out: string[] = [`${mdText(t.lead)} Each revision of the model in git is analysed as of its own date.\n`];
  const bands = COUNT_BANDS.filter((b) => b !== 'unrated' || t.samples.some((s) => s.open.unrated > 0));
  out.push(`### Open threats by band\n`);
  out.push(t.perRevision ? 'One row per valid revision.\n' : 'One row per month (its last day), and the last day.\n');
  out.push(table([t.perRevision ? 'Date' : 'Day', 'Commit', ...bands.map(countsBandName), 'Total'], t.samples.map((s) => [mdCell(s.day), mdCode(shortCommit(s.commit)), ...bands.map((b) => String(s.open[b])), String(s.open.total)])));
  out.push(`### Time to remediate\n`);
  out.push('From the revision where a threat is first open to the one where it is mitigated or no longer found, by the highest band it had while open; a decision (accepted, transferred, dismissed) is counted apart.\n');
  out.push(table(['Band', 'Remediated', 'Mean days', 'Median days', 'Decided instead', 'Still open', 'Oldest open (days)'], t.mttr.map((r) => [countsBandName(r.band), String(r.remediated), daysText(r.meanDays), daysText(r.medianDays), String(r.decided), String(r.stillOpen), daysText(r.oldestOpenDays)])));
  const tr = history.triage;
  out.push(`### Time to triage\n`);
  out.push('From the revision where a threat first appears to the first with a decision on it.\n');
  out.push(table(['Triaged', 'Mean days', 'Median days', 'Waiting for a decision', 'Oldest waiting (days)'], [[String(tr.triaged), daysText(tr.meanDays), daysText(tr.medianDays), String(tr.waiting), daysText(tr.oldestWaitingDays)]]));
  out.push(`### Open threats now\n`);
  out.push(t.current ? `On ${mdText(t.until)}: ${mdText(bandCountsText(t.current.open))} (${String(t.current.open.total)} open).\n` : '_No valid revision._\n');
  return out.join('\n');
}

/** The appendix's revision history: newest first, at most a hundred. */
function revisionsMarkdown(history: History): string {
  const t = trendOutline(history);
  const rows = table(['Date', 'Commit', 'Author', 'Change'], t.revisions.map((r) => [mdCell(revisionDay(r)), mdCode(shortCommit(r.commit)), mdCell(r.author), `**${mdCell(r.subject)}** — ${r.state === 'valid' ? mdCell(revisionChangeText(r)) : `_${mdCell(revisionChangeText(r))}_`}`]));
  const more = t.moreRevisions > 0 ? `\n_${String(t.moreRevisions)} older ${t.moreRevisions === 1 ? 'revision is' : 'revisions are'} not listed; ${mdCode('threatwright changelog')} lists every revision._\n` : '';
  return `### Revision history\n\n${rows}${more}`;
}

export function toMarkdown(all: ReportData): string {
  // Baseline entries are questions, not threats: every threat section reads `data`, the baseline its own section.
  const data = withoutBaseline(all);
  const baseline = baselineByElement(all);
  const asked = questionsApart(all);
  const m = data.model;
  const o = outline(data);
  const name = elementNames(m);
  const threatRef = (t: ThreatView) => `[${mdText(t.id)}](#${mdAnchor(`threat-${t.id}`)})`;
  const risk = (t: ThreatView) => (t.score === undefined ? 'unrated' : `${bandText(t.band)} (${t.score})`);
  const out: string[] = [];
  const h = (level: number, text: string) => out.push(`${'#'.repeat(level)} ${text}\n`);
  const p = (text: string) => out.push(`${text}\n`);

  // Title page
  h(1, `Threat model: ${mdText(m.system.name)}`);
  p(
    table(
      ['', ''],
      [
        ['Scope', cell(m.system.scope)],
        ['Out of scope', cell((m.system.out_of_scope ?? []).join('; '))],
        ['Date', cell(data.meta.date)],
        ['Authors', cell((m.system.authors ?? []).join(', '))],
        ['Owner', cell(m.system.owner)],
        ['Model version', cell(m.system.version)],
        ['Git revision', cell(data.meta.revision)],
        ['Last reviewed', cell(m.system.reviewed_at)],
        ['Model file', mdCode(data.meta.file)],
      ],
    ),
  );
  p('## Contents\n');
  const sections = reportSections(all);
  const head = (title: string) => `${String(sectionNumber(sections, title))}. ${title}`;
  p(sections.map((s, i) => `${i + 1}. [${s}](#${mdAnchor(`${i + 1}. ${s}`)})`).join('\n') + '\n');

  // 1. Executive summary
  h(2, head('Executive summary'));
  p(`${o.counts.total} threats: **${o.counts.open} open** (${bandCountsText(o.counts.openByBand, ', ')}), ${o.counts.mitigated} mitigated, ${o.counts.accepted} accepted or transferred.${baseline.length > 0 ? ` ${mdText(baselineSummary(baseline))}: questions the model does not answer yet, listed apart in section 6.` : ''}\n`);
  h(3, 'Top risks');
  p(o.top.length === 0 ? '_No open threats._\n' : o.top.map((t, i) => `${i + 1}. **${risk(t)}** ${threatRef(t)} ${mdText(t.title)}${t.elements.length ? ` — ${mdText(t.elements.map(name).join(', '))}` : ''}`).join('\n') + '\n');
  h(3, 'Residual risk');
  p(
    o.highestResidual
      ? `After the mitigations already implemented, the highest remaining risk is **${bandText(o.highestResidual)}**; ${o.residual.filter((t) => t.residual?.band === 'P0' || t.residual?.band === 'P1').length} open threats remain at P0 critical or P1 high.\n`
      : 'No open scored threats remain.\n',
  );
  h(3, 'Recommendations');
  const recs = o.recommendations.slice(0, 5).map((r) => `- **${mdText(r.mitigation.title)}** (${mdText(r.mitigation.id)}${r.mitigation.owner ? `, ${mdText(r.mitigation.owner)}` : ''}${r.mitigation.due ? `, due ${mdText(r.mitigation.due)}` : ''}) addresses ${r.threats.map(threatRef).join(', ')}.`);
  for (const t of o.unaddressed.slice(0, 5)) recs.push(`- Decide how to respond to ${threatRef(t)} ${mdText(t.title)} (${risk(t)}): no mitigation yet.`);
  p(recs.length > 0 ? recs.join('\n') + '\n' : '_Nothing outstanding._\n');

  // 2. System overview
  h(2, head('System overview'));
  if (m.system.description) p(mdBlock(m.system.description) + '\n');
  if (m.questions) {
    p(table(['Question', 'Answer'], [['What are we protecting?', cell(m.questions.protecting)], ['From whom?', cell(m.questions.from_whom)], ['With how many resources?', cell(m.questions.resources)]]));
  }
  h(3, 'Data-flow diagram');
  p(mermaid(toMermaid(buildDiagram(m))));
  h(3, 'Components');
  p(table(['Id', 'Name', 'Kind', 'Type', 'Technology', 'Boundary', 'Owner'], (m.components ?? []).map((c) => [mdCode(c.id), cell(c.name) + (c.out_of_scope ? ' _(out of scope)_' : ''), c.kind, cell(c.type), cell(c.tech), cell(c.boundary ? name(c.boundary) : undefined), cell(c.owner)])));
  h(3, 'Data flows');
  p(table(['Id', 'From', 'To', 'Label', 'Data', 'Protocol', 'Encrypted', 'Authenticated'], (m.flows ?? []).map((f) => [mdCode(f.id), cell(name(f.from)), cell(name(f.to)), cell(f.label), cell((f.data ?? []).map(name).join(', ')), cell(f.protocol), f.encrypted === undefined ? 'not stated' : f.encrypted ? 'yes' : '**no**', f.authenticated === undefined ? 'not stated' : f.authenticated ? `yes${f.authentication ? ` (${mdCell(f.authentication)})` : ''}` : '**no**'])));
  if ((m.dependencies ?? []).length > 0) {
    h(3, 'Dependencies');
    p(table(['Id', 'Name', 'What we rely on', 'Its threat model'], (m.dependencies ?? []).map((d) => [mdCode(d.id), cell(d.name), cell(d.assumption), cell(d.threat_model_ref)])));
  }
  if ((m.assumptions ?? []).length > 0) {
    h(3, 'Assumptions');
    p(table(['Id', 'Assumption', 'Owner', 'Status'], (m.assumptions ?? []).map((a) => [mdCode(a.id), cell(a.text), cell(a.owner), cell(a.status ?? 'open')])));
  }

  // 3. Assets
  h(2, head('Assets'));
  p(table(['Id', 'Asset', 'Classification', 'C', 'I', 'A', 'Personal data', 'Stored in', 'Processed by'], o.assets.map((r) => [mdCode(r.asset.id), cell(r.asset.name), cell(r.asset.classification), cell(r.asset.confidentiality), cell(r.asset.integrity), cell(r.asset.availability), r.asset.personal_data === undefined ? 'not stated' : r.asset.personal_data ? `yes${r.asset.special_category ? ' (special category)' : ''}` : 'no', cell(r.storedIn.map((c) => c.name).join(', ')), cell(r.processedBy.map((c) => c.name).join(', '))])));
  if (o.assets.length > 0) p(mermaid(toMermaid(buildDiagram(m, { view: { kind: 'assets' } }))));

  // 4. Trust boundaries
  h(2, head('Trust boundaries'));
  p(table(['Id', 'Boundary', 'Trust', 'Inside', 'Parent', 'Flows crossing'], o.boundaries.map((r) => [mdCode(r.boundary.id), cell(r.boundary.name), cell(r.boundary.trust === undefined ? undefined : String(r.boundary.trust)), cell(r.components.map((c) => c.name).join(', ')), cell(r.parent?.name), cell(r.crossing.map((f) => f.id).join(', '))])));

  // 5. Threat inventory
  h(2, head('Threat inventory'));
  p('Risk overlay: elements and flows are coloured by the highest open risk on them.\n');
  p(mermaid(toMermaid(buildDiagram(m, { overlay: riskOverlay(data) }))));
  p(table(['Id', 'Threat', 'Category', 'Elements', 'L', 'I', 'Risk', 'Status', 'Owner'], data.threats.map((t) => [threatRef(t), cell(t.title), cell(t.category), cell(t.elements.join(', ')), cell(t.likelihood), cell(t.impact), risk(t), cell(t.status), cell(t.owner)])));
  for (const t of data.threats) {
    h(3, `Threat ${mdText(t.id)}`);
    const facts = [
      `**${mdText(t.title)}** — ${risk(t)}, ${mdText(t.status)}${t.source === 'derived' ? `, found by rule ${mdCode(t.ruleId)}` : ''}.`,
      t.description ? mdBlock(t.description) : '',
      t.facts.length > 0 ? `**Why:** ${t.facts.map(mdText).join('; ')}.` : '',
      t.closesWhen.length > 0 ? `**Closes when:** ${t.closesWhen.map(mdCode).join(', ')}.` : '',
      t.elements.length > 0 ? `Elements: ${t.elements.map((e) => `${mdText(name(e))} (${mdCode(e)})`).join(', ')}.` : '',
      t.assets.length > 0 ? `Assets: ${mdText(t.assets.map(name).join(', '))}.` : '',
      t.mitigations.length > 0 ? `Mitigations: ${t.mitigations.map((x) => `${mdCode(x.id)} ${mdText(x.title)} (${mdText(x.status ?? 'proposed')})`).join('; ')}.` : 'Mitigations: none yet.',
      t.justification ? `Justification: ${mdText(t.justification)}` : '',
      referenceLinks(t).length > 0 ? `References: ${referenceLinks(t).map((r) => (r.href ? mdLink(r.label, r.href) : mdText(r.label))).join(', ')}.` : '',
      t.fingerprint !== t.id ? `Fingerprint: ${mdCode(t.fingerprint)}` : '',
    ];
    p(facts.filter((x) => x !== '').join('\n\n') + '\n');
  }

  // 6. Baseline
  h(2, head(BASELINE_TITLE));
  if (baseline.length === 0) p(`_${mdText(BASELINE_NONE)}_\n`);
  else p(`${mdText(`${baselineSummary(baseline)} (elements a flow enters from outside).`)} ${mdText(BASELINE_INTRO)} ${mdText(BASELINE_OFF[0])} ${mdCode(BASELINE_OFF[1])} ${mdText(BASELINE_OFF[2])}\n`);
  for (const g of baseline) {
    h(3, `${mdText(name(g.element))} (${mdCode(g.element)})`);
    if (g.flows.length > 0) p(`Entered by ${g.flows.map((f) => `${mdCode(f)} ${mdText(name(f))}`).join(', ')}.\n`);
    p(table(['Category', 'Question', 'Entry'], g.entries.map((e) => [cell(e.category), cell(e.questions.join(' ')), mdCode(e.threat.id)])));
  }

  // 7. Attack trees
  h(2, head('Attack trees'));
  const trees = m.attack_trees ?? [];
  if (trees.length === 0) p('_None._\n');
  for (const tree of trees) {
    h(3, `${mdText(tree.id)}: ${mdText(tree.goal)}`);
    if (tree.description) p(mdBlock(tree.description) + '\n');
    p(mermaid(toMermaid(attackTreeGraph([tree], m))));
  }

  // 8. Mitigation plan
  h(2, head('Mitigation plan'));
  const mits = m.mitigations ?? [];
  p(table(['Id', 'Mitigation', 'Strategy', 'Threats', 'Owner', 'Due', 'Status', 'Acceptance criteria'], mits.map((x) => [mdCode(x.id), cell(x.title), cell(x.strategy), cell(data.threats.filter((t) => t.mitigations.includes(x)).map((t) => t.id).join(', ')), cell(x.owner), cell(x.due), cell(mitigationStatus(x, data)), cell(asList(x.acceptance).join('; '))])));

  // 9. Test plan
  h(2, head('Test plan and validation'));
  p(
    table(['Mitigation', 'Verified by', 'Evidence', 'Result'], mits.map((x) => {
      const r = verificationResult(x, data);
      return [`${mdCode(x.id)} ${mdCell(x.title)}`, cell(asList(x.verification?.test).join('; ')), cell(x.verification?.evidence), r.alarm ? `**${mdCell(r.text)}**` : mdCell(r.text)];
    })),
  );

  // 10. Residual risks
  h(2, head('Residual risks and acceptances'));
  p(table(['Threat', 'Risk now', 'Residual after implemented mitigations'], o.residual.map((t) => [`${threatRef(t)} ${mdCell(t.title)}`, risk(t), t.residual ? `${bandText(t.residual.band)} (${t.residual.score})` : 'unrated'])));
  h(3, 'Accepted and transferred');
  p(table(['Threat', 'Decision', 'Justification', 'By', 'Revisit by'], o.acceptances.map((t) => [`${threatRef(t)} ${mdCell(t.title)}`, cell(t.status), cell(t.justification), cell(t.acceptedBy), cell(t.expires)])));

  // 11. Questions
  h(2, head('Unanswered questions'));
  p(asked.questions.length === 0 ? '_None._\n' : asked.questions.map((q) => `- ${mdCode(q.id)} (${mdText(q.subject)}): ${mdText(q.text)}`).join('\n') + '\n');
  if (asked.baselineOnly > 0) p(`${mdText(baselineQuestionsNote(asked.baselineOnly))}\n`);

  // The trend, with the model's history
  if (all.history) {
    h(2, head(TREND_TITLE));
    p(trendMarkdown(all.history));
  }

  // Appendix
  h(2, head(APPENDIX_TITLE));
  h(3, 'How scores are computed');
  p(mdText(data.scoringMethod) + '\n');
  h(3, 'Threat table');
  p(table(['Id', 'Fingerprint', 'Rule', 'Category', 'L', 'I', 'Score', 'Band', 'Status', 'Identified'], data.threats.map((t) => [mdCode(t.id), mdCode(t.fingerprint), mdCode(t.ruleId), cell(t.category), cell(t.likelihood), cell(t.impact), cell(t.score), bandText(t.band), cell(t.status), cell(t.identified)])));
  if (all.history) p(revisionsMarkdown(all.history));
  p(`_Generated by Threatwright ${mdText(data.meta.toolVersion)} from ${mdCode(data.meta.file)}${data.meta.revision ? ` at ${mdCode(data.meta.revision)}` : ''} on ${mdText(data.meta.date)}._\n`);
  // Blank lines between blocks, never more than one (no model text can contain a raw newline here).
  return out.join('\n').replace(/\n{3,}/gu, '\n\n');
}
