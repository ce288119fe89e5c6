import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../../test/fixtures/adversarial.js';
import { parseCsv } from '../../test/csv-parse.js';
import { csvField, csvRow } from './csv.js';
import { dotString } from './dot.js';
import { escapeHtml, html, raw } from './html.js';
import { mdBlock, mdCell, mdCode, mdLink, mdText } from './markdown.js';
import { MermaidIds, mermaidLabel } from './mermaid.js';
import { terminalFilter, terminalLine, terminalText } from './terminal.js';
import { renderGfm, tagsOf, textOf } from '../../test/markdown-render.js';
import { neutralise, truncate, wrap } from './text.js';

describe('text hygiene', () => {
  it('makes bidi overrides and control characters visible instead of passing them through', () => {
    const out = neutralise('invoice\u202Efdp.exe\u0007\u2066x\u2069');
    expect(out).toBe('invoice⟨U+202E⟩fdp.exe⟨U+0007⟩⟨U+2066⟩x⟨U+2069⟩');
    // eslint-disable-next-line no-control-regex -- looking for exactly these characters
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000-\u0008]/u);
  });
  it('truncates by code point without splitting surrogate pairs', () => {
    expect(truncate('🔐🔐🔐🔐', 3)).toBe('🔐🔐…');
    expect(truncate('short', 10)).toBe('short');
  });
  it('hard-wraps a single very long word so it cannot widen a box', () => {
    const out = wrap('x'.repeat(100), 20);
    expect(out).toHaveLength(5);
    expect(out.reduce((m, l) => Math.max(m, l.length), 0)).toBe(20);
  });
});

