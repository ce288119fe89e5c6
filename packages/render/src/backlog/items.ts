/**
 * The backlog: the work the threat model asks for, as tracker issues shaped like security tasks.
 *
 * By default (`per: 'mitigation'`) there is one issue per planned mitigation (one the model lists and
 * that is not implemented yet, or whose tests failed) that addresses a threat open at the threshold
 * band or above, listing every threat it addresses; and one issue per threat open at that band with
 * no mitigation planned, asking for the decision (plan a mitigation, or accept, transfer or dismiss
 * the threat), so nothing at risk is missing. `per: 'threat'` makes one issue per threat at risk.
 * Baseline entries never become issues: they are questions the model does not answer yet.
 *
 * Pure: this builds the issues and decides what to do with the ones already in the tracker; the
 * CLI does the HTTP.
 */
import type { Mitigation } from '@threatwright/core';
import { isBaseline, isOpen, type ReportData, type ThreatView } from '../data/types.js';
import { BAND_ORDER, bandText } from '../data/risk.js';
import { buildDiagram, type Band } from '../diagrams/graph.js';
import { toMermaid } from '../diagrams/mermaid.js';
import { oneLine, truncate } from '../escape/index.js';
import { elementNames } from '../tables/names.js';
import { asList } from '../reports/outline.js';

/** The label every issue we open carries; we only ever look at (and close) issues with it and our marker. */
export const BACKLOG_LABEL = 'threatwright';

/** One issue per planned mitigation (the default), or one per threat. */
export type BacklogPer = 'mitigation' | 'threat';
export const BACKLOG_PER: readonly BacklogPer[] = ['mitigation', 'threat'];

/**
 * What an issue is for: a planned mitigation; a threat at risk with nothing planned, to decide how
 * to address it; or a threat (one issue per threat).
 */
export type BacklogKind = 'mitigation' | 'decision' | 'threat';

export interface Inline {
  text: string;
  code?: boolean;
  strong?: boolean;
  /** Only http(s) URLs we built. */
  href?: string;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'list'; items: Inline[][]; checkbox?: boolean }
  | { kind: 'diagram'; mermaid: string };

export interface BacklogItem {
  kind: BacklogKind;
  /** What the marker names: the mitigation's id, or the threat's fingerprint. Stable across runs. */
  subject: string;
  /** The highest band among the threats at risk it is about (after the mitigations in force). */
  priority: Band;
  title: string;
  labels: string[];
  owner: string | undefined;
  due: string | undefined;
  /** Effort of the pending mitigations, from their `estimate:`. */
  estimate: string | undefined;
  /** The body as structure, written per tracker (Markdown or Atlassian document format). */
  body: Block[];
  /** Changes whenever anything the issue shows changes: an unchanged hash means no update. */
  hash: string;
  /** The threats it is about: every threat the mitigation addresses (those at risk first), or the one threat. */
  threats: ThreatView[];
  /** The mitigation, for a mitigation's issue. */
  mitigation: Mitigation | undefined;
}

export interface BacklogOptions {
  /** A URL prefix to link model lines, e.g. `https://github.com/o/r/blob/<sha>/` (the model path and `#L<line>` are appended). */
  sourceUrl?: string;
  /** One issue per planned mitigation (default) or per threat. */
  per?: BacklogPer;
  /** Threats at this band or above (after the mitigations in force) are at risk and belong in the backlog. Default P1 (high). */
  threshold?: Band;
}

/** FNV-1a, 32 bit, hex: a short, stable content hash (not for security). */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The band a threat has now, after the mitigations in force: what the backlog and the gate go by. */
export function currentBand(t: ThreatView): Band | undefined {
  return t.residual?.band ?? t.band;
}

/** Open, not a baseline entry, and at the threshold band or above now. */
export function atRisk(t: ThreatView, threshold: Band = 'P1'): boolean {
  const band = currentBand(t);
  return isOpen(t) && !isBaseline(t) && band !== undefined && BAND_ORDER[band] <= BAND_ORDER[threshold];
}

