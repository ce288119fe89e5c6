/**
 * What to do in the tracker, decided from the items and the issues already there (found by our
 * label and marker). Idempotent: a second run with nothing changed does nothing; a changed threat
 * updates its issue; a resolved threat closes the issue we opened for it. Issues without our
 * marker are never touched.
 */
import type { ReportData } from '../data/types.js';
import { isOpen } from '../data/types.js';
import type { BacklogItem } from './items.js';

export interface ExistingIssue {
  /** Tracker key: "#12", "PROJ-7", the GitLab iid. */
  key: string;
  url: string | undefined;
  fingerprint: string;
  hash: string | undefined;
  state: 'open' | 'closed';
  title: string;
}

export type BacklogAction =
  | { kind: 'create'; item: BacklogItem }
  | { kind: 'update'; item: BacklogItem; issue: ExistingIssue }
  | { kind: 'unchanged'; item: BacklogItem; issue: ExistingIssue }
  | { kind: 'close'; issue: ExistingIssue; reason: string }
  | { kind: 'keep'; issue: ExistingIssue; reason: string };

export function planBacklog(items: readonly BacklogItem[], existing: readonly ExistingIssue[], data: Pick<ReportData, 'threats'>): BacklogAction[] {
  const byFp = new Map<string, ExistingIssue>();
  // Several issues with one marker (e.g. copied by hand): the open one wins, then the lowest key.
  for (const issue of [...existing].sort((a, b) => (a.state === b.state ? a.key.localeCompare(b.key, 'en', { numeric: true }) : a.state === 'open' ? -1 : 1))) {
    if (!byFp.has(issue.fingerprint)) byFp.set(issue.fingerprint, issue);
  }
  const actions: BacklogAction[] = [];
  const wanted = new Set<string>();
  for (const item of items) {
    wanted.add(item.fingerprint);
    const issue = byFp.get(item.fingerprint);
    if (!issue) actions.push({ kind: 'create', item });
    else if (issue.hash === item.hash) actions.push({ kind: 'unchanged', item, issue });
    else actions.push({ kind: 'update', item, issue });
  }
  const threats = new Map(data.threats.map((t) => [t.fingerprint, t]));
  for (const issue of byFp.values()) {
    if (wanted.has(issue.fingerprint) || issue.state === 'closed') continue;
    const t = threats.get(issue.fingerprint);
    if (!t) actions.push({ kind: 'close', issue, reason: 'the threat is no longer in the model (the finding went away or the threat was removed)' });
    else if (!isOpen(t)) actions.push({ kind: 'close', issue, reason: `the threat is ${t.status}${t.justification ? `: ${t.justification}` : ''}` });
    else actions.push({ kind: 'keep', issue, reason: `the threat is still open but now ${t.band ?? 'unscored'}; left open for a person to decide` });
  }
  return actions;
}
