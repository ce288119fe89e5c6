/**
 * An issue body per tracker: Markdown for GitHub and GitLab (through the Markdown escaper), and
 * the Atlassian document format for Jira, whose text nodes are literal by construction.
 */
import { mdBlock, mdCode, mdText } from '../escape/index.js';
import type { BacklogItem, Block, Inline } from './items.js';
import { markerText } from './marker.js';

function mdInline(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (p.code) return mdCode(p.text);
      const text = p.href ? `[${mdText(p.text)}](${p.href})` : mdBlock(p.text);
      return p.strong ? `**${text}**` : text;
    })
    .join('');
}

export function markdownBody(item: BacklogItem): string {
  const out: string[] = [];
  for (const b of item.body) {
    if (b.kind === 'heading') out.push(`### ${mdText(b.text)}`);
    else if (b.kind === 'paragraph') out.push(mdInline(b.parts));
    else if (b.kind === 'list') out.push(b.items.map((i) => `- ${b.checkbox ? '[ ] ' : ''}${mdInline(i)}`).join('\n'));
    else out.push('```mermaid\n' + b.mermaid + '```');
  }
  out.push(`<!-- ${markerText(item.kind, item.subject, item.hash)} -->`);
  return out.join('\n\n') + '\n';
}

type AdfNode = Record<string, unknown>;

function adfInline(parts: Inline[]): AdfNode[] {
  return parts
    .filter((p) => p.text !== '')
    .map((p) => {
      const marks: AdfNode[] = [];
      if (p.code) marks.push({ type: 'code' });
      if (p.strong) marks.push({ type: 'strong' });
      if (p.href) marks.push({ type: 'link', attrs: { href: p.href } });
      return { type: 'text', text: p.text, ...(marks.length > 0 ? { marks } : {}) };
    });
}

function adfBlock(b: Block): AdfNode | undefined {
  switch (b.kind) {
    case 'heading':
      return { type: 'heading', attrs: { level: 3 }, content: adfInline([{ text: b.text }]) };
    case 'paragraph':
      return { type: 'paragraph', content: adfInline(b.parts) };
    case 'list':
      return b.checkbox
        ? { type: 'taskList', attrs: { localId: 'tw' }, content: b.items.map((i, n) => ({ type: 'taskItem', attrs: { localId: `tw-${n}`, state: 'TODO' }, content: adfInline(i) })) }
        : { type: 'bulletList', content: b.items.map((i) => ({ type: 'listItem', content: [{ type: 'paragraph', content: adfInline(i) }] })) };
    case 'diagram':
      // Jira does not draw Mermaid; the neighbourhood list above says the same in words.
      return undefined;
  }
}

/** Atlassian document format (Jira Cloud REST v3). */
export function adfBody(item: BacklogItem): AdfNode {
  const content = item.body.map(adfBlock).filter((n): n is AdfNode => n !== undefined);
  content.push({ type: 'paragraph', content: [{ type: 'text', text: markerText(item.kind, item.subject, item.hash), marks: [{ type: 'subsup', attrs: { type: 'sub' } }] }] });
  return { type: 'doc', version: 1, content };
}

/** All text of an ADF document, to find our marker in it. */
export function adfText(node: unknown): string {
  if (node === null || typeof node !== 'object') return '';
  const n = node as { text?: unknown; content?: unknown };
  const own = typeof n.text === 'string' ? n.text : '';
  const kids = Array.isArray(n.content) ? n.content.map(adfText).join('\n') : '';
  return own + (own && kids ? '\n' : '') + kids;
}