/**
 * Whether a mitigation is done: implemented or verified, and its tests (when run) did not fail. The
 * risk assessment decides when there is one; an implemented mitigation whose test failed is work again.
 */
export function mitigationDone(m: Mitigation, data: Pick<ReportData, 'mitigationState'>): boolean {
  const state = data.mitigationState.get(m.id);
  return state ? state.implemented : m.status === 'implemented' || m.status === 'verified';
}

/** The threats (not baseline entries) each mitigation addresses, in the order of risk. */
export function threatsByMitigation(data: Pick<ReportData, 'threats'>): Map<string, ThreatView[]> {
  const out = new Map<string, ThreatView[]>();
  for (const t of data.threats) {
    if (isBaseline(t)) continue;
    for (const m of t.mitigations) {
      const list = out.get(m.id);
      if (list) list.push(t);
      else out.set(m.id, [t]);
    }
  }
  return out;
}

/** Planned mitigations that address no threat, so the backlog cannot give them a priority: the CLI lists them. */
export function unlinkedMitigations(data: Pick<ReportData, 'model' | 'threats' | 'mitigationState'>): Mitigation[] {
  const linked = threatsByMitigation(data);
  return (data.model.mitigations ?? []).filter((m) => !mitigationDone(m, data) && !linked.has(m.id));
}

const labelsFor = (band: Band) => [BACKLOG_LABEL, 'security', `priority:${band}`];
const titleFor = (band: Band, text: string) => truncate(oneLine(`[SEC][${bandText(band)}] ${text}`), 200);

/** What every builder shares: names, rules, source links, the neighbourhood of some elements. */
function context(data: ReportData, options: BacklogOptions) {
  const name = elementNames(data.model);
  const rules = new Map(data.rules.map((r) => [r.id, r]));
  const sourceUrl = options.sourceUrl && /^https?:\/\//u.test(options.sourceUrl) ? options.sourceUrl : undefined;

  /** "<what> in <file:line>." with a link to the line when a source URL is known. */
  const located = (lead: Inline[], path: (string | number)[]): Inline[] => {
    const loc = data.locate(path);
    const parts: Inline[] = [...lead, { text: ' in ' }];
    if (loc && sourceUrl) parts.push({ text: `${loc.file}:${loc.line}`, href: `${sourceUrl}${loc.file.split('/').map(encodeURIComponent).join('/')}#L${loc.line}` });
    else parts.push({ text: loc ? `${loc.file}:${loc.line}` : data.meta.file, code: true });
    parts.push({ text: '.' });
    return parts;
  };

  /** The elements, the flows touching them, and a Mermaid drawing of their neighbourhood. */
  const where = (elements: readonly string[]): Block[] => {
    const neighbours: Inline[][] = [];
    for (const f of data.model.flows ?? []) {
      if (!elements.some((e) => e === f.id || e === f.from || e === f.to)) continue;
      const flags = [f.protocol, f.encrypted === false ? 'unencrypted' : undefined, f.authenticated === false ? 'unauthenticated' : undefined].filter((x): x is string => x !== undefined);
      neighbours.push([{ text: f.id, code: true }, { text: ` ${name(f.from)} → ${name(f.to)}${f.label ? `: ${f.label}` : ''}${(f.data ?? []).length ? ` (carries ${(f.data ?? []).map(name).join(', ')})` : ''}${flags.length ? ` [${flags.join(', ')}]` : ''}` }]);
    }
    const drawable = elements.some((e) => (data.model.components ?? []).some((c) => c.id === e) || (data.model.flows ?? []).some((f) => f.id === e));
    return [
      { kind: 'heading', text: 'Where in the data-flow diagram' },
      { kind: 'paragraph', parts: [{ text: `Elements: ${elements.map((e) => `${name(e)} (${e})`).join(', ') || 'none'}.` }] },
      ...(neighbours.length > 0 ? [{ kind: 'list' as const, items: neighbours }] : []),
      ...(drawable ? [{ kind: 'diagram' as const, mermaid: toMermaid(buildDiagram(data.model, { view: { kind: 'neighbourhood', ids: [...elements] } })) }] : []),
    ];
  };

  /** "— risk 16 (likelihood 4 × impact 4), spoofing." */
  const riskText = (t: ThreatView) => ` — risk ${String(t.score ?? '?')} (likelihood ${String(t.likelihood ?? '?')} × impact ${String(t.impact ?? '?')})${t.category ? `, ${t.category}` : ''}.`;

  return { name, rules, located, where, riskText };
}

