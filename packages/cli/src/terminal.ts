/**
 * Model text on the terminal. Every command formats what came from a model, a results file or a
 * tracker with these (one-line fields with `terminalLine`), and prints through `ctx.print` or
 * `ctx.stderr`, whose filter is the last line of defence (see render's `escape/terminal.ts`).
 */
import { formatIssue, type Issue } from '@threatwright/core';
import { terminalLine, terminalText } from '@threatwright/render/escape';

export { terminalLine, terminalText };

/** `formatIssue` for a terminal: the message, subject and file on one line each and shown literally. */
export function issueText(issue: Issue): string {
  const shown: Issue = { ...issue, message: terminalLine(issue.message) };
  if (issue.subject !== undefined) shown.subject = terminalLine(issue.subject);
  if (issue.hint !== undefined) shown.hint = terminalLine(issue.hint);
  if (issue.location) shown.location = { ...issue.location, file: terminalLine(issue.location.file) };
  return formatIssue(shown);
}

/** "1 item", "3 items", "2 entries". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${String(n)} ${n === 1 ? word : many}`;
}
