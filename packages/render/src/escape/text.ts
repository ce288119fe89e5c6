/**
 * Shared text hygiene applied by every per-format escaper before its own escaping.
 *
 * Untrusted model text must show literally. Invisible characters that change how the
 * surrounding text is displayed (bidirectional overrides, isolates, other control characters)
 * are made visible as `⟨U+202E⟩` instead of being passed through, so a name like
 * "invoice\u202Efdp.exe" cannot disguise itself or reorder the rest of a line, table or label.
 */

/** Bidi embeddings/overrides/isolates and marks (Trojan Source, CVE-2021-42574). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** C0 and C1 controls except tab and line feed; carriage returns are normalised separately. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

function visible(ch: string): string {
  return `⟨U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Normalises line endings to \n and makes bidi and control characters visible. */
export function neutralise(text: string): string {
  return text.replace(/\r\n?/gu, '\n').replace(BIDI, visible).replace(CONTROL, visible);
}

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
