/**
 * The backlog written out offline (`threatwright backlog --print`): every issue the backlog would
 * open, as one Markdown document to read or review, or as JSON for tools. The bodies are the
 * Markdown GitHub and GitLab receive, marker included; Jira gets the same content as an Atlassian
 * document.
 */
import type { Band } from '../diagrams/graph.js';
import { BAND_OF, bandText } from '../data/risk.js';
import { mdCode, mdText } from '../escape/index.js';
import { markdownBody } from './bodies.js';
import { currentBand, type BacklogItem, type BacklogPer } from './items.js';
import { markerText } from './marker.js';

export interface PrintOptions {
  per: BacklogPer;
  threshold: Band;
  /** The system's name, for the document's heading. */
  system: string;
}

const KIND_TEXT: Readonly<Record<BacklogItem['kind'], string>> = { mitigation: 'mitigation', decision: 'decision', threat: 'threat' };

function scope(options: PrintOptions): string {
  const at = `${bandText(options.threshold)} or above`;
  return options.per === 'threat'
    ? `one issue per threat open at ${at}`
    : `one issue per planned mitigation that addresses a threat open at ${at}, and one per such threat with no mitigation planned`;
}

/** One Markdown document: a heading per issue with its labels and planning fields, then the body as sent. */
export function backlogMarkdown(items: readonly BacklogItem[], options: PrintOptions): string {
  const out: string[] = [`# Backlog: ${mdText(options.system)}`, `${items.length === 1 ? 'One issue' : `${items.length} issues`}: ${scope(options)}. Each body is written as the tracker receives it.`];
  items.forEach((item, n) => {
    const fields = [`Labels: ${item.labels.map(mdCode).join(', ')}`];
    if (item.owner !== undefined) fields.push(`Owner: ${mdText(item.owner)}`);
    if (item.due !== undefined) fields.push(`Due: ${mdText(item.due)}`);
    if (item.estimate !== undefined) fields.push(`Estimate: ${mdText(item.estimate)}`);
    out.push('---', `## ${n + 1}. ${mdText(item.title)}`, fields.join(' · '), markdownBody(item).trimEnd());
  });
  return `${out.join('\n\n')}\n`;
}

const split = (band: Band | undefined) => ({ priority: band ?? null, band: band ? BAND_OF[band] : null });

/** Stable JSON: the issues in the order they would be opened, each with its threats and its Markdown body. */
export function backlogJson(items: readonly BacklogItem[], options: PrintOptions): string {
  const issues = items.map((item) => ({
    kind: KIND_TEXT[item.kind],
    subject: item.subject,
    title: item.title,
    labels: item.labels,
    ...split(item.priority),
    owner: item.owner ?? null,
    due: item.due ?? null,
    estimate: item.estimate ?? null,
    threats: item.threats.map((t) => ({ id: t.id, fingerprint: t.fingerprint, title: t.title, ...split(currentBand(t)), status: t.status })),
    marker: markerText(item.kind, item.subject, item.hash),
    body: markdownBody(item),
  }));
  return `${JSON.stringify({ version: 1, per: options.per, threshold: split(options.threshold), issues }, null, 2)}\n`;
}