describe('HTML escaping', () => {
  it.each(HOSTILE)('leaves no markup from hostile string %#', (s) => {
    const out = escapeHtml(s);
    expect(out).not.toMatch(/[<>"']/u);
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/u);
  });
  it('starts no line with "::", which a CI log reads as a workflow command', () => {
    expect(escapeHtml('a\n  ::error::x')).toBe('a\n  &#58;:error::x');
    expect(escapeHtml('::x')).toBe('&#58;:x');
  });
  it('escapes values in the html template but keeps trusted markup', () => {
    const out = html`<p title="${'a"b'}">${'<b>x</b>'}${raw('<i>ok</i>')}${[raw('<br>')]}${3}</p>`;
    expect(out.value).toBe('<p title="a&quot;b">&lt;b&gt;x&lt;/b&gt;<i>ok</i><br>3</p>');
  });
});

/** What a one-line field shows: the text with line breaks and tabs folded to spaces, invisible characters made visible. */
function oneLineOf(s: string): string {
  return neutralise(s).replace(/[\n\t]+/gu, ' ');
}

describe('Markdown escaping', () => {
  it.each(HOSTILE)('a table cell from hostile string %# stays one cell on one line', (s) => {
    const cell = mdCell(s);
    expect(cell).not.toContain('\n');
    // Every pipe is escaped, so the row keeps its columns.
    expect(cell.replace(/\\\|/gu, '')).not.toContain('|');
    // A tag or comment start is escaped (`\\<`), which CommonMark shows as "<".
    expect(cell).not.toMatch(/(?<!\\)<[a-z/!]/iu);
  });
  it('turns link and image syntax into text', () => {
    expect(mdText('[click](javascript:alert(1))')).toBe('[click\\](javascript:alert(1))');
    expect(mdText('![i](x)')).toBe('![i\\](x)');
    expect(mdText('see [x][ref] and [ref]: http://evil')).toBe('see [x][ref] and [ref\\]: http\\://evil');
  });
  it('neutralises block markers at the start of a line', () => {
    expect(mdBlock('# title\n- item\n1. one\n> quote\n+ plus\n2) two\n[ ] task\n===\n---')).toBe('\\# title  \n\\- item  \n1\\. one  \n\\> quote  \n\\+ plus  \n2\\) two  \n\\[ ] task  \n\\===  \n\\---');
  });
  it('escapes only what would become markup: ids in brackets, versions, comparisons and names read as written', () => {
    for (const s of ['C7 stores personal data: A1 Payment instruction', 'Auth service (C2)', '2.3', 'Rate limit > 100 req/s & < 1 MB', '[SEC] Fix the login', 'data_sensitivity', 'C# and F#', '{json}', '50% + 2^3', 'a -> b', 'x=1', '-foo', '1.5 million', 'Hello!', 'C:\\Temp\\x']) {
      const md = mdText(s);
      // The raw Markdown is the text itself, and a GFM renderer shows exactly it.
      if (s !== 'Hello!') expect(md, s).toBe(s);
      expect(textOf(renderGfm(md)), s).toBe(s);
    }
    expect(mdText('[SEC][P1 high] Fix the login')).toBe('[SEC][P1 high] Fix the login');
    expect(mdText('[x] done')).toBe('\\[x] done');
    // Only the schemes GFM links by itself are broken up; "data: A1" is a sentence, not a URL.
    expect(mdText('stores personal data: A1; see https://x.example and mailto:a@b.example, not javascript:alert(1)')).toBe('stores personal data: A1; see https\\://x.example and mailto\\:a@b.example, not javascript:alert(1)');
  });
  it('keeps emphasis, code, strikethrough, math and HTML markers as text', () => {
    expect(mdText('**bold** _em_ `code` ~~gone~~ $x$ <b>')).toBe('\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~gone\\~\\~ \\$x\\$ \\<b>');
    expect(mdText('&lt; and &#x41; and & alone')).toBe('\\&lt; and \\&#x41; and & alone');
    expect(mdText('snake_case_name but _x_ and x_')).toBe('snake_case_name but \\_x\\_ and x\\_');
  });
  it('escapes what could join the markup that follows the text: a last ], !, <, & or backslash', () => {
    expect(mdText('a]')).toBe('a\\]');
    expect(mdText('wow!')).toBe('wow\\!');
    expect(mdText('a<')).toBe('a\\<');
    expect(mdText('a\\')).toBe('a\\\\');
    expect(mdText('title #')).toBe('title \\#');
    expect(mdText('C#')).toBe('C#');
  });
  it.each([...HOSTILE, '[x]: https://evil.example', '<!-- x -->', '<https://evil.example>', 'www.evil.example', 'a\\', '&amp;', '~~s~~', '$E=mc^2$', '2. item', '[ ] todo', '> quote', '### h ###'])(
    'a GFM renderer shows hostile string %# literally, as one paragraph, one table cell and one heading',
    (s) => {
      const expected = oneLineOf(s);
      const para = renderGfm(mdText(s));
      // Mentions and issue references are code spans on purpose; nothing else is markup.
      expect(tagsOf(para).filter((t) => t !== 'code')).toEqual(['p', 'p'].slice(0, expected === '' ? 0 : 2));
      expect(textOf(para)).toBe(expected.trim());
      const table = renderGfm(`| a | b |\n| --- | --- |\n| ${mdCell(s)} | z |\n`);
      expect(tagsOf(table).filter((t) => t === 'td')).toHaveLength(4);
      expect(textOf(/<td>([\s\S]*?)<\/td>/u.exec(table)?.[1] ?? '')).toBe(expected.trim());
      const heading = renderGfm(`### ${mdText(s)}\n`);
      expect(tagsOf(heading).filter((t) => t !== 'code')).toEqual(['h3', 'h3']);
      expect(textOf(heading)).toBe(expected.trim());
      const block = renderGfm(mdBlock(s));
      expect(tagsOf(block).filter((t) => t !== 'code' && t !== 'br')).toEqual(expected.trim() === '' ? [] : ['p', 'p']);
    },
  );
  it('builds links only to anchors and http(s) URLs', () => {
    expect(mdLink('x', 'javascript:alert(1)')).toBe('x');
    expect(mdLink('T1', '#t1')).toBe('[T1](#t1)');
  });
  it('writes mentions and issue references as code spans, which GitHub and GitLab do not act on (I5)', () => {
    expect(mdText('ask @alice and @acme/sec-team about #12, acme/shop#3, GH-4, !5 and &6')).toBe('ask `@alice` and `@acme/sec-team` about `#12`, `acme/shop#3`, `GH-4`, `!5` and `&6`');
    expect(mdText('mail bob@example.com, C#, issue#x, a@b')).toBe('mail bob@example.com, C#, issue#x, a@b');
    // Text right after a code span starts afresh for the tracker, so a chained mention is one span.
    expect(mdText('@everyone@org/team and #1#2 and \\@x, see #3.')).toBe('`@everyone@org/team` and `#1#2` and \\\\`@x`, see `#3`.');
  });
  it('never starts a line with "::", which a CI log reads as a workflow command', () => {
    expect(mdBlock('x\n::error::y\n  ::add-mask::z')).toBe('x  \n\\::error::y  \n  \\::add-mask::z');
  });
  it('fences inline code longer than any backtick run inside', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
  });
});

describe('CSV escaping', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '＝1+1'])('neutralises the formula prefix in %j', (s) => {
    const parsed = parseCsv(csvField(s) + '\n')[0]?.[0] ?? '';
    expect(parsed.startsWith("'")).toBe(true);
  });
  it('keeps numbers as numbers, including negative ones', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(12)).toBe('12');
  });
  it('round-trips every hostile string as exactly one field', () => {
    const row = csvRow(['id', ...HOSTILE]);
    const parsed = parseCsv(row + '\n');
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toHaveLength(HOSTILE.length + 1);
    HOSTILE.forEach((s, i) => {
      const back = parsed[0]?.[i + 1] ?? '';
      expect(back.replace(/^'/u, '')).toBe(neutralise(s.replace(/\r\n?/gu, '\n').replace(/\t/gu, ' ')).replace(/^'/u, ''));
    });
  });
});

