/**
 * Issues are data: every problem found in a model or an input file is one of these,
 * formatted for people in exactly one place (`formatIssue`).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface Issue {
  /** Stable machine code, e.g. `unknown-reference`, `duplicate-id`, `yaml-syntax`. */
  code: string;
  severity: Severity;
  message: string;
  /** Path inside the model, e.g. ['flows', 2, 'to']. */
  path: (string | number)[];
  location?: SourceLocation;
  /** The id of the object the issue is about, when there is one (e.g. "F3"). */
  subject?: string;
  /** What to do about it. */
  hint?: string;
}

const SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** `✖ F3: flow target "C9" does not exist  → threatmodel.yaml:42:11` */
export function formatIssue(issue: Issue): string {
  const subject = issue.subject ? `${issue.subject}: ` : '';
  const where = issue.location ? `  → ${issue.location.file}:${issue.location.line}:${issue.location.column}` : '';
  const hint = issue.hint ? `\n    ${issue.hint}` : '';
  return `${SYMBOL[issue.severity]} ${subject}${issue.message}${where}${hint}`;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
