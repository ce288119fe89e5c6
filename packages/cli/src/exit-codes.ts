/** Documented in the README. Keep the two in step. */
export const ExitCode = {
  /** Success; for `check`, no item at or above the threshold. */
  ok: 0,
  /** The gate failed (`check`), or a verification failed. */
  failed: 1,
  /** Invalid input or usage: the model or an input file has errors, a bad option, a missing file. */
  invalid: 2,
  /** Refused to overwrite a file, or the file changed on disk meanwhile. */
  conflict: 3,
  /** A needed external program is missing (e.g. Chromium for PDF). */
  unavailable: 4,
  /** An internal error: a bug in Threatwright. Please report it. */
  internal: 70,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