describe('DOT escaping', () => {
  it.each(HOSTILE)('hostile string %# becomes one well-formed quoted string', (s) => {
    const out = dotString(s);
    expect(out.startsWith('"') && out.endsWith('"')).toBe(true);
    const inner = out.slice(1, -1);
    // No unescaped quote can end the string early, and no raw newline splits it.
    expect(inner.replace(/\\\\/gu, '').replace(/\\"/gu, '')).not.toContain('"');
    expect(inner).not.toContain('\n');
  });
});

describe('Mermaid escaping', () => {
  it.each(HOSTILE)('hostile string %# cannot leave its quoted label', (s) => {
    const out = mermaidLabel(s);
    const inner = out.slice(1, -1);
    expect(inner).not.toMatch(/["<>`%{}\n]/u);
    expect(inner.replace(/#(\w+);/gu, '')).not.toContain('#');
  });
  it('gives every model id a unique, keyword-safe node id', () => {
    const ids = new MermaidIds();
    const a = ids.get('n', 'C.1');
    const b = ids.get('n', 'C_1');
    const end = ids.get('n', 'end');
    expect(a).not.toBe(b);
    expect(ids.get('n', 'C.1')).toBe(a);
    expect(end).toBe('n_end');
    expect([a, b, end].every((x) => /^[A-Za-z][A-Za-z0-9_]*$/u.test(x))).toBe(true);
  });
});

describe('terminal escaping', () => {
  it('shows control characters, escape sequences and invisible format characters', () => {
    expect(terminalText('a\u001b[2Jb\u0007c\u009bd\u007fe\u202ef\u200bg\ufeffh\u{E0041}i')).toBe('a⟨U+001B⟩[2Jb⟨U+0007⟩c⟨U+009B⟩d⟨U+007F⟩e⟨U+202E⟩f⟨U+200B⟩g⟨U+FEFF⟩h⟨U+E0041⟩i');
  });
  it('keeps the joiners emoji and scripts need, and shows them between ASCII letters', () => {
    expect(terminalText('👩\u200d💻')).toBe('👩\u200d💻');
    expect(terminalText('adm\u200din')).toBe('adm⟨U+200D⟩in');
  });
  it('folds every kind of line break in a one-line field to a visible mark', () => {
    expect(terminalLine('title\n::error::x\r\n::add-mask::y\rz\u2028w\u2029v\u0085u\n')).toBe('title ⏎ ::error::x ⏎ ::add-mask::y ⏎ z ⏎ w ⏎ v ⏎ u');
    expect(terminalLine('a\tb')).toBe('a b');
  });
  it.each(HOSTILE)('the filter lets hostile string %# start no workflow command and carry no control character', (s) => {
    const out = terminalFilter({ colours: false })(`${s}\n  ${s}\n`);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\p{Cs}|[\u2028\u2029]|(?![\u200c\u200d])\p{Cf}/u);
    for (const line of out.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
  });
  it('keeps the colour sequences the CLI writes only when colours are on, and never "hidden"', () => {
    const on = terminalFilter({ colours: true });
    expect(on('\u001b[31mred\u001b[39m \u001b[1;2mx\u001b[22m')).toBe('\u001b[31mred\u001b[39m \u001b[1;2mx\u001b[22m');
    expect(on('\u001b[8mhidden\u001b[38;5;16mblack')).toBe('⟨U+001B⟩[8mhidden⟨U+001B⟩[38;5;16mblack');
    expect(terminalFilter({ colours: false })('\u001b[31mred')).toBe('⟨U+001B⟩[31mred');
  });
  it('looks past spaces and colours for "::" at the start of a line, also across writes', () => {
    const f = terminalFilter({ colours: true });
    expect(f('ok\n  \u001b[31m::error::x\n')).toBe('ok\n  \u001b[31m⟨U+003A⟩:error::x\n');
    expect(f('   ') + f('::warning::y')).toBe('   ⟨U+003A⟩:warning::y');
    expect(f(' a ::b\n')).toBe(' a ::b\n');
  });
});

describe('line separators', () => {
  it('are line breaks to every escaper, so a table cell or heading stays on its line (I4)', () => {
    for (const sep of ['\u2028', '\u2029', '\u0085']) {
      expect(neutralise(`a${sep}b`)).toBe('a\nb');
      expect(mdCell(`a${sep}| b`)).toBe('a \\| b');
      expect(mdText(`# a${sep}# b`)).not.toMatch(/[\u2028\u2029\u0085\n]/u);
    }
  });
});
