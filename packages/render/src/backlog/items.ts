/**
 * The backlog: every open P0/P1 threat becomes one tracker issue shaped like a security task.
 * Baseline entries never do: they are questions the model does not answer yet, not work to plan.
 * Pure: this builds the issues and decides what to do with the ones already in the tracker; the
 * CLI does the HTTP.
 */
import { isBaseline, isOpen, type ReportData, type ThreatView } from '../data/types.js';
import { buildDiagram } from '../diagrams/graph.js';
import { toMermaid } from '../diagrams/mermaid.js';
import { oneLine, truncate } from '../escape/index.js';
import { elementNames } from '../tables/names.js';
import { asList } from '../reports/outline.js';

/** The label every issue we open carries; we only ever look at (and close) issues with it and our marker. */
export const BACKLOG_LABEL = 'threatwright';

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
  fingerprint: string;
  priority: 'P0' | 'P1';
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
  threat: ThreatView;
}

export interface BacklogOptions {
  /** A URL prefix to link model lines, e.g. `https://github.com/o/r/blob/<sha>/` (the model path and `#L<line>` are appended). */
  sourceUrl?: string;
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

export function backlogItems(data: ReportData, options: BacklogOptions = {}): BacklogItem[] {
  const name = elementNames(data.model);
  const rules = new Map(data.rules.map((r) => [r.id, r]));
  const items: BacklogItem[] = [];
  for (const t of data.threats) {
    // Priority after the mitigations already in force, as the gate sees it.
    const band = t.residual?.band ?? t.band;
    if (!isOpen(t) || isBaseline(t) || (band !== 'P0' && band !== 'P1')) continue;
    const pending = t.mitigations.filter((m) => m.status !== 'implemented' && m.status !== 'verified');
    const rule = rules.get(t.ruleId);
    const suggestion = rule?.mitigations[0];
    const action = pending[0]?.title ?? suggestion?.title ?? `Mitigate: ${t.title}`;
    const title = truncate(oneLine(`[SEC][${band}] ${action}`), 200);
    const acceptance = pending.length > 0 ? pending.flatMap((m) => asList(m.acceptance)) : suggestion ? [suggestion.acceptance] : [];
    const tests = pending.length > 0 ? pending.flatMap((m) => asList(m.verification?.test)) : suggestion ? [suggestion.verification] : [];
    const owner = pending.find((m) => m.owner)?.owner ?? t.owner;
    const due = pending.map((m) => m.due).filter((d): d is string => d !== undefined).sort()[0];
    const estimates = pending.filter((m) => m.estimate !== undefined).map((m) => (pending.length > 1 ? `${m.id} ${m.estimate ?? ''}` : (m.estimate ?? '')));
    const estimate = estimates.length > 0 ? estimates.join(', ') : undefined;
    const loc = data.locate(t.path);
    const where: Inline[] = [{ text: 'Threat ' }, { text: t.id, code: true }, { text: ` in ` }];
    if (loc && options.sourceUrl && /^https?:\/\//u.test(options.sourceUrl)) where.push({ text: `${loc.file}:${loc.line}`, href: `${options.sourceUrl}${loc.file.split('/').map(encodeURIComponent).join('/')}#L${loc.line}` });
    else where.push({ text: loc ? `${loc.file}:${loc.line}` : data.meta.file, code: true });
    where.push({ text: '.' });

    const neighbours: Inline[][] = [];
    for (const f of data.model.flows ?? []) {
      if (!t.elements.some((e) => e === f.id || e === f.from || e === f.to)) continue;
      const flags = [f.protocol, f.encrypted === false ? 'unencrypted' : undefined, f.authenticated === false ? 'unauthenticated' : undefined].filter((x): x is string => x !== undefined);
      neighbours.push([{ text: f.id, code: true }, { text: ` ${name(f.from)} → ${name(f.to)}${f.label ? `: ${f.label}` : ''}${(f.data ?? []).length ? ` (carries ${(f.data ?? []).map(name).join(', ')})` : ''}${flags.length ? ` [${flags.join(', ')}]` : ''}` }]);
    }

    const body: Block[] = [
      { kind: 'paragraph', parts: [{ text: `${band} security task from the threat model of ` }, { text: data.model.system.name, strong: true }, { text: '.' }] },
      { kind: 'heading', text: 'Threat' },
      { kind: 'paragraph', parts: [{ text: t.title, strong: true }, { text: ` — risk ${String(t.score ?? '?')} (likelihood ${String(t.likelihood ?? '?')} × impact ${String(t.impact ?? '?')})${t.category ? `, ${t.category}` : ''}.` }] },
      ...(t.description ? [{ kind: 'paragraph' as const, parts: [{ text: t.description }] }] : []),
      { kind: 'paragraph', parts: where },
      { kind: 'heading', text: 'Where in the data-flow diagram' },
      { kind: 'paragraph', parts: [{ text: `Elements: ${t.elements.map((e) => `${name(e)} (${e})`).join(', ') || 'none'}.` }] },
      ...(neighbours.length > 0 ? [{ kind: 'list' as const, items: neighbours }] : []),
      ...(t.elements.some((e) => (data.model.components ?? []).some((c) => c.id === e) || (data.model.flows ?? []).some((f) => f.id === e)) ? [{ kind: 'diagram' as const, mermaid: toMermaid(buildDiagram(data.model, { view: { kind: 'neighbourhood', ids: t.elements } })) }] : []),
      { kind: 'heading', text: 'What to do' },
      { kind: 'list', items: (pending.length > 0 ? pending.map((m) => `${m.id}: ${m.title}${m.description ? ` — ${m.description}` : ''}`) : [action]).map((x) => [{ text: x }]) },
      { kind: 'heading', text: 'Acceptance criteria' },
      acceptance.length > 0 ? { kind: 'list', checkbox: true, items: acceptance.map((a) => [{ text: a }]) } : { kind: 'paragraph', parts: [{ text: 'None recorded yet: add `acceptance:` to the mitigation in the model.' }] },
      { kind: 'heading', text: 'Test cases' },
      tests.length > 0 ? { kind: 'list', checkbox: true, items: tests.map((x) => [{ text: x }]) } : { kind: 'paragraph', parts: [{ text: 'None recorded yet: add `verification: { test: … }` to the mitigation in the model.' }] },
      { kind: 'heading', text: 'Planning' },
      { kind: 'list', items: [[{ text: `Owner: ${owner ?? 'not assigned in the model'}` }], [{ text: `Estimate: ${estimate ?? 'none in the model (add `estimate:` to the mitigation)'}` }], [{ text: `Due: ${due ?? 'no due date in the model'}` }], [{ text: `Priority: ${band}` }]] },
    ];
    const labels = [BACKLOG_LABEL, 'security', `priority:${band}`];
    items.push({ fingerprint: t.fingerprint, priority: band, title, labels, owner, due, estimate, body, hash: contentHash(JSON.stringify({ title, labels, body, due, owner })), threat: t });
  }
  return items;
}
