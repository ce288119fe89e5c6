/**
 * Shared text hygiene applied by every per-format escaper before its own escaping.
 *
 * Untrusted model text must show literally. Invisible characters that change how the
 * surrounding text is displayed (bidirectional overrides, isolates, other control characters)
 * are made visible as `⟨U+202E⟩` instead of being passed through, so a name like
 * "invoice\u202Efdp.exe" cannot disguise itself or reorder the rest of a line, table or label.
 */

/**
 * Invisible format characters (Unicode category Cf): bidi embeddings, overrides, isolates and
 * marks (Trojan Source, CVE-2021-42574), zero-width spaces, word joiners, byte order marks,
 * interlinear annotations, tag characters. The zero-width joiners (U+200C, U+200D) stay where
 * scripts and emoji need them and are shown only next to an ASCII character, where they would
 * only make two names look alike. Lone surrogates are shown too: no output can encode them.
 */
const INVISIBLE = /(?![\u200C\u200D])\p{Cf}|(?<=[\u0021-\u007E])[\u200C\u200D]|[\u200C\u200D](?=[\u0021-\u007E])|\p{Cs}/gu;
/** C0 and C1 controls except tab and line feed; carriage returns are normalised separately. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;
/**
 * Line breaks: CR LF, CR, and the separators JavaScript and Unicode also break lines at (NEL,
 * U+2028, U+2029), which Markdown renderers written in JavaScript would otherwise split a table
 * row or heading at.
 */
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/gu;

/** A character written as `⟨U+202E⟩`: readable, and unlike the character itself, visible. */
export function visible(ch: string): string {
  return `⟨U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Normalises line breaks to \n and makes invisible format characters and control characters visible. */
export function neutralise(text: string): string {
  // Printable ASCII, tabs and line feeds have nothing to normalise or show (most text of a model).
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(LINE_BREAK, '\n').replace(INVISIBLE, visible).replace(CONTROL, visible);
}

const PRINTABLE_ASCII = /^[\t\n\u0020-\u007E]*$/u;

/** One line: newlines and tabs become single spaces (for labels, titles and table cells). */
export function oneLine(text: string): string {
  return neutralise(text).replace(/[\n\t]+/gu, ' ');
}

/**
 * Shortens a label to at most `max` characters (by code point, never splitting a surrogate pair),
 * ending with "…". Full text stays available where the format allows (tooltips, tables).
 */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/**
 * Breaks a label into lines of about `width` characters at spaces, and hard-breaks words longer
 * than `width` so one long token cannot stretch a diagram box.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = Array.from(word);
    while (rest.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, width).join(''));
      rest = rest.slice(width);
    }
    const w = rest.join('');
    if (!line) line = w;
    else if (Array.from(line).length + 1 + rest.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