type Context = ReturnType<typeof context>;

function finish(item: Omit<BacklogItem, 'hash' | 'labels'>): BacklogItem {
  const labels = labelsFor(item.priority);
  const { title, body, due, owner } = item;
  return { ...item, labels, hash: contentHash(JSON.stringify({ title, labels, body, due, owner })) };
}

/** One issue per threat at risk (`per: 'threat'`): the threat, titled with the first thing to do about it. */
function threatItem(data: ReportData, cx: Context, t: ThreatView, band: Band, pending: Mitigation[]): BacklogItem {
  const suggestion = cx.rules.get(t.ruleId)?.mitigations[0];
  const action = pending[0]?.title ?? suggestion?.title ?? `Mitigate: ${t.title}`;
  const acceptance = pending.length > 0 ? pending.flatMap((m) => asList(m.acceptance)) : suggestion ? [suggestion.acceptance] : [];
  const tests = pending.length > 0 ? pending.flatMap((m) => asList(m.verification?.test)) : suggestion ? [suggestion.verification] : [];
  const owner = pending.find((m) => m.owner)?.owner ?? t.owner;
  const due = pending.map((m) => m.due).filter((d): d is string => d !== undefined).sort()[0];
  const estimates = pending.filter((m) => m.estimate !== undefined).map((m) => (pending.length > 1 ? `${m.id} ${m.estimate ?? ''}` : (m.estimate ?? '')));
  const estimate = estimates.length > 0 ? estimates.join(', ') : undefined;
  const body: Block[] = [
    { kind: 'paragraph', parts: [{ text: `${bandText(band)} security task from the threat model of ` }, { text: data.model.system.name, strong: true }, { text: '.' }] },
    { kind: 'heading', text: 'Threat' },
    { kind: 'paragraph', parts: [{ text: t.title, strong: true }, { text: cx.riskText(t) }] },
    ...(t.description ? [{ kind: 'paragraph' as const, parts: [{ text: t.description }] }] : []),
    { kind: 'paragraph', parts: cx.located([{ text: 'Threat ' }, { text: t.id, code: true }], t.path) },
    ...cx.where(t.elements),
    { kind: 'heading', text: 'What to do' },
    { kind: 'list', items: (pending.length > 0 ? pending.map((m) => `${m.id}: ${m.title}${m.description ? ` — ${m.description}` : ''}`) : [action]).map((x) => [{ text: x }]) },
    { kind: 'heading', text: 'Acceptance criteria' },
    acceptance.length > 0 ? { kind: 'list', checkbox: true, items: acceptance.map((a) => [{ text: a }]) } : { kind: 'paragraph', parts: [{ text: 'None recorded yet: add `acceptance:` to the mitigation in the model.' }] },
    { kind: 'heading', text: 'Test cases' },
    tests.length > 0 ? { kind: 'list', checkbox: true, items: tests.map((x) => [{ text: x }]) } : { kind: 'paragraph', parts: [{ text: 'None recorded yet: add `verification: { test: … }` to the mitigation in the model.' }] },
    { kind: 'heading', text: 'Planning' },
    { kind: 'list', items: [[{ text: `Owner: ${owner ?? 'not assigned in the model'}` }], [{ text: `Estimate: ${estimate ?? 'none in the model (add `estimate:` to the mitigation)'}` }], [{ text: `Due: ${due ?? 'no due date in the model'}` }], [{ text: `Priority: ${bandText(band)}` }]] },
  ];
  return finish({ kind: 'threat', subject: t.fingerprint, priority: band, title: titleFor(band, action), owner, due, estimate, body, threats: [t], mitigation: undefined });
}

