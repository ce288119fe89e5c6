/** The one escaper for Graphviz DOT. Everything user-written goes through `dotString`. */
import { oneLine } from './text.js';

/**
 * A double-quoted DOT string that Graphviz displays literally: backslashes (label escapes such
 * as \N, \G, \l) and quotes are escaped, "&" is written as an entity so "&lt;" shows as typed,
 * and `lines` become centred line breaks.
 */
export function dotString(...lines: string[]): string {
  const body = lines
    .map((line) =>
      oneLine(line)
        .replace(/\\/gu, '\\\\')
        .replace(/"/gu, '\\"')
        .replace(/&/gu, '&amp;'),
    )
    .join('\\n');
  return `"${body}"`;
}

/** A DOT node/cluster id from a model id: always quoted, so any character is safe. */
export function dotId(prefix: string, id: string): string {
  return dotString(`${prefix}${id}`);
}

/**
 * Text inside a Graphviz HTML-like label (`<…>`): one line, with the characters that label
 * grammar reads as markup or entities written as entities, so text shows as typed.
 */
export function dotHtml(text: string): string {
  return oneLine(text).replace(/[&<>"']/gu, (ch) => `&#${String(ch.codePointAt(0))};`);
}
