import type { ParseArgsConfig } from 'node:util';

/** What every command receives. Only the CLI touches process, the terminal and exit codes. */
export interface CommandContext {
  /** Option values parsed with `util.parseArgs` from the command's `options`. */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  cwd: string;
  /** Colours allowed (stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
  /** stdin is an interactive terminal. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CommandSpec {
  name: string;
  /** One line, shown in `threatwright --help`. */
  summary: string;
  /** e.g. `threatwright validate [files…] [--format text|json]` */
  usage: string;
  /** Longer help: options and examples. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code (see exit-codes.ts). Throw UserError for user mistakes. */
  run: (ctx: CommandContext) => Promise<number>;
}