/** One line per threat a mitigation addresses: id, title, band now (and before, when it differs), status. */
function threatLine(t: ThreatView, threshold: Band): Inline[] {
  const now = currentBand(t);
  const before = t.band !== undefined && t.band !== now ? ` (${bandText(t.band)} before the mitigations in force)` : '';
  const note = isOpen(t) && !atRisk(t, threshold) ? ', below the backlog\'s threshold' : '';
  return [{ text: t.id, code: true }, { text: ` ${t.title} — ${bandText(now)}${before}, ${t.status}${t.confidence === 'possible' ? ' (possible: rests on unanswered questions)' : ''}${note}` }];
}

/** The issue for a planned mitigation: what to do, every threat it addresses, how to accept and verify it. */
function mitigationItem(data: ReportData, cx: Context, m: Mitigation, index: number, threats: ThreatView[], threshold: Band): BacklogItem {
  const live = threats.filter((t) => atRisk(t, threshold));
  const band = live.map((t) => currentBand(t) as Band).sort((a, b) => BAND_ORDER[a] - BAND_ORDER[b])[0] ?? threshold;
  const ordered = [...live, ...threats.filter((t) => !live.includes(t))];
  const state = data.mitigationState.get(m.id);
  const status = m.status ?? 'proposed';
  const failed = state?.verification === 'failed';
  const acceptance = asList(m.acceptance);
  const tests = asList(m.verification?.test);
  const elements = [...new Set([...live.flatMap((t) => t.elements), ...(m.elements ?? [])])];
  const n = live.length;
  const body: Block[] = [
    {
      kind: 'paragraph',
      parts: [
        { text: `${bandText(band)} security task from the threat model of ` },
        { text: data.model.system.name, strong: true },
        { text: `: carry out mitigation ` },
        { text: m.id, code: true },
        { text: `, which addresses ${n === 1 ? 'one threat' : `${n} threats`} open at ${bandText(threshold)} or above.` },
      ],
    },
    { kind: 'heading', text: 'What to do' },
    { kind: 'paragraph', parts: [{ text: m.title, strong: true }, ...(m.strategy ? [{ text: ` (strategy: ${m.strategy})` }] : []), { text: '.' }] },
    ...(m.description ? [{ kind: 'paragraph' as const, parts: [{ text: m.description }] }] : []),
    { kind: 'paragraph', parts: cx.located([{ text: 'Mitigation ' }, { text: m.id, code: true }], ['mitigations', index]) },
    { kind: 'heading', text: 'Threats it addresses' },
    { kind: 'list', items: ordered.map((t) => threatLine(t, threshold)) },
    ...live.filter((t) => t.description !== '').map((t) => ({ kind: 'paragraph' as const, parts: [{ text: t.id, code: true }, { text: `: ${t.description}` }] })),
    ...cx.where(elements),
    { kind: 'heading', text: 'Acceptance criteria' },
    acceptance.length > 0 ? { kind: 'list', checkbox: true, items: acceptance.map((a) => [{ text: a }]) } : { kind: 'paragraph', parts: [{ text: 'None recorded yet: add ' }, { text: 'acceptance:', code: true }, { text: ' to mitigation ' }, { text: m.id, code: true }, { text: ' in the model.' }] },
    { kind: 'heading', text: 'Verification' },
    tests.length > 0 ? { kind: 'list', checkbox: true, items: tests.map((x) => [{ text: x }]) } : { kind: 'paragraph', parts: [{ text: 'No test named yet: add ' }, { text: 'verification: { test: … }', code: true }, { text: ' to mitigation ' }, { text: m.id, code: true }, { text: ' (the name of the test as it appears in JUnit results).' }] },
    ...(m.verification?.description ? [{ kind: 'paragraph' as const, parts: [{ text: `What the test must show: ${m.verification.description}` }] }] : []),
    ...(m.verification?.evidence ? [{ kind: 'paragraph' as const, parts: [{ text: `Evidence: ${m.verification.evidence}` }] }] : []),
    ...(failed ? [{ kind: 'paragraph' as const, parts: [{ text: `Last test run: ${state.summary ?? 'failed'}.`, strong: true }] }] : []),
    { kind: 'heading', text: 'Planning' },
    {
      kind: 'list',
      items: [
        [{ text: `Status: ${status}${failed && (status === 'implemented' || status === 'verified') ? ', but its test failed, so it does not count until it passes' : ''}` }],
        [{ text: `Owner: ${m.owner ?? 'not assigned in the model'}` }],
        // "overdue", not by how many days: the body would change, and the issue be updated, every day.
        [{ text: `Due: ${m.due ?? 'no due date in the model'}${state?.overdue ? ' (overdue)' : ''}` }],
        [{ text: `Estimate: ${m.estimate ?? 'none in the model'}` }],
        [{ text: `Priority: ${bandText(band)} (the highest band among the threats it addresses that are open)` }],
      ],
    },
  ];
  return finish({ kind: 'mitigation', subject: m.id, priority: band, title: titleFor(band, m.title), owner: m.owner, due: m.due, estimate: m.estimate, body, threats: ordered, mitigation: m });
}

