/**
 * The one escaper for Markdown (GitHub Flavored). Model text never creates markup:
 * no links, images, emphasis, headings, lists, raw HTML or table cells.
 */
import { neutralise, oneLine } from './text.js';

/** ASCII punctuation: what a backslash can escape in CommonMark. */
const PUNCTUATION = /[!-/:-@[-`{-~]/u;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes, character by character, only what would otherwise become markup, so that text such as
 * "Auth service (C2)", "2.3" or "a > b" reads in the Markdown source as it was written:
 *
 * - always: `` ` `` (code spans), `*` (emphasis), `|` (table cells), `~` (strikethrough) and `$`
 *   (GitHub's math);
 * - `_` unless it sits between letters or digits, where it cannot open or close emphasis;
 * - `]` before `(` or `:` (an inline link or a reference definition) and at the end of the text,
 *   where the caller's own markup may follow; with no definition anywhere, `[SEC][P1]` stays text;
 * - `<` before a letter, `/`, `!` or `?` (HTML, an autolink, a comment), and `&` before what reads
 *   as an entity (`&lt;`, `&#35;`);
 * - `\` before punctuation, `!` and `&` and `<` at the end of the text (each could join the markup
 *   that follows);
 * - a run of `#` ending the text after a space, which a heading would drop as its closing sequence.
 *
 * Escapes are backslashes, which every CommonMark renderer removes, so what a reader sees is the text.
 */
function plain(text: string): string {
  // Text with none of the characters above and no autolink prefix reads the same escaped: as written.
  if (!MAY_BE_MARKUP.test(text)) return text;
  const chars = Array.from(text);
  let out = '';
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] ?? '';
    const prev = chars[k - 1];
    const next = chars[k + 1];
    const last = next === undefined;
    let escape = false;
    switch (ch) {
      case '`':
      case '*':
      case '|':
      case '~':
      case '$':
        escape = true;
        break;
      case '\\':
        escape = last || PUNCTUATION.test(next);
        break;
      case '_':
        escape = !(prev !== undefined && next !== undefined && WORD.test(prev) && WORD.test(next));
        break;
      case ']':
        escape = last || next === '(' || next === ':';
        break;
      case '<':
        escape = last || /[A-Za-z/!?]/u.test(next);
        break;
      case '&':
        escape = last || /^#?[A-Za-z0-9]+;/u.test(chars.slice(k + 1, k + 34).join(''));
        break;
      case '!':
        escape = last;
        break;
      case '#':
        escape = (prev === undefined || /\s/u.test(prev)) && /^#*$/u.test(chars.slice(k + 1).join(''));
        break;
    }
    out += escape ? `\\${ch}` : ch;
  }
  return (
    out
      // GFM turns bare "www.", "http://", "https://", "ftp://", "mailto:" and "xmpp:" into links (its
      // extended autolinks; other schemes only inside <…>, and "<" is escaped); a backslash keeps them text.
      .replace(/\b(https?|ftp)(:)(?=\/\/)/giu, '$1\\$2')
      .replace(/\b(mailto|xmpp)(:)(?=\S)/giu, '$1\\$2')
      .replace(/\bwww\./giu, 'www\\.')
  );
}

/** A character `plain` may escape, or the start of an autolink GFM would make. */
const MAY_BE_MARKUP = /[`*|~$\\_\]<&!#]|(?:https?|ftp|mailto|xmpp):|www\./iu;

/**
 * What starts a block when it begins a line: a heading, a quote, a list item (`-`, `+`, `1.`, `1)`),
 * a task box (`[ ]`, `[x]`), a thematic break or setext underline; and `:`, which would
 * start a workflow command when the text is printed in a CI log.
 */
const LINE_START = /^(\s*)(?:(#|>|=|:|\[(?=[ xX]\]))|([-+])(?=\s|-|$)|(\d{1,9})([.)])(?=\s|$))/u;

function lineStart(line: string): string {
  return line.replace(LINE_START, (_m, ws: string, mark: string | undefined, bullet: string | undefined, digits: string | undefined, dot: string | undefined) => {
    if (mark !== undefined) return `${ws}\\${mark}`;
    if (bullet !== undefined) return `${ws}\\${bullet}`;
    return `${ws}${digits ?? ''}\\${dot ?? ''}`;
  });
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
const MAY_REFERENCE = /[@#!&]|gh-/iu;
const REFERENCE = /(?<![\p{L}\p{N}_])(?:@[\p{L}\p{N}_]|(?:[\w.-]+\/[\w.-]+)?[#!&]\d|GH-\d)[\p{L}\p{N}_.\-/@#!&]*/giu;

function inline(text: string): string {
  // No mention or reference can start without one of these.
  if (!MAY_REFERENCE.test(text)) return plain(text);
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
  return lineStart(inline(oneLine(text)));
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
