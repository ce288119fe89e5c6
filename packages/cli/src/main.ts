/**
 * The one top-level handler: parses the command line, runs a command, and maps user errors
 * to messages and exit codes and anything else to "please report".
 */
import { parseArgs } from 'node:util';
import { commands } from './commands/index.js';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import type { CommandContext } from './types.js';

declare const __THREATWRIGHT_VERSION__: string | undefined;
const VERSION = typeof __THREATWRIGHT_VERSION__ === 'string' ? __THREATWRIGHT_VERSION__ : '0.0.0-dev';

async function overview(): Promise<string> {
  const rows = await Promise.all(Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(10)} ${(await load()).command.summary}`));
  return `threatwright ${VERSION} — threat modeling as code\n\nUsage: threatwright <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun \`threatwright <command> --help\` for a command's options.\n`;
}

export async function main(argv: string[], io: { stdout: (t: string) => void; stderr: (t: string) => void; env: NodeJS.ProcessEnv; cwd: string; stdoutIsTTY: boolean; stdinIsTTY: boolean }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await overview());
    return name === undefined ? ExitCode.invalid : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`✖ unknown command "${name}"\n    Run \`threatwright --help\` to list the commands.\n`);
    return ExitCode.invalid;
  }
  try {
    const { command } = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n\n${command.help}\n`);
      return ExitCode.ok;
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw new UserError((err as Error).message, ExitCode.invalid, `Usage: ${command.usage}`);
    }
    const ctx: CommandContext = {
      values: parsed.values,
      positionals: parsed.positionals,
      cwd: io.cwd,
      color: io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env['TERM'] !== 'dumb',
      interactive: io.stdinIsTTY,
      env: io.env,
      stdout: io.stdout,
      stderr: io.stderr,
    };
    return await command.run(ctx);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr(`✖ ${err.message}\n${err.hint ? `    ${err.hint}\n` : ''}`);
      return err.exitCode;
    }
    io.stderr(`✖ internal error: ${(err as Error).stack ?? String(err)}\n    This is a bug in Threatwright, not in your model. Please report it with the command you ran.\n`);
    return ExitCode.internal;
  }
}