/** The issue for a threat at risk that nothing planned addresses: decide how to address it. */
function decisionItem(data: ReportData, cx: Context, t: ThreatView, band: Band, inForce: Mitigation[], unlinked: readonly Mitigation[]): BacklogItem {
  const suggestion = cx.rules.get(t.ruleId)?.mitigations[0];
  const where = t.elements.slice(0, 2).map(cx.name).join(', ') + (t.elements.length > 2 ? ', …' : '');
  // A planned mitigation on the same elements that names no threat is often the answer, not linked yet.
  // (Mitigations linked to other threats are not offered: on a busy component that lists every one.)
  const nearby = unlinked.filter((m) => (m.elements ?? []).some((e) => t.elements.includes(e)));
  const decide: Inline[][] = [
    ...nearby.map((m): Inline[] => [
      { text: 'Mitigation ' },
      { text: m.id, code: true },
      { text: ` (${m.title}) is planned on ${(m.elements ?? []).filter((e) => t.elements.includes(e)).map(cx.name).join(', ')} but addresses no threat yet: if it addresses this one, add ` },
      { text: t.fingerprint, code: true },
      { text: ' to its ' },
      { text: 'threats:', code: true },
      { text: '. The next run closes this issue, and the mitigation\'s own issue lists the threat.' },
    ]),
    [
      { text: 'Plan a mitigation: add it under ' },
      { text: 'mitigations:', code: true },
      { text: ' in the model with ' },
      { text: `threats: [${t.fingerprint}]`, code: true },
      { text: suggestion ? ' (the rule suggests one below).' : '.' },
      { text: ' The next run closes this issue, and the mitigation\'s own issue lists the threat.' },
    ],
    [
      { text: 'Or record a decision on the threat' },
      ...(t.source === 'derived' ? [{ text: ' (an entry ' }, { text: `fingerprint: ${t.fingerprint}`, code: true }, { text: ' under ' }, { text: 'threats:', code: true }, { text: ')' }] : []),
      { text: ': ' },
      { text: 'status: accepted', code: true },
      { text: ' with accepted_by, justification and expires; ' },
      { text: 'transferred', code: true },
      { text: '; or ' },
      { text: 'false-positive', code: true },
      { text: ' or ' },
      { text: 'not-applicable', code: true },
      { text: ' with a justification. The next run closes this issue.' },
    ],
  ];
  const body: Block[] = [
    {
      kind: 'paragraph',
      parts: [{ text: `${bandText(band)} security decision from the threat model of ` }, { text: data.model.system.name, strong: true }, { text: `: this threat is open at ${bandText(band)} and no mitigation is planned for it.` }],
    },
    { kind: 'heading', text: 'Threat' },
    { kind: 'paragraph', parts: [{ text: t.title, strong: true }, { text: cx.riskText(t) }] },
    ...(t.description ? [{ kind: 'paragraph' as const, parts: [{ text: t.description }] }] : []),
    { kind: 'paragraph', parts: cx.located([{ text: 'Threat ' }, { text: t.id, code: true }], t.path) },
    ...(inForce.length > 0 ? [{ kind: 'paragraph' as const, parts: [{ text: `In force: ${inForce.map((m) => `${m.id} ${m.title} (${m.status ?? 'implemented'})`).join('; ')}. ${inForce.length === 1 ? 'It leaves' : 'They leave'} the threat at ${bandText(band)}.` }] }] : []),
    ...(t.questions.length > 0 ? [{ kind: 'heading' as const, text: 'Open questions' }, { kind: 'paragraph' as const, parts: [{ text: 'It rests on what the model does not say; the answers may confirm it or close it:' }] }, { kind: 'list' as const, items: t.questions.map((q) => [{ text: q }]) }] : []),
    ...cx.where(t.elements),
    { kind: 'heading', text: 'Decide' },
    { kind: 'list', items: decide },
    ...(suggestion
      ? [
          { kind: 'heading' as const, text: 'Suggested mitigation' },
          { kind: 'paragraph' as const, parts: [{ text: suggestion.title, strong: true }, { text: '.' }] },
          { kind: 'paragraph' as const, parts: [{ text: 'Acceptance criteria:' }] },
          { kind: 'list' as const, checkbox: true, items: [[{ text: suggestion.acceptance }]] },
          { kind: 'paragraph' as const, parts: [{ text: 'Test cases:' }] },
          { kind: 'list' as const, checkbox: true, items: [[{ text: suggestion.verification }]] },
        ]
      : []),
    { kind: 'heading', text: 'Planning' },
    { kind: 'list', items: [[{ text: `Owner: ${t.owner ?? 'not assigned in the model'}` }], [{ text: `Priority: ${bandText(band)}` }]] },
  ];
  return finish({ kind: 'decision', subject: t.fingerprint, priority: band, title: titleFor(band, `Decide how to address: ${t.title}${where ? ` (${where})` : ''}`), owner: t.owner, due: undefined, estimate: undefined, body, threats: [t], mitigation: undefined });
}

