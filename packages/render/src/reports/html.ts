/**
 * The threat-model report as one self-contained HTML file: inline SVG diagrams and charts, inline
 * CSS with a print stylesheet, no scripts and a Content-Security-Policy that forbids every external
 * request. All model text goes through the `html` template (escapeHtml).
 */
import { bandCountsText, type History } from '@threatwright/core';
import { bandText } from '../data/risk.js';
import { riskOverlay } from '../data/overlay.js';
import { baselineByElement, questionsApart, withoutBaseline } from '../data/baseline.js';
import type { ReportData, ThreatView } from '../data/types.js';
import { attackTreeGraph, buildDiagram, type DiagramGraph } from '../diagrams/graph.js';
import { BAND_COLOUR } from '../diagrams/style.js';
import { dotToInlineSvg, layoutDot } from '../diagrams/svg.js';
import { escapeHtml, html, raw, type Raw } from '../escape/index.js';
import { figureCss, placeFigure } from './print.js';
import { elementNames } from '../tables/names.js';
import { categorySvg, heatmapSvg, statusSvg } from './charts.js';
import { countsBandName, decisionsTrendSvg, mttrSvg, openTrendSvg } from '../history/charts.js';
import { revisionChangeText, revisionDay, shortCommit, trendOutline } from '../history/outline.js';
import { APPENDIX_TITLE, asList, BASELINE_INTRO, BASELINE_NONE, BASELINE_OFF, BASELINE_TITLE, baselineQuestionsNote, baselineSummary, mitigationStatus, outline, referenceLinks, reportSections, sectionNumber, TREND_TITLE, verificationResult } from './outline.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const CSS = `
:root { --fg:#1b2a3a; --muted:#5b6b7a; --line:#d8dee4; --bg:#fff; --accent:#2f5d8a; }
* { box-sizing: border-box; }
body { font: 14px/1.5 Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1100px; padding: 24px 32px 64px; }
h1 { font-size: 28px; margin: 0 0 4px; } h2 { font-size: 21px; border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 40px; }
h3 { font-size: 16px; margin-top: 24px; }
p, li { overflow-wrap: break-word; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; table-layout: auto; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
td.num, th.num { white-space: nowrap; text-align: right; }
th { background: #f3f5f7; font-weight: 600; }
code { font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; background: #f3f5f7; padding: 1px 4px; border-radius: 3px; overflow-wrap: break-word; }
.title-page { border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 24px; }
.subtitle { color: var(--muted); font-size: 16px; margin: 0 0 16px; }
.meta th { width: 180px; }
.band { display: inline-block; min-width: 30px; padding: 0 6px; border-radius: 10px; font-weight: 600; font-size: 12px; text-align: center; border: 1px solid; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.diagram { border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; margin: 8px 0 16px; background: #fff; }
.diagram svg { max-width: 100%; height: auto; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.charts figure { margin: 0; } figcaption { color: var(--muted); font-size: 12px; }
.threat { border-left: 4px solid var(--line); padding: 2px 0 2px 12px; margin: 12px 0; break-inside: avoid; }
.threat p { margin: 4px 0; } .threat h3 { margin: 4px 0 6px; }
.baseline { border-left: 4px dashed var(--line); padding: 2px 0 2px 12px; margin: 12px 0; break-inside: avoid; }
.muted { color: var(--muted); }
.text { white-space: pre-wrap; }
nav ol { columns: 2; list-style: none; padding-left: 0; }
.toc-page { display: none; }
.figure h3 { margin-top: 16px; }
.trend svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h1 { font-size: 20pt; } h2 { font-size: 15pt; } h3 { font-size: 11.5pt; }
  h2 { break-before: page; margin-top: 0; }
  h2, h3, h4, .lead { break-after: avoid; }
  .title-page { min-height: 60vh; }
  nav { break-after: page; }
  nav ol { columns: 1; padding-left: 0; list-style: none; }
  nav li { display: flex; align-items: baseline; gap: 6px; margin: 3px 0; }
  nav li::after { content: ''; order: 1; flex: 1; border-bottom: 1px dotted var(--muted); }
  nav li .toc-page { display: inline-block; order: 2; min-width: 4ch; text-align: right; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  code { font-size: 8pt; }
  .band { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, figure, .figure, .diagram, .threat, .baseline, .charts figure { break-inside: avoid; }
  .sheet { break-before: page; break-after: page; }
  .sheet h2 { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  .diagram { border: none; overflow: visible; padding: 0; }
  .diagram svg { max-width: none; }
}
`;

function band(t: { band?: keyof typeof BAND_COLOUR | undefined; score?: number | undefined }): Raw {
  if (!t.band || t.score === undefined) return html`<span class="muted">unrated</span>`;
  const c = BAND_COLOUR[t.band];
  return html`<span class="band" style="background:${c.fill};border-color:${c.stroke};color:${c.stroke}">${bandText(t.band)}</span> ${String(t.score)}`;
}

const opt = (v: string | number | undefined | null): Raw => (v === undefined || v === null || v === '' ? html`<span class="muted">—</span>` : html`${String(v)}`);

function table(head: string[], rows: Raw[][]): Raw {
  if (rows.length === 0) return html`<p class="muted">None.</p>`;
  return html`<table><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${breakable(c)}</td>`)}</tr>`)}</tbody></table>`;
}

/**
 * A table cell whose long tokens (e-mail addresses, fingerprints, paths, URLs) may wrap after
 * `@`, `/`, `.`, `_`, `+` and `:` instead of widening the column or breaking mid-word: a line-break
 * opportunity (`<wbr>`) is added there in the text between tags, never inside a tag.
 */
function breakable(cell: Raw): Raw {
  return raw(
    cell.value
      .split(/(<[^>]*>)/u)
      .map((part) => (part.startsWith('<') ? part : part.replace(/[^\s<>]{16,}/gu, (word) => word.replace(/([@/._+:])(?=[^\s])/gu, '$1<wbr>'))))
      .join(''),
  );
}

function anchor(t: ThreatView): string {
  return `threat-${t.id.replace(/[^A-Za-z0-9_-]/gu, '_')}`;
}

/** An id or fingerprint as code, with a line break allowed after `@`, `+` and `/` so long ones wrap there and not mid-word. */
function token(text: string): Raw {
  return raw(`<code>${escapeHtml(text).replace(/([@+/])(?=.)/gu, '$1<wbr>')}</code>`);
}

/**
 * A diagram with its heading and caption. Printed, it stays in the text when it fits the column
 * legibly, else it takes a page of its own (see print.ts); `lead` is markup that must stay with
 * it on that page (a section heading that would otherwise be left alone on the page before).
 */
async function diagram(figures: string[], graph: DiagramGraph, heading: Raw, caption: string, lead: Raw = html``): Promise<Raw> {
  // Laid out as `threatwright diagram` draws it: the direction that gives the better shape, titles fitted to their boxes.
  const svg = await dotToInlineSvg(await layoutDot(graph));
  const id = `fig-${figures.length + 1}`;
  const placed = placeFigure(svg, `sheet-${figures.length + 1}`);
  figures.push(placed ? figureCss(id, placed) : '');
  const printed = placed?.page ? ` Printed on a page of its own (${placed.page.paper}).` : '';
  return html`<section class="figure${placed?.page ? ' sheet' : ''}" id="${id}">${lead}${heading}<figure class="diagram">${raw(svg)}<figcaption>${caption}${printed}</figcaption></figure></section>`;
}

const num = (n: number | null): Raw => (n === null ? opt(undefined) : html`${String(n)}`);

/** The Trend section: how the open threats and the decisions moved, and how long remediation and triage took. */
function trendSection(history: History, id: string, heading: string): Raw {
  const t = trendOutline(history);
  const charts =
    t.valid === 0
      ? html``
      : html`<div class="charts trend">
  <figure>${openTrendSvg(history.days)}<figcaption>Open threats by residual band per day, stacked (baseline entries apart); values on the last day in the legend.</figcaption></figure>
  <figure>${decisionsTrendSvg(history.days)}<figcaption>Threats mitigated, accepted or transferred, decisions past their expiry, and mitigations past their due date, per day.</figcaption></figure>
</div>`;
  const tr = history.triage;
  return html`<section id="${id}"><h2>${heading}</h2>
<p class="lead">${t.lead} Each revision of the model in git is analysed as of its own date; a day counts the last revision made by its end.</p>
${charts}
<h3>Time to remediate</h3>
<p>From the revision where a threat is first open to the one where it is mitigated or no longer found, by the highest band it had while open. A decision (accepted, transferred, dismissed) is counted apart, not as remediated.</p>
${table(['Band', 'Remediated', 'Mean days', 'Median days', 'Decided instead', 'Still open', 'Oldest open (days)'], t.mttr.map((r) => [html`${countsBandName(r.band)}`, html`${String(r.remediated)}`, num(r.meanDays), num(r.medianDays), html`${String(r.decided)}`, html`${String(r.stillOpen)}`, num(r.oldestOpenDays)]))}
<div class="charts trend"><figure>${mttrSvg(t.mttr)}<figcaption>Mean days to remediate per band, with the median.</figcaption></figure></div>
<h3>Time to triage</h3>
<p>From the revision where a threat first appears to the first with a decision on it.</p>
${table(['Triaged', 'Mean days', 'Median days', 'Waiting for a decision', 'Oldest waiting (days)'], [[html`${String(tr.triaged)}`, num(tr.meanDays), num(tr.medianDays), html`${String(tr.waiting)}`, num(tr.oldestWaitingDays)]])}
<h3>Open threats now</h3>
${t.current ? html`<p>On ${t.until}: ${bandCountsText(t.current.open)} (${String(t.current.open.total)} open).</p>` : html`<p class="muted">No valid revision.</p>`}
</section>`;
}

/** The appendix's revision history: newest first, at most a hundred. */
function revisionHistory(history: History): Raw {
  const t = trendOutline(history);
  return html`<h3>Revision history</h3>
${table(['Date', 'Commit', 'Author', 'Change'], t.revisions.map((r) => [html`<span class="nowrap">${revisionDay(r)}</span>`, html`<code>${shortCommit(r.commit)}</code>`, html`${r.author}`, html`<strong>${r.subject}</strong><br>${r.state === 'valid' ? html`${revisionChangeText(r)}` : html`<em>${revisionChangeText(r)}</em>`}`]))}
${t.moreRevisions > 0 ? html`<p class="muted">${`${String(t.moreRevisions)} older ${t.moreRevisions === 1 ? 'revision is' : 'revisions are'} not listed; threatwright changelog lists every revision.`}</p>` : html``}`;
}

export async function toHtml(all: ReportData): Promise<string> {
  // Baseline entries are questions, not threats: every threat section reads `data`, the baseline its own section.
  const data = withoutBaseline(all);
  const baseline = baselineByElement(all);
  const asked = questionsApart(all);
  const m = data.model;
  const o = outline(data);
  const name = elementNames(m);
  const ref = (t: ThreatView) => html`<a href="#${anchor(t)}">${token(t.id)}</a>`;

  const figures: string[] = [];
  const sections = reportSections(all);
  const sid = (i: number) => `s${i + 1}`;
  // A section's id and numbered heading text, by its title.
  const id = (title: string) => sid(sectionNumber(sections, title) - 1);
  const head = (title: string) => `${String(sectionNumber(sections, title))}. ${title}`;
  // Section 2 opens with the DFD when the model states no key questions: its heading goes with the figure.
  const overviewHead = html`<h2>${head('System overview')}</h2>`;
  const dfd = await diagram(figures, buildDiagram(m), html`<h3>Data-flow diagram</h3>`, 'Data-flow diagram: trust boundaries dashed, flows labelled with data and protocol.', m.questions ? html`` : overviewHead);
  const assetDiagram = (m.assets ?? []).length > 0 ? await diagram(figures, buildDiagram(m, { view: { kind: 'assets' } }), html`<h3>Where the assets are</h3>`, 'Where the data assets are stored, processed and received.') : html``;
  const overlay = await diagram(figures, buildDiagram(m, { overlay: riskOverlay(data) }), html`<h3>Risk overlay</h3>`, 'Risk overlay: elements and flows coloured by their highest open risk.');
  const trees: Raw[] = [];
  for (const tree of m.attack_trees ?? []) {
    const lead = trees.length === 0 ? html`<h2>${head('Attack trees')}</h2>` : html``;
    trees.push(await diagram(figures, attackTreeGraph([tree], m), html`<h3>${tree.id}: ${tree.goal}</h3>${tree.description ? html`<p class="text lead">${tree.description}</p>` : html``}`, `Attack tree ${tree.id}`, lead));
  }
  const mits = m.mitigations ?? [];

  const body = html`
<header class="title-page">
  <h1>Threat model: ${m.system.name}</h1>
  <p class="subtitle">${m.system.description ?? ''}</p>
  <table class="meta"><tbody>
    <tr><th>Scope</th><td>${opt(m.system.scope)}</td></tr>
    <tr><th>Out of scope</th><td>${opt((m.system.out_of_scope ?? []).join('; '))}</td></tr>
    <tr><th>Date</th><td>${data.meta.date}</td></tr>
    <tr><th>Authors</th><td>${opt((m.system.authors ?? []).join(', '))}</td></tr>
    <tr><th>Owner</th><td>${opt(m.system.owner)}</td></tr>
    <tr><th>Model version</th><td>${opt(m.system.version)}</td></tr>
    <tr><th>Git revision</th><td>${data.meta.revision ? html`<code>${data.meta.revision}</code>` : opt(undefined)}</td></tr>
    <tr><th>Last reviewed</th><td>${opt(m.system.reviewed_at)}</td></tr>
    <tr><th>Model file</th><td><code>${data.meta.file}</code></td></tr>
  </tbody></table>
</header>
<nav><h2 style="border:none;margin-top:0">Contents</h2><ol>${sections.map((s, i) => html`<li><a href="#${sid(i)}">${`${i + 1}. ${s}`}</a><span class="toc-page" data-section="${sid(i)}"></span></li>`)}</ol></nav>

<section id="${id('Executive summary')}"><h2>${head('Executive summary')}</h2>
<p>${String(o.counts.total)} threats: <strong>${String(o.counts.open)} open</strong> (${bandCountsText(o.counts.openByBand, ', ')}), ${String(o.counts.mitigated)} mitigated, ${String(o.counts.accepted)} accepted or transferred.${baseline.length > 0 ? html` <a href="#${id(BASELINE_TITLE)}">${baselineSummary(baseline)}</a>: questions the model does not answer yet, listed apart.` : html``}</p>
<h3>Top risks</h3>
${o.top.length === 0 ? html`<p class="muted">No open threats.</p>` : html`<ol>${o.top.map((t) => html`<li>${band(t)} ${ref(t)} ${t.title}${t.elements.length ? ` — ${t.elements.map(name).join(', ')}` : ''}</li>`)}</ol>`}
<h3>Residual risk</h3>
<p>${o.highestResidual ? html`After the mitigations already implemented, the highest remaining risk is <strong>${bandText(o.highestResidual)}</strong>; ${String(o.residual.filter((t) => t.residual?.band === 'P0' || t.residual?.band === 'P1').length)} open threats remain at P0 critical or P1 high.` : html`No open scored threats remain.`}</p>
<h3>Recommendations</h3>
${o.recommendations.length + o.unaddressed.length === 0 ? html`<p class="muted">Nothing outstanding.</p>` : html`<ul>${o.recommendations.slice(0, 5).map((r) => html`<li><strong>${r.mitigation.title}</strong> (${r.mitigation.id}${r.mitigation.owner ? `, ${r.mitigation.owner}` : ''}${r.mitigation.due ? `, due ${r.mitigation.due}` : ''}) addresses ${r.threats.map((t) => html`${ref(t)} `)}</li>`)}${o.unaddressed.slice(0, 5).map((t) => html`<li>Decide how to respond to ${ref(t)} ${t.title}: no mitigation yet.</li>`)}</ul>`}
<div class="charts">
  <figure>${heatmapSvg(o.heatmap)}<figcaption>Open threats by likelihood × impact</figcaption></figure>
  <figure>${categorySvg(o.categories)}<figcaption>Threats by STRIDE / LINDDUN category</figcaption></figure>
  <figure>${statusSvg(o.statuses)}<figcaption>Open vs mitigated</figcaption></figure>
</div>
</section>

<section id="${id('System overview')}">${m.questions ? overviewHead : html``}
${m.questions ? table(['Question', 'Answer'], [[html`What are we protecting?`, opt(m.questions.protecting)], [html`From whom?`, opt(m.questions.from_whom)], [html`With how many resources?`, opt(m.questions.resources)]]) : html``}
${dfd}
<h3>Components</h3>
${table(['Id', 'Name', 'Kind', 'Type', 'Technology', 'Boundary', 'Owner'], (m.components ?? []).map((c) => [html`<code>${c.id}</code>`, html`${c.name}${c.out_of_scope ? html` <em class="muted">(out of scope${c.reason ? `: ${c.reason}` : ''})</em>` : html``}`, html`${c.kind}`, opt(c.type), opt(c.tech), opt(c.boundary ? name(c.boundary) : undefined), opt(c.owner)]))}
<h3>Data flows</h3>
${table(['Id', 'From', 'To', 'Label', 'Data', 'Protocol', 'Encrypted', 'Authenticated'], (m.flows ?? []).map((f) => [html`<code>${f.id}</code>`, html`${name(f.from)}`, html`${name(f.to)}`, opt(f.label), opt((f.data ?? []).map(name).join(', ')), opt(f.protocol), f.encrypted === undefined ? html`<span class="muted">not stated</span>` : f.encrypted ? html`yes` : html`<strong>no</strong>`, f.authenticated === undefined ? html`<span class="muted">not stated</span>` : f.authenticated ? html`yes${f.authentication ? ` (${f.authentication})` : ''}` : html`<strong>no</strong>`]))}
${(m.dependencies ?? []).length > 0 ? html`<h3>Dependencies</h3>${table(['Id', 'Name', 'What we rely on', 'Its threat model'], (m.dependencies ?? []).map((d) => [html`<code>${d.id}</code>`, html`${d.name}`, opt(d.assumption), opt(d.threat_model_ref)]))}` : html``}
${(m.assumptions ?? []).length > 0 ? html`<h3>Assumptions</h3>${table(['Id', 'Assumption', 'Owner', 'Status'], (m.assumptions ?? []).map((a) => [html`<code>${a.id}</code>`, html`${a.text}`, opt(a.owner), html`${a.status ?? 'open'}`]))}` : html``}
</section>

<section id="${id('Assets')}"><h2>${head('Assets')}</h2>
${table(['Id', 'Asset', 'Classification', 'C', 'I', 'A', 'Personal data', 'Stored in', 'Processed by'], o.assets.map((r) => [html`<code>${r.asset.id}</code>`, html`${r.asset.name}`, opt(r.asset.classification), opt(r.asset.confidentiality), opt(r.asset.integrity), opt(r.asset.availability), r.asset.personal_data === undefined ? html`<span class="muted">not stated</span>` : html`${r.asset.personal_data ? `yes${r.asset.special_category ? ' (special category)' : ''}` : 'no'}`, opt(r.storedIn.map((c) => c.name).join(', ')), opt(r.processedBy.map((c) => c.name).join(', '))]))}
${assetDiagram}
</section>

<section id="${id('Trust boundaries')}"><h2>${head('Trust boundaries')}</h2>
${table(['Id', 'Boundary', 'Trust', 'Inside', 'Parent', 'Flows crossing'], o.boundaries.map((r) => [html`<code>${r.boundary.id}</code>`, html`${r.boundary.name}`, opt(r.boundary.trust === undefined ? undefined : String(r.boundary.trust)), opt(r.components.map((c) => c.name).join(', ')), opt(r.parent?.name), opt(r.crossing.map((f) => f.id).join(', '))]))}
</section>

<section id="${id('Threat inventory')}"><h2>${head('Threat inventory')}</h2>
${table(['Id', 'Threat', 'Category', 'Elements', 'L', 'I', 'Risk', 'Status', 'Owner'], data.threats.map((t) => [ref(t), html`${t.title}`, opt(t.category), opt(t.elements.join(', ')), opt(t.likelihood), opt(t.impact), band(t), html`${t.status}`, opt(t.owner)]))}
${overlay}
${data.threats.map((t) => html`<div class="threat" id="${anchor(t)}" style="border-color:${t.band ? BAND_COLOUR[t.band].stroke : '#d8dee4'}">
<h3><code>${t.id}</code> ${t.title}</h3>
<p>${band(t)} · ${t.status}${t.category ? ` · ${t.category}` : ''}${t.source === 'derived' ? html` · rule <code>${t.ruleId}</code>` : html``}</p>
${t.description ? html`<p class="text">${t.description}</p>` : html``}
${t.facts.length ? html`<p class="why"><strong>Why:</strong> ${t.facts.join('; ')}.</p>` : html``}
${t.closesWhen.length ? html`<p class="closes"><strong>Closes when:</strong> ${t.closesWhen.map((c, i) => html`${i > 0 ? ', ' : ''}<code>${c}</code>`)}.</p>` : html``}
${t.elements.length ? html`<p>Elements: ${t.elements.map((e) => `${name(e)} (${e})`).join(', ')}</p>` : html``}
${t.assets.length ? html`<p>Assets: ${t.assets.map(name).join(', ')}</p>` : html``}
<p>Mitigations: ${t.mitigations.length ? t.mitigations.map((x) => `${x.id} ${x.title} (${x.status ?? 'proposed'})`).join('; ') : 'none yet'}</p>
${t.justification ? html`<p>Justification: ${t.justification}</p>` : html``}
${referenceLinks(t).length ? html`<p>References: ${referenceLinks(t).map((r, i) => html`${i > 0 ? ', ' : ''}${r.href ? html`<a href="${r.href}">${r.label}</a>` : html`${r.label}`}`)}.</p>` : html``}
</div>`)}
</section>

<section id="${id(BASELINE_TITLE)}"><h2>${head(BASELINE_TITLE)}</h2>
${baseline.length === 0 ? html`<p class="muted">${BASELINE_NONE}</p>` : html`<p>${baselineSummary(baseline)} (elements a flow enters from outside). ${BASELINE_INTRO} ${BASELINE_OFF[0]} <code>${BASELINE_OFF[1]}</code> ${BASELINE_OFF[2]}</p>`}
${baseline.map((g) => html`<div class="baseline">
<h3>${name(g.element)} <code>${g.element}</code></h3>
${g.flows.length ? html`<p>Entered by ${g.flows.map((f, i) => html`${i > 0 ? ', ' : ''}<code>${f}</code> ${name(f)}`)}.</p>` : html``}
${table(['Category', 'Question', 'Entry'], g.entries.map((e) => [opt(e.category), e.questions.length ? html`${e.questions.map((q, i) => html`${i > 0 ? html`<br>` : html``}${q}`)}` : opt(undefined), html`<code>${e.threat.id}</code>`]))}
</div>`)}
</section>

<section id="${id('Attack trees')}">${trees.length ? trees : html`<h2>${head('Attack trees')}</h2><p class="muted">None.</p>`}</section>

<section id="${id('Mitigation plan')}"><h2>${head('Mitigation plan')}</h2>
${table(['Id', 'Mitigation', 'Strategy', 'Threats', 'Owner', 'Due', 'Status', 'Acceptance criteria'], mits.map((x) => [html`<code>${x.id}</code>`, html`${x.title}`, opt(x.strategy), html`${data.threats.filter((t) => t.mitigations.includes(x)).map((t) => html`${ref(t)} `)}`, opt(x.owner), opt(x.due), html`${mitigationStatus(x, data)}`, asList(x.acceptance).length ? html`<ul>${asList(x.acceptance).map((a) => html`<li>${a}</li>`)}</ul>` : opt(undefined)]))}
</section>

<section id="${id('Test plan and validation')}"><h2>${head('Test plan and validation')}</h2>
${table(['Mitigation', 'Verified by', 'Evidence', 'Result'], mits.map((x) => [html`<code>${x.id}</code> ${x.title}`, opt(asList(x.verification?.test).join('; ')), opt(x.verification?.evidence), ((r) => (r.alarm ? html`<strong>${r.text}</strong>` : html`${r.text}`))(verificationResult(x, data))]))}
</section>

<section id="${id('Residual risks and acceptances')}"><h2>${head('Residual risks and acceptances')}</h2>
${table(['Threat', 'Risk now', 'Residual after implemented mitigations'], o.residual.map((t) => [html`${ref(t)} ${t.title}`, band(t), t.residual ? band(t.residual) : opt(undefined)]))}
<h3>Accepted and transferred</h3>
${table(['Threat', 'Decision', 'Justification', 'By', 'Revisit by'], o.acceptances.map((t) => [html`${ref(t)} ${t.title}`, html`${t.status}`, opt(t.justification), opt(t.acceptedBy), opt(t.expires)]))}
</section>

<section id="${id('Unanswered questions')}"><h2>${head('Unanswered questions')}</h2>
${asked.questions.length ? html`<ul>${asked.questions.map((q) => html`<li><code>${q.id}</code> (${q.subject}): ${q.text}</li>`)}</ul>` : html`<p class="muted">None.</p>`}
${asked.baselineOnly > 0 ? html`<p class="muted">${baselineQuestionsNote(asked.baselineOnly)}</p>` : html``}
</section>
${all.history ? trendSection(all.history, id(TREND_TITLE), head(TREND_TITLE)) : html``}
<section id="${id(APPENDIX_TITLE)}"><h2>${head(APPENDIX_TITLE)}</h2>
<h3>How scores are computed</h3><p>${data.scoringMethod}</p>
<h3>Threat table</h3>
${table(['Id', 'Fingerprint', 'Rule', 'Category', 'L', 'I', 'Score', 'Band', 'Status', 'Identified'], data.threats.map((t) => [token(t.id), t.fingerprint === t.id ? html`<span class="muted">same</span>` : token(t.fingerprint), token(t.ruleId), opt(t.category), opt(t.likelihood), opt(t.impact), opt(t.score), html`${bandText(t.band)}`, html`${t.status}`, opt(t.identified)]))}
${all.history ? revisionHistory(all.history) : html``}
<p class="muted">Generated by Threatwright ${data.meta.toolVersion} from <code>${data.meta.file}</code>${data.meta.revision ? html` at <code>${data.meta.revision}</code>` : html``} on ${data.meta.date}.</p>
</section>`;

  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${`Threatwright ${data.meta.toolVersion}`}">
<title>${`Threat model: ${m.system.name}`}</title>
<style>${raw(CSS)}${raw(`@media print {\n${figures.filter((f) => f !== '').join('\n')}\n}\n`)}</style>
</head><body>${body}</body></html>
`.value;
}
