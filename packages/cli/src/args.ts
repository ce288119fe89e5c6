/**
 * Command-line parsing on top of `util.parseArgs`, with messages a person can act on:
 * unknown options get a "did you mean", string options check their `choices`, and the
 * number of positional arguments is checked against the command's `arguments`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { suggest } from './suggest.js';
import type { CommandSpec, OptionSpec, OptionValue } from './types.js';

export interface ParsedArgs {
  values: Record<string, OptionValue>;
  positionals: string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help.' };

/** The command's options plus the ones every command has. */
export function allOptions(command: CommandSpec): Record<string, OptionSpec> {
  return { ...command.options, help: HELP };
}

function usageHint(command: CommandSpec): string {
  return `Run \`threatwright ${command.name} --help\` for its usage.`;
}

export function parseCommandArgs(command: CommandSpec, args: string[]): ParsedArgs {
  const specs = allOptions(command);
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    config[name] = {
      type: spec.type,
      ...(spec.short !== undefined ? { short: spec.short } : {}),
      ...(spec.multiple !== undefined ? { multiple: spec.multiple } : {}),
    };
  }
  // Lenient first pass with tokens, so every problem can be explained in our own words.
  const { tokens } = parseArgs({ args, options: config, allowPositionals: true, strict: false, tokens: true });
  const shorts = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])));
  const values: Record<string, OptionValue> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const name = token.rawName.startsWith('--') ? token.name : (shorts.get(token.name) ?? token.name);
    const spec = specs[name];
    if (!spec) {
      const candidates = Object.keys(specs).map((n) => `--${n}`);
      // `--no-color`-style negations and global flags are handled before the command runs.
      const close = suggest(token.rawName.startsWith('--') ? token.rawName.split('=')[0] ?? token.rawName : token.rawName, candidates);
      throw new UserError(
        `unknown option ${token.rawName} for \`threatwright ${command.name}\``,
        ExitCode.invalid,
        `${close ? `Did you mean ${close}? ` : ''}${usageHint(command)}`,
      );
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UserError(`option --${name} takes no value (got "${token.value}")`, ExitCode.invalid, usageHint(command));
      values[name] = true;
      continue;
    }
    if (token.value === undefined) {
      throw new UserError(`option --${name} needs a value`, ExitCode.invalid, `For example: --${name} ${spec.choices?.[0] ?? `<${spec.valueName ?? 'value'}>`}. ${usageHint(command)}`);
    }
    if (!token.inlineValue && /^-[^\d.]/.test(token.value)) {
      // `--out --force`: almost always a forgotten value, not an output file called "--force".
      throw new UserError(`option --${name} needs a value, but the next argument is the option ${token.value}`, ExitCode.invalid, `To give a value that starts with "-", write --${name}=${token.value}.`);
    }
    if (spec.choices && !spec.choices.includes(token.value)) {
      const close = suggest(token.value, spec.choices);
      throw new UserError(
        `option --${name} must be one of ${spec.choices.join(', ')} (got "${token.value}")`,
        ExitCode.invalid,
        close ? `Did you mean --${name} ${close}?` : usageHint(command),
      );
    }
    if (spec.multiple) {
      const prev = values[name];
      values[name] = [...(Array.isArray(prev) ? prev : []), token.value];
    } else {
      values[name] = token.value;
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (values[name] === undefined && spec.default !== undefined) values[name] = spec.default;
  }
  if (values['help'] !== true) checkPositionals(command, positionals);
  return { values, positionals };
}

function checkPositionals(command: CommandSpec, positionals: string[]): void {
  const specs = command.arguments ?? [];
  const variadic = specs.some((a) => a.variadic === true);
  const required = specs.filter((a) => a.optional !== true).length;
  if (!variadic && positionals.length > specs.length) {
    const extra = positionals.slice(specs.length).map((p) => `"${p}"`).join(', ');
    const what = specs.length === 0 ? 'takes no arguments' : `takes at most ${specs.length} argument${specs.length === 1 ? '' : 's'}`;
    throw new UserError(`\`threatwright ${command.name}\` ${what}; unexpected ${extra}`, ExitCode.invalid, usageHint(command));
  }
  if (positionals.length < required) {
    const missing = specs.filter((a) => a.optional !== true)[positionals.length];
    throw new UserError(`\`threatwright ${command.name}\` needs <${missing?.name ?? 'argument'}>`, ExitCode.invalid, usageHint(command));
  }
}

/** A string option's value (the last one when given several times). */
export function stringOption(values: Record<string, OptionValue>, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) {
    const last = v[v.length - 1];
    return typeof last === 'string' ? last : undefined;
  }
  return typeof v === 'string' ? v : undefined;
}

/** All values of a string option that may be repeated. */
export function stringsOption(values: Record<string, OptionValue>, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

export function flagOption(values: Record<string, OptionValue>, name: string): boolean {
  return values[name] === true;
}
