/** Builds the import report: counts of what was found and created, and notes on every decision. */
import type { Issue } from '@threatwright/core';
import type { FormatId, ImportNote, ImportReport } from '../types.js';

export class ReportBuilder {
  private readonly report: ImportReport;
  private readonly note: (subject: string, detail: string) => ImportNote;

  /**
   * `keepText`: notes keep the text as given. An export report's notes are shown by a shell, which
   * escapes them for its output (the terminal folds a line break to one visible mark); an import
   * report's notes also go into the model's header comment, so they are made visible here.
   */
  constructor(format: FormatId, version?: string, options: { keepText?: boolean } = {}) {
    this.report = { format, ...(version !== undefined ? { version: visible(version) } : {}), found: {}, created: {}, mapped: [], dropped: [], adjusted: [] };
    this.note = options.keepText === true ? (subject, detail) => ({ subject, detail }) : note;
  }

  /** The source's format version, as the file states it: shown like a note, since it is the file's text. */
  set version(version: string) {
    this.report.version = visible(version);
  }

  found(kind: string, n = 1): void {
    this.report.found[kind] = (this.report.found[kind] ?? 0) + n;
  }

  created(section: string, n = 1): void {
    this.report.created[section] = (this.report.created[section] ?? 0) + n;
  }

  mapped(subject: string, detail: string): void {
    this.report.mapped.push(this.note(subject, detail));
  }

  dropped(subject: string, detail: string): void {
    this.report.dropped.push(this.note(subject, detail));
  }

  adjusted(subject: string, detail: string): void {
    this.report.adjusted.push(this.note(subject, detail));
  }

  build(): ImportReport {
    return { ...this.report, found: { ...this.report.found }, created: { ...this.report.created }, mapped: [...this.report.mapped], dropped: [...this.report.dropped], adjusted: [...this.report.adjusted] };
  }
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text from the file as a note shows it: control, line-separator and bidirectional characters (and
 * broken surrogates) as visible escapes, so a note is one safe line in a terminal and in the model's
 * header comment.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function note(subject: string, detail: string): ImportNote {
  return { subject: visible(subject), detail: visible(detail) };
}

/** One error issue for a rejected input. */
export function rejection(file: string, code: string, message: string, hint?: string, at?: { line: number; column: number }): Issue {
  return { code, severity: 'error', message, path: [], location: { file, line: at?.line ?? 1, column: at?.column ?? 1 }, ...(hint ? { hint } : {}) };
}

/** Notes as plain lines, for a model's header comment or a terminal. */
export function describeNote(note: ImportNote): string {
  return `${note.subject}: ${note.detail}`;
}
