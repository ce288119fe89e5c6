import type { Colors } from 'picocolors/types.js';
import type { ExitCodeValue } from './exit-codes.js';

/** One option of a command. Parsed with `util.parseArgs`; the rest drives `--help` and suggestions. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One line for `--help`. */
  description: string;
  /** A one-letter alias, e.g. `f` for `-f`. */
  short?: string;
  /** May be given several times; the value is then an array. */
  multiple?: boolean;
  default?: string | boolean | string[] | boolean[];
  /** Allowed values of a string option; anything else is a usage error with a suggestion. */
  choices?: readonly string[];
  /** Placeholder shown in help for a string option, e.g. `file` in `--out <file>`. */
  valueName?: string;
}

export interface ArgumentSpec {
  /** e.g. `files` */
  name: string;
  description: string;
  /** May be left out. */
  optional?: boolean;
  /** Takes any number of values (only the last argument may). */
  variadic?: boolean;
}

export interface ExampleSpec {
  /** The command line without a leading `$`, e.g. `threatwright validate --format json`. */
  command: string;
  description?: string;
}

/** Where a command is listed in `threatwright --help`, in this order. */
export const COMMAND_GROUPS = ['Model', 'Analysis', 'Reports', 'Interop', 'Workflow', 'Editor'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

export type OptionValue = string | boolean | (string | boolean)[] | undefined;

/** What every command receives. Only the CLI touches process, the terminal and exit codes. */
export interface CommandContext {
  /** Option values parsed from the command's `options` (defaults applied). */
  values: Record<string, OptionValue>;
  positionals: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Colours allowed on stdout (TTY or FORCE_COLOR, never with NO_COLOR or --no-color). */
  color: boolean;
  /** picocolors functions for stdout: they return plain text when colours are off. */
  style: Colors;
  /** picocolors functions for stderr. */
  errStyle: Colors;
  /** stdin and stdout are both terminals, so prompts are allowed. */
  interactive: boolean;
  /** Standard input, for prompts; opened only when called. */
  stdin: (() => NodeJS.ReadableStream) | undefined;
  /**
   * Text for people on stdout (messages, summaries, plans, help). Passes through the terminal
   * filter: the CLI's own colours and line feeds stay, every other control or invisible character
   * is shown as `⟨U+001B⟩`, and no line can start with `::` (a CI workflow command). Format model
   * text with `terminalLine`/`terminalText` before it gets here.
   */
  print: (text: string) => void;
  /**
   * Data on stdout, byte for byte: an output format whose escaper already made it safe (JSON,
   * Markdown, CSV, a diagram, a model file, CI annotations). Never text for people.
   */
  stdout: (text: string) => void;
  /** Text for people on stderr; passes through the terminal filter like `print`. */
  stderr: (text: string) => void;
  /** The names of all registered commands, e.g. to suggest next steps only for commands that exist. */
  commandNames: readonly string[];
}

export interface CommandSpec {
  name: string;
  /** Section of `threatwright --help`. */
  group: CommandGroup;
  /** One line, shown in `threatwright --help`. */
  summary: string;
  /** Optional prose shown under the summary in `<command> --help`. */
  description?: string;
  /** Positional arguments, in order. */
  arguments?: ArgumentSpec[];
  /** `--help` is added automatically. */
  options: Record<string, OptionSpec>;
  examples: ExampleSpec[];
  /** The exit codes this command can return, each with what it means for this command (see exit-codes.ts). */
  exitCodes: Partial<Record<ExitCodeValue, string>>;
  /** Returns the exit code (see exit-codes.ts). Throw UserError for user mistakes. */
  run: (ctx: CommandContext) => Promise<number>;
}
