import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** A mistake the user can fix: printed as a message (no stack trace) with its exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.invalid,
    /** What to do about it, printed indented under the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
