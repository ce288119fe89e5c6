/** `threatwright --help` and `threatwright <command> --help`, rendered from the command specs. */
import type { Colors } from 'picocolors/types.js';
import { allOptions } from './args.js';
import { EXIT_CODE_MEANING, type ExitCodeValue } from './exit-codes.js';
import { COMMAND_GROUPS, type CommandGroup, type CommandSpec, type OptionSpec } from './types.js';

/** Headings of the overview, in COMMAND_GROUPS order. */
const GROUP_TITLES: Record<CommandGroup, string> = {
  Model: 'Model',
  Analysis: 'Analysis',
  Reports: 'Reports and diagrams',
  Interop: 'Import and export',
  Workflow: 'CI and workflow',
  Editor: 'Editor',
};

/** Options every invocation understands, before or after the command name. */
export const GLOBAL_OPTIONS: { flag: string; description: string }[] = [
  { flag: '-h, --help', description: 'Show help (for a command: `threatwright <command> --help`).' },
  { flag: '-v, --version', description: 'Print the version.' },
  { flag: '    --no-color', description: 'Never use colours (also: the NO_COLOR environment variable).' },
  { flag: '    --color', description: 'Use colours even when the output is not a terminal (also: FORCE_COLOR).' },
];

function table(rows: [string, string][], indent = 2): string {
  let width = 0;
  for (const [left] of rows) width = Math.max(width, left.length);
  return rows.map(([left, right]) => `${' '.repeat(indent)}${left.padEnd(width)}  ${right}`.trimEnd()).join('\n');
}

export function usageLine(command: CommandSpec): string {
  const args = (command.arguments ?? []).map((a) => {
    const inner = `${a.name}${a.variadic ? '…' : ''}`;
    return a.optional ? `[${inner}]` : `<${inner}>`;
  });
  return ['threatwright', command.name, ...args, '[options]'].join(' ');
}

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` <${spec.choices ? spec.choices.join('|') : (spec.valueName ?? 'value')}>` : '';
  return `${short}--${name}${value}`;
}

function optionText(spec: OptionSpec): string {
  const extras: string[] = [];
  if (spec.multiple) extras.push('Repeatable.');
  if (spec.default !== undefined && spec.default !== false) extras.push(`Default: ${Array.isArray(spec.default) ? spec.default.join(', ') : String(spec.default)}.`);
  return [spec.description, ...extras].join(' ');
}

/** Wraps prose to `width` columns (help is read in terminals); a line break separates paragraphs. */
export function wrap(text: string, width = 88, indent = ''): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        if (line !== '' && indent.length + line.length + 1 + word.length > width) {
          lines.push(indent + line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      lines.push(indent + line);
      return lines.join('\n');
    })
    .join('\n\n');
}

export function commandHelp(command: CommandSpec, c: Colors): string {
  const out: string[] = [];
  out.push(`${c.bold(`threatwright ${command.name}`)} — ${command.summary}`);
  if (command.description) out.push('', wrap(command.description));
  out.push('', c.bold('Usage'), `  ${usageLine(command)}`);
  if (command.arguments && command.arguments.length > 0) {
    out.push('', c.bold('Arguments'), table(command.arguments.map((a) => [`${a.name}${a.variadic ? '…' : ''}`, a.description])));
  }
  out.push('', c.bold('Options'), table(Object.entries(allOptions(command)).map(([name, spec]) => [optionLabel(name, spec), optionText(spec)])));
  if (command.examples.length > 0) {
    out.push('', c.bold('Examples'));
    for (const ex of command.examples) {
      if (ex.description) out.push(`  ${c.dim(`# ${ex.description}`)}`);
      out.push(`  $ ${ex.command}`);
    }
  }
  const codes = (Object.keys(command.exitCodes).map(Number) as ExitCodeValue[]).sort((a, b) => a - b);
  if (codes.length > 0) {
    out.push('', c.bold('Exit codes'), table(codes.map((code) => [String(code), command.exitCodes[code] ?? EXIT_CODE_MEANING[code]])));
  }
  return `${out.join('\n')}\n`;
}

export function overviewHelp(version: string, commands: CommandSpec[], c: Colors): string {
  const out: string[] = [];
  out.push(`${c.bold('threatwright')} ${version} — threat modeling as code`, '', c.bold('Usage'), '  threatwright <command> [options]');
  let width = 0;
  for (const cmd of commands) width = Math.max(width, cmd.name.length);
  const groups = [...COMMAND_GROUPS].filter((g) => commands.some((cmd) => cmd.group === g));
  for (const group of groups) {
    out.push('', c.bold(GROUP_TITLES[group]));
    for (const cmd of commands.filter((x) => x.group === group).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(`  ${c.cyan(cmd.name.padEnd(width))}  ${cmd.summary}`);
    }
  }
  out.push('', c.bold('Global options'), table(GLOBAL_OPTIONS.map((o) => [o.flag, o.description])));
  out.push('', c.bold('Exit codes'), table(Object.entries(EXIT_CODE_MEANING).map(([code, meaning]) => [code, meaning])));
  out.push('', `Run ${c.cyan('threatwright <command> --help')} for a command's arguments, options and examples.`);
  return `${out.join('\n')}\n`;
}