export function backlogItems(data: ReportData, options: BacklogOptions = {}): BacklogItem[] {
  const cx = context(data, options);
  const threshold = options.threshold ?? 'P1';
  const done = (m: Mitigation) => mitigationDone(m, data);
  if (options.per === 'threat') {
    const items: BacklogItem[] = [];
    for (const t of data.threats) {
      const band = currentBand(t);
      if (band === undefined || !atRisk(t, threshold)) continue;
      items.push(threatItem(data, cx, t, band, t.mitigations.filter((m) => !done(m))));
    }
    return items;
  }

  // Each item sorts by its band, then by its first threat at risk in the order of risk, mitigations before decisions.
  const rank = new Map(data.threats.map((t, i) => [t.fingerprint, i]));
  const sorted: { item: BacklogItem; first: number; order: number }[] = [];
  const byMitigation = threatsByMitigation(data);
  (data.model.mitigations ?? []).forEach((m, index) => {
    if (done(m)) return;
    const threats = byMitigation.get(m.id) ?? [];
    const live = threats.filter((t) => atRisk(t, threshold));
    if (live.length === 0) return;
    sorted.push({ item: mitigationItem(data, cx, m, index, threats, threshold), first: rank.get(live[0]?.fingerprint ?? '') ?? 0, order: index });
  });
  const unlinked = (data.model.mitigations ?? []).filter((m) => !done(m) && !byMitigation.has(m.id));
  data.threats.forEach((t, i) => {
    const band = currentBand(t);
    if (band === undefined || !atRisk(t, threshold) || t.mitigations.some((m) => !done(m))) return;
    sorted.push({ item: decisionItem(data, cx, t, band, t.mitigations, unlinked), first: i, order: Number.MAX_SAFE_INTEGER });
  });
  return sorted.sort((a, b) => BAND_ORDER[a.item.priority] - BAND_ORDER[b.item.priority] || a.first - b.first || a.order - b.order).map((s) => s.item);
}
