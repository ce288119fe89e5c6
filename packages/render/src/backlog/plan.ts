/**
 * What to do in the tracker, decided from the items and the issues already there (found by our
 * label and marker). Idempotent: a second run with nothing changed does nothing; a changed item
 * updates its issue; an issue we opened is closed once what it asked for is done or gone. Issues
 * without our marker are never touched.
 *
 * Issues opened the other way (per threat while the backlog is per mitigation, or the reverse) whose
 * work the current items cover are "superseded": listed, and closed only when asked
 * (`closeSuperseded`), so switching does not silently close issues people have been working in.
 */
import type { ReportData, ThreatView } from '../data/types.js';
import { isOpen } from '../data/types.js';
import type { Band } from '../diagrams/graph.js';
import { bandText } from '../data/risk.js';
import { atRisk, currentBand, mitigationDone, threatsByMitigation, type BacklogItem, type BacklogKind, type BacklogPer } from './items.js';

export interface ExistingIssue {
  /** Tracker key: "#12", "PROJ-7", the GitLab iid. */
  key: string;
  url: string | undefined;
  /** What its marker says it is for, and about what. */
  kind: BacklogKind;
  subject: string;
  hash: string | undefined;
  state: 'open' | 'closed';
  title: string;
}

export type BacklogAction =
  | { kind: 'create'; item: BacklogItem }
  | { kind: 'update'; item: BacklogItem; issue: ExistingIssue }
  | { kind: 'unchanged'; item: BacklogItem; issue: ExistingIssue }
  | { kind: 'close'; issue: ExistingIssue; reason: string }
  /** Left open; `superseded` when the current items cover its work and only `closeSuperseded` would close it. */
  | { kind: 'keep'; issue: ExistingIssue; reason: string; superseded?: boolean };

export interface PlanOptions {
  /** How the items were made (default per mitigation). */
  per?: BacklogPer;
  /** The band the items were made from (default P1). */
  threshold?: Band;
  /** Close issues of the other way of planning whose work the items now cover (default: keep them, listed). */
  closeSuperseded?: boolean;
}

/** Issues about one threat (per threat, or a decision) and a mitigation's issue never stand for each other. */
const identity = (kind: BacklogKind, subject: string) => `${kind === 'mitigation' ? 'mitigation' : 'threat'}:${subject}`;

const resolvedReason = (t: ThreatView) => `the threat is ${t.status}${t.justification ? `: ${t.justification}` : ''}`;

export function planBacklog(items: readonly BacklogItem[], existing: readonly ExistingIssue[], data: Pick<ReportData, 'threats' | 'model' | 'mitigationState'>, options: PlanOptions = {}): BacklogAction[] {
  const threshold = options.threshold ?? 'P1';
  const byId = new Map<string, ExistingIssue>();
  // Several issues with one marker (e.g. copied by hand): the open one wins, then the lowest key.
  for (const issue of [...existing].sort((a, b) => (a.state === b.state ? a.key.localeCompare(b.key, 'en', { numeric: true }) : a.state === 'open' ? -1 : 1))) {
    const id = identity(issue.kind, issue.subject);
    if (!byId.has(id)) byId.set(id, issue);
  }
  const actions: BacklogAction[] = [];
  const wanted = new Set<string>();
  for (const item of items) {
    const id = identity(item.kind, item.subject);
    wanted.add(id);
    const issue = byId.get(id);
    if (!issue) actions.push({ kind: 'create', item });
    else if (issue.hash === item.hash && issue.kind === item.kind) actions.push({ kind: 'unchanged', item, issue });
    else actions.push({ kind: 'update', item, issue });
  }

  const threats = new Map(data.threats.map((t) => [t.fingerprint, t]));
  const mitigations = new Map((data.model.mitigations ?? []).map((m) => [m.id, m]));
  const addressed = threatsByMitigation(data);
  // Which items cover a threat: the mitigations' issues that list it as at risk, or its own issue.
  const coveredBy = new Map<string, BacklogItem[]>();
  for (const item of items) {
    for (const t of item.threats) {
      if (!atRisk(t, threshold)) continue;
      const list = coveredBy.get(t.fingerprint);
      if (list) list.push(item);
      else coveredBy.set(t.fingerprint, [item]);
    }
  }
  const superseded = (issue: ExistingIssue, reason: string): BacklogAction =>
    options.closeSuperseded ? { kind: 'close', issue, reason } : { kind: 'keep', issue, reason: `${reason}; close it, or run again with --close-superseded`, superseded: true };
  const names = (list: readonly BacklogItem[]) => list.map((i) => (i.kind === 'mitigation' ? `${i.subject} (${i.mitigation?.title ?? ''})` : i.subject)).join(', ');

  for (const issue of byId.values()) {
    if (wanted.has(identity(issue.kind, issue.subject)) || issue.state === 'closed') continue;
    if (issue.kind === 'mitigation') {
      const m = mitigations.get(issue.subject);
      if (!m) {
        actions.push({ kind: 'close', issue, reason: `mitigation ${issue.subject} is no longer in the model` });
        continue;
      }
      if (mitigationDone(m, data)) {
        actions.push({ kind: 'close', issue, reason: `mitigation ${m.id} is ${m.status ?? 'implemented'}` });
        continue;
      }
      const list = addressed.get(m.id) ?? [];
      const open = list.filter(isOpen);
      if (list.length > 0 && open.length === 0) {
        actions.push({ kind: 'close', issue, reason: `every threat it addresses is resolved (${list.map((t) => `${t.id} ${t.status}${t.justification ? `: ${t.justification}` : ''}`).join('; ')})` });
        continue;
      }
      const covering = [...new Set(open.flatMap((t) => coveredBy.get(t.fingerprint) ?? []))];
      if (options.per === 'threat' && open.some((t) => atRisk(t, threshold)) && covering.length > 0) {
        actions.push(superseded(issue, `the backlog is per threat now, and the issues for ${names(covering)} cover it`));
        continue;
      }
      const why = list.length === 0 ? 'addresses no threat now' : `addresses no threat open at ${bandText(threshold)} or above now`;
      actions.push({ kind: 'keep', issue, reason: `mitigation ${m.id} is still ${m.status ?? 'proposed'} but ${why}; left open for a person to decide` });
      continue;
    }
    const t = threats.get(issue.subject);
    if (!t) {
      actions.push({ kind: 'close', issue, reason: 'the threat is no longer in the model (the finding went away or the threat was removed)' });
      continue;
    }
    if (!isOpen(t)) {
      actions.push({ kind: 'close', issue, reason: resolvedReason(t) });
      continue;
    }
    const covering = coveredBy.get(t.fingerprint) ?? [];
    if (covering.length > 0 && issue.kind === 'decision') {
      // The decision it asked for was taken: a mitigation is planned, with its own issue.
      actions.push({ kind: 'close', issue, reason: `a mitigation is planned for it: ${names(covering)}, in its own issue` });
      continue;
    }
    if (covering.length > 0) {
      actions.push(superseded(issue, `the backlog is per mitigation now, and the issue for ${names(covering)} covers it`));
      continue;
    }
    const band = currentBand(t);
    actions.push({ kind: 'keep', issue, reason: `the threat is still open but now ${bandText(band)}; left open for a person to decide` });
  }
  return actions;
}
