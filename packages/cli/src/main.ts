/**
 * The one top-level handler: parses the command line, runs a command, and maps user errors
 * to messages and exit codes and anything else to "please report".
 */
import pc from 'picocolors';
import { terminalFilter } from '@threatwright/render/escape';
import { parseCommandArgs } from './args.js';
import { useColor } from './colors.js';
import { commands } from './commands/index.js';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { commandHelp, overviewHelp } from './help.js';
import { suggest } from './suggest.js';
import type { CommandContext, CommandSpec } from './types.js';

import { VERSION } from './version.js';

export { VERSION };

/** Everything the CLI needs from the outside world; tests pass fakes. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdoutIsTTY: boolean;
  /** Defaults to `stdoutIsTTY`. */
  stderrIsTTY?: boolean;
  stdinIsTTY: boolean;
  /** Standard input, for `init`'s questions; a function so that stdin is opened only when needed. */
  stdin?: () => NodeJS.ReadableStream;
}

/** Loads every command's spec (for the overview and generated docs). A command that fails to load is skipped. */
export async function loadCommandSpecs(): Promise<CommandSpec[]> {
  const loaded = await Promise.allSettled(Object.values(commands).map((load) => load()));
  return loaded.flatMap((r) => (r.status === 'fulfilled' ? [r.value.command] : []));
}

/** Removes `--color`/`--no-color` (anywhere before `--`) and returns what they asked for. */
function takeColorFlag(argv: readonly string[]): { args: string[]; flag: boolean | undefined } {
  let flag: boolean | undefined;
  const args: string[] = [];
  let terminated = false;
  for (const a of argv) {
    if (!terminated && a === '--no-color') flag = false;
    else if (!terminated && a === '--color') flag = true;
    else {
      if (a === '--') terminated = true;
      args.push(a);
    }
  }
  return { args, flag };
}

interface Styles {
  color: boolean;
  style: ReturnType<typeof pc.createColors>;
  errStyle: ReturnType<typeof pc.createColors>;
  /** Text for people on stdout and stderr, through the terminal filter (see CommandContext.print). */
  print: (text: string) => void;
  printErr: (text: string) => void;
}

function styles(io: CliIO, flag: boolean | undefined): Styles {
  const color = useColor({ isTTY: io.stdoutIsTTY, env: io.env, flag });
  const errColor = useColor({ isTTY: io.stderrIsTTY ?? io.stdoutIsTTY, env: io.env, flag });
  const out = terminalFilter({ colours: color });
  const err = terminalFilter({ colours: errColor });
  return {
    color,
    style: pc.createColors(color),
    errStyle: pc.createColors(errColor),
    print: (text) => {
      io.stdout(out(text));
    },
    printErr: (text) => {
      io.stderr(err(text));
    },
  };
}

function fail(s: Styles, message: string, hint: string | undefined, code: number): number {
  s.printErr(`${s.errStyle.red('✖')} ${message}\n${hint ? `    ${hint}\n` : ''}`);
  return code;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const { args, flag } = takeColorFlag(argv);
  const s = styles(io, flag);
  let [name, ...rest] = args;
  if (name === 'help') {
    // `threatwright help validate` is `threatwright validate --help`.
    if (rest[0] === undefined) name = '--help';
    else [name, rest] = [rest[0], ['--help']];
  }
  if (name === undefined) {
    s.printErr(overviewHelp(VERSION, await loadCommandSpecs(), s.errStyle));
    return ExitCode.invalid;
  }
  if (name === '--help' || name === '-h') {
    s.print(overviewHelp(VERSION, await loadCommandSpecs(), s.style));
    return ExitCode.ok;
  }
  if (name === '--version' || name === '-v' || name === '-V') {
    io.stdout(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const load = commands[name];
  if (!load) {
    const isOption = name.startsWith('-');
    if (!isOption && /\.(ya?ml|json)$/i.test(name)) {
      // `threatwright threatmodel.yaml`: a model file where a command belongs.
      const verb = 'analyze' in commands ? 'analyze' : 'validate';
      return fail(s, `"${name}" is not a command`, `To work on a model, name the command first, e.g. \`threatwright ${verb} ${name}\`. Run \`threatwright --help\` to list the commands.`, ExitCode.invalid);
    }
    const guess = isOption ? suggest(name, ['--help', '--version', '--no-color', '--color']) : suggest(name, Object.keys(commands));
    return fail(s, isOption ? `unknown option ${name}` : `unknown command "${name}"`, `${guess ? `Did you mean ${guess}? ` : ''}Run \`threatwright --help\` to list the commands.`, ExitCode.invalid);
  }
  let command: CommandSpec;
  try {
    command = (await load()).command;
  } catch (err) {
    return internalError(s, name, err);
  }
  return runCommand(command, rest, io, flag);
}

function internalError(s: Styles, name: string, err: unknown): number {
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return fail(s, `internal error in \`threatwright ${name}\`: ${detail}`, 'This is a bug in Threatwright, not in your input. Please report it with the command you ran.', ExitCode.internal);
}

/** Runs one command with its arguments: parsing, `--help`, and the mapping of errors to exit codes. */
export async function runCommand(command: CommandSpec, argv: readonly string[], io: CliIO, colorFlag?: boolean): Promise<number> {
  const { args, flag } = takeColorFlag(argv);
  const s = styles(io, flag ?? colorFlag);
  try {
    const parsed = parseCommandArgs(command, args);
    if (parsed.values['help'] === true) {
      s.print(commandHelp(command, s.style));
      return ExitCode.ok;
    }
    const ctx: CommandContext = {
      values: parsed.values,
      positionals: parsed.positionals,
      cwd: io.cwd,
      env: io.env,
      color: s.color,
      style: s.style,
      errStyle: s.errStyle,
      // Prompts need a person on both ends: typing on stdin and reading stdout.
      interactive: io.stdinIsTTY && io.stdoutIsTTY,
      stdin: io.stdin,
      print: s.print,
      stdout: io.stdout,
      stderr: s.printErr,
      commandNames: Object.keys(commands),
    };
    return await command.run(ctx);
  } catch (err) {
    if (err instanceof UserError) return fail(s, err.message, err.hint, err.exitCode);
    return internalError(s, command.name, err);
  }
}
