/**
 * The exit codes of every command. This file is the source: the README's table and
 * docs/cli.md list the same codes (a test keeps them in step).
 */
export const ExitCode = {
  /** Success; for `check`, no item at or above the threshold. */
  ok: 0,
  /** The gate failed (`check`, `validate --strict` with warnings), or a verification failed. */
  failed: 1,
  /** Invalid input or usage: the model or an input file has errors, a bad option, a missing file. */
  invalid: 2,
  /** Refused to overwrite a file, or the file changed on disk meanwhile. */
  conflict: 3,
  /** A needed external program is missing or too old (e.g. Chromium for PDF, Node.js before 20.19). */
  unavailable: 4,
  /** An internal error: a bug in Threatwright. Please report it. */
  internal: 70,
  /** Interrupted by the user (Ctrl-C at a prompt); nothing was written. */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One line per exit code, for `--help`, the README and docs/cli.md. */
export const EXIT_CODE_MEANING: Record<ExitCodeValue, string> = {
  0: 'Success (warnings allowed).',
  1: 'A gate failed: `check` found items at or above the threshold, `validate --strict` found warnings, or a verification failed.',
  2: 'Invalid input or usage: the model or an input file has errors, an unknown command or option, a missing file.',
  3: 'Refused to overwrite an existing file (use `--force`), or the file changed on disk since it was read.',
  4: 'A needed external program is missing or too old (e.g. Chromium for PDF, Node.js before 20.19).',
  70: 'Internal error: a bug in Threatwright, not in your input. Please report it with the command you ran.',
  130: 'Interrupted (Ctrl-C at a prompt); nothing was written.',
};
