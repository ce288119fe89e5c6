/**
 * docs/cli.md, generated from the command specs so the reference never drifts from `--help`
 * (docs.test.ts compares; `npm run docs:cli` rewrites it).
 */
import { allOptions } from './args.js';
import { EXIT_CODE_MEANING, type ExitCodeValue } from './exit-codes.js';
import { GLOBAL_OPTIONS, usageLine } from './help.js';
import { COMMAND_GROUPS, type CommandSpec, type OptionSpec } from './types.js';

/** Text in a Markdown table cell: pipes and line breaks neutralised, `<` outside code spans escaped. */
function cell(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/** Inline code in a table cell (backticks cannot hold a pipe unescaped in GFM tables). */
function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

function optionFlag(name: string, spec: OptionSpec): string {
  const value = spec.type === 'string' ? ` <${spec.choices ? spec.choices.join('|') : (spec.valueName ?? 'value')}>` : '';
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${value}`;
}

function optionNotes(spec: OptionSpec): string {
  const notes: string[] = [];
  if (spec.multiple) notes.push('Repeatable.');
  if (spec.default !== undefined && spec.default !== false) notes.push(`Default: ${code(Array.isArray(spec.default) ? spec.default.join(', ') : String(spec.default))}.`);
  return [cell(spec.description), ...notes].join(' ');
}

function anchor(name: string): string {
  return `threatwright-${name}`;
}

export function cliReference(specs: readonly CommandSpec[]): string {
  const sorted = [...specs].sort((a, b) => COMMAND_GROUPS.indexOf(a.group) - COMMAND_GROUPS.indexOf(b.group) || a.name.localeCompare(b.name));
  const out: string[] = [
    '# Command-line reference',
    '',
    '<!-- Generated from the command specs in packages/cli/src/commands/*/index.ts by packages/cli/src/docs.test.ts. Do not edit by hand: change the spec, then run `npm run docs:cli`. -->',
    '',
    'Every command prints this help with `threatwright <command> --help`; `threatwright --help` lists them all.',
    '',
    '| Command | What it does |',
    '|---|---|',
    ...sorted.map((s) => `| [\`threatwright ${s.name}\`](#${anchor(s.name)}) | ${cell(s.summary)} |`),
    '',
    '## Global options',
    '',
    '| Option | |',
    '|---|---|',
    ...GLOBAL_OPTIONS.map((o) => `| ${code(o.flag.trim())} | ${cell(o.description)} |`),
    '',
    'Colours are used only when the output is a terminal (and `TERM` is not `dumb`), never when `NO_COLOR` is set to a non-empty value or `--no-color` is given; `FORCE_COLOR` (any value but `0` or `false`) or `--color` turns them on for pipes.',
    '',
    '## Exit codes',
    '',
    '| Code | Meaning |',
    '|---|---|',
    ...Object.entries(EXIT_CODE_MEANING).map(([c, meaning]) => `| ${c} | ${cell(meaning)} |`),
  ];
  for (const s of sorted) {
    out.push('', `## threatwright ${s.name}`, '', cell(s.summary) + '.', '');
    if (s.description) out.push(s.description.split('\n').join('\n\n'), '');
    out.push('```', usageLine(s), '```');
    if (s.arguments && s.arguments.length > 0) {
      out.push('', '| Argument | |', '|---|---|');
      for (const a of s.arguments) out.push(`| ${code(`${a.name}${a.variadic ? '…' : ''}`)}${a.optional ? ' (optional)' : ''} | ${cell(a.description)} |`);
    }
    out.push('', '| Option | |', '|---|---|');
    for (const [name, spec] of Object.entries(allOptions(s))) out.push(`| ${code(optionFlag(name, spec))} | ${optionNotes(spec)} |`);
    if (s.examples.length > 0) {
      out.push('', 'Examples:', '', '```sh');
      for (const ex of s.examples) {
        if (ex.description) out.push(`# ${ex.description}`);
        out.push(ex.command);
      }
      out.push('```');
    }
    const codes = (Object.keys(s.exitCodes).map(Number) as ExitCodeValue[]).sort((a, b) => a - b);
    if (codes.length > 0) {
      out.push('', '| Exit code | When |', '|---|---|');
      for (const c of codes) out.push(`| ${c} | ${cell(s.exitCodes[c] ?? EXIT_CODE_MEANING[c])} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
