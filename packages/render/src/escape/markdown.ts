/**
 * The one escaper for Markdown (GitHub Flavored). Model text never creates markup:
 * no links, images, emphasis, headings, lists, raw HTML or table cells.
 */
import { neutralise, oneLine } from './text.js';

const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function plain(text: string): string {
  return text
    .replace(/[\\`*_[\]{}()#+!|~^$]/gu, (ch) => `\\${ch}`)
    .replace(/[&<>]/gu, (ch) => HTML_ENTITY[ch] ?? ch)
    // GFM would otherwise turn bare "www." / "http://" into links; a zero-width break keeps them text.
    .replace(/\b(https?|ftp|mailto|javascript|data|vbscript)(:)/giu, '$1\\$2')
    .replace(/\bwww\./giu, 'www\\.');
}

/**
 * What a tracker reads as a mention or a cross-reference: `@user`, `@org/team`, `#123`,
 * `owner/repo#123`, `GH-123`, and GitLab's `!123` (merge requests) and `&123` (epics). GitHub
 * and GitLab find them in the rendered text, after backslash escapes are gone, and notify the
 * people or link the issue (whose subscribers then see "mentioned this"). Their filters skip code spans, so each is written as one:
 * it shows exactly as typed and copies as typed, without the invisible characters a zero-width
 * joiner would add. A mention needs no letter or digit before it, so an e-mail address stays
 * text; the code span takes in what follows up to the next space or punctuation, since text right
 * after a code span starts afresh for the tracker (`@a@b` would otherwise leave `@b` live).
 */
const REFERENCE = /(?<![\p{L}\p{N}_])(?:@[\p{L}\p{N}_]|(?:[\w.-]+\/[\w.-]+)?[#!&]\d|GH-\d)[\p{L}\p{N}_.\-/@#!&]*/giu;

function inline(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(REFERENCE)) {
    // A full stop ending a sentence stays outside the code span.
    const ref = m[0].replace(/\.+$/u, '');
    out += `${plain(text.slice(last, m.index))}${mdCode(ref)}`;
    last = m.index + ref.length;
  }
  return out + plain(text.slice(last));
}

/** Inline text inside a paragraph, list item or heading (one line). */
export function mdText(text: string): string {
  // A line starting with "::" would be a workflow command in a CI log; a backslash before ":" shows ":" in Markdown.
  return inline(oneLine(text)).replace(/^(\s*)(:|[-=]|\d+[.)])/u, (_m, ws: string, mark: string) => `${ws}${mark.replace(/([-=.):])$/u, '\\$1')}`);
}

/** A GitHub table cell: one line, pipes escaped. */
export function mdCell(text: string): string {
  return mdText(text) || ' ';
}

/** Multi-line text as a paragraph: each line escaped (block markers at line start too), joined with hard breaks. */
export function mdBlock(text: string): string {
  return neutralise(text)
    .split('\n')
    .map((line) => mdText(line.replace(/\t/gu, ' ')))
    .filter((line, i, all) => line.trim() !== '' || (i > 0 && i < all.length - 1))
    .join('  \n');
}

/** Inline code for ids and fingerprints: a fence longer than any backtick run inside. */
export function mdCode(text: string): string {
  const t = oneLine(text);
  let longest = 0;
  for (const m of t.matchAll(/`+/gu)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t.replace(/\|/gu, '\\|')}${pad}${fence}`;
}

/** A link whose target we built (an anchor or an http(s) URL); anything else is rendered as text. */
export function mdLink(label: string, href: string): string {
  if (!/^(#[\w-]+|https?:\/\/[^\s()<>]+)$/u.test(href)) return mdText(label);
  return `[${mdText(label)}](${href})`;
}

/** A heading anchor slug the way GitHub computes it (lower case, punctuation dropped, spaces to "-"). */
export function mdAnchor(text: string): string {
  return oneLine(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/gu, '-');
}
