/**
 * The changelog `threatwright changelog` prints: one entry per revision of the model, newest first,
 * saying what changed, how threats and mitigations moved, and what stayed open. Every piece of
 * model and commit text goes through the Markdown helpers.
 */
import { bandCountsText, type History, type RevisionRow } from '@threatwright/core';
import { mdCode, mdText } from '../escape/index.js';
import { revisionDay, shortCommit } from './outline.js';
import { changeParts } from './summary.js';

export interface ChangelogOptions {
  /** The model file, for the heading. */
  readonly file: string;
  /** Only the newest this many revisions, with a line saying how many older ones were left out. */
  readonly limit?: number;
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function entry(row: RevisionRow): string {
  const subject = row.subject.trim() === '' ? '(no subject)' : row.subject;
  const lines = [`## ${mdText(revisionDay(row))} · ${mdText(shortCommit(row.commit))} · ${mdText(subject)}`, '', `by ${mdText(row.author)}`, ''];
  const bullets: string[] = [];
  if (row.state === 'invalid') {
    bullets.push(`Failed validation and was skipped${row.problem !== undefined ? `: ${mdText(row.problem)}` : '.'}`);
  } else if (row.state === 'missing') {
    bullets.push(`The model (${mdCode(row.path)}) was removed in this revision: skipped.`);
  } else {
    const parts = row.changes ? changeParts(row.changes) : undefined;
    for (const text of [parts?.elements.added, parts?.elements.changed, parts?.elements.removed]) if (text) bullets.push(mdText(capital(text)));
    if (parts?.threats) bullets.push(`Threats: ${mdText(parts.threats)}`);
    if (parts?.mitigations) bullets.push(mdText(capital(parts.mitigations)));
    if (bullets.length === 0) bullets.push('No change to elements or threats.');
    if (row.counts) bullets.push(`Open: ${mdText(bandCountsText(row.counts.open))}`);
  }
  return [...lines, ...bullets.map((b) => `- ${b}`)].join('\n');
}

/** The changelog of a model as Markdown: a heading, then one entry per revision, newest first. */
export function changelogMarkdown(history: History, options: ChangelogOptions): string {
  const newest = [...history.revisions].reverse();
  const limit = options.limit === undefined ? newest.length : Math.max(0, Math.floor(options.limit));
  const shown = newest.slice(0, limit);
  const rest = newest.length - shown.length;
  const out = [`# Changelog of ${mdText(options.file)}`];
  if (newest.length === 0) out.push('_No revisions of the model found._');
  for (const row of shown) out.push(entry(row));
  if (rest > 0) out.push(`_${String(rest)} older ${rest === 1 ? 'revision' : 'revisions'} not shown._`);
  return out.join('\n\n') + '\n';
}
