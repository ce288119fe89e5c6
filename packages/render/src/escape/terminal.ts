/**
 * The one escaper for text shown on a terminal, and so in CI logs, which are read by a runner
 * before a person sees them.
 *
 * A terminal obeys control characters: ESC starts sequences that recolour, hide, retitle or
 * rewrite what is on screen (or make a hyperlink), BEL rings, CR returns to the start of the line
 * to overwrite it, and the C1 controls (0x80–0x9F) are sequences of their own on some terminals.
 * Bidirectional and other invisible format characters reorder or hide the rest of a line. And a
 * CI runner reads every line that starts with `::` as a workflow command (`::error`,
 * `::add-mask::`, `::stop-commands::`), even after leading spaces.
 *
 * So model text is escaped twice over:
 *
 * - each value, where it is formatted: `terminalText` for text that may span lines,
 *   `terminalLine` for one-line fields (titles, names, ids), whose line breaks are folded to a
 *   visible ` ⏎ ` so model text never starts a line of its own;
 * - everything a command prints, by `terminalFilter` at the one place output leaves the CLI: it
 *   keeps line feeds and the colour sequences the CLI itself writes (and only when colours are
 *   on), makes every other control and invisible character visible, and writes the first colon of
 *   a line that would start with `::` as `⟨U+003A⟩`.
 *
 * Characters are made visible the same way as in every other output (`⟨U+001B⟩`).
 */
import { neutralise, visible } from './text.js';

/** Text that may span lines: line breaks kept as \n, tabs as spaces, everything invisible shown. */
export function terminalText(text: string): string {
  return neutralise(text).replace(/\t/gu, ' ');
}

/** One line of text (a title, a name, an id): line breaks folded to a visible ` ⏎ `, ends trimmed. */
export function terminalLine(text: string): string {
  return terminalText(text)
    .trim()
    .replace(/[ ]*\n[\n ]*/gu, ' ⏎ ');
}

/**
 * SGR parameters the CLI's colours use (picocolors): reset, bold, dim, italic, underline, inverse,
 * strikethrough, their resets, and the 16 foreground and background colours. Not 8 (hidden) or
 * the 256-colour and RGB forms, which could write text in the background's colour.
 */
const SGR_PARAMS = new Set([0, 1, 2, 3, 4, 7, 9, 21, 22, 23, 24, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 39, 40, 41, 42, 43, 44, 45, 46, 47, 49, 90, 91, 92, 93, 94, 95, 96, 97, 100, 101, 102, 103, 104, 105, 106, 107]);

function isColour(params: string): boolean {
  if (params === '') return true;
  for (const p of params.split(';')) if (p === '' || !SGR_PARAMS.has(Number(p))) return false;
  return true;
}

/** Everything a terminal could act on or hide, except the line feed and tab: C0, DEL, C1, invisible format characters, lone surrogates. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u001B\[([0-9;]{0,32})m|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u0085\u2028\u2029]|\p{Cf}|\p{Cs}/gu;

/** One line's characters, with the CLI's colour sequences kept when `colours` is on. */
function escapeLine(line: string, colours: boolean): string {
  return line.replace(UNSAFE, (m: string, params: string | undefined) => {
    if (params !== undefined) return colours && isColour(params) ? m : `${visible('\u001B')}${m.slice(1)}`;
    // The joiners that scripts and emoji need are kept (they cannot move or hide text); the rest is shown.
    if (m === '\u200C' || m === '\u200D') return m;
    return visible(m);
  });
}

/** Leading spaces, tabs and colour sequences: what a runner skips before it looks for `::`. */
// eslint-disable-next-line no-control-regex
const LEAD = /^(?:[ \t]|\u001B\[[0-9;]*m)*/u;

/**
 * A filter for one output stream: call it on each piece of text in order; it returns the piece as
 * it may be written. It remembers whether the previous piece ended inside a line, so a line split
 * over two writes is judged as one.
 */
export function terminalFilter(options: { colours: boolean }): (text: string) => string {
  // Whether the line written so far holds nothing but spaces and colours (so `::` would still start it).
  let blankSoFar = true;
  return (text) => {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) blankSoFar = true;
      let line = escapeLine(lines[i] ?? '', options.colours);
      if (blankSoFar) {
        const lead = LEAD.exec(line)?.[0] ?? '';
        const rest = line.slice(lead.length);
        // A lone ":" at the very end may meet another ":" in the next piece.
        if (rest.startsWith('::') || (rest === ':' && i === lines.length - 1)) line = `${lead}${visible(':')}${rest.slice(1)}`;
        blankSoFar = rest === '';
      }
      lines[i] = line;
    }
    return lines.join('\n');
  };
}
