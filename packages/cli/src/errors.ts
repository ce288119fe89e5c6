import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** A mistake the user can fix: printed as a message (no stack trace) with its exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.invalid,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
