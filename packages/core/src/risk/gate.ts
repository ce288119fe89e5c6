/**
 * The gate behind `threatwright check --fail-on <band>`: it fails when
 * - a live threat's residual risk is at or above the band (open ones, and those marked mitigated
 *   whose implemented mitigations leave that much),
 * - a mitigation of a P0 or P1 threat is past its due date,
 * - an acceptance has expired, or
 * - with `unrated: 'fail'`, an open threat has no band (no likelihood and impact, nor another score).
 * Each failing item says why, in one line a build log can show; items come highest risk first.
 *
 * Baseline entries (confidence `baseline`) are questions the model has not answered, capped at
 * medium: their risk does not fail the gate unless `options.countBaseline`; the result counts them
 * either way. An expired acceptance of one still fails it: that is a decision to revisit.
 * The counts it reports are the assessment's posture, the numbers every other output shows.
 */
import { atOrAbove, bandName, bandOfPriority, bandRank } from './bands.js';
import type { Band } from './bands.js';
import type { Assessment, AssessedThreat, RiskMetrics } from './assess.js';
import type { Posture } from './posture.js';
import { compareRisk, rankableOf } from './rank.js';

export type GateItemKind = 'risk' | 'overdue-mitigation' | 'expired-acceptance' | 'unrated' | 'stale-component';

export interface GateItem {
  readonly kind: GateItemKind;
  /** Threat id/fingerprint, or mitigation id. */
  readonly subject: string;
  readonly title: string;
  /** The threat's residual band, or for a mitigation the highest band among the live threats it serves. */
  readonly band?: Band;
  readonly message: string;
}

/** What an open threat without a band does to the gate: it is reported (`warn`) or fails it (`fail`). */
export type UnratedPolicy = 'warn' | 'fail';

export interface GateOptions {
  /** Let the baseline entries' risk fail the gate like any threat's (default: not). */
  readonly countBaseline?: boolean;
  /** Open threats without a band: reported (default) or failing. */
  readonly unrated?: UnratedPolicy;
}

export interface GateBaseline {
  /** Live baseline entries. */
  readonly live: number;
  /** Of those, how many have a residual band at or above the gate's. */
  readonly atOrAbove: number;
  /** Whether they fail the gate (`countBaseline`). */
  readonly counted: boolean;
}

export interface GateUnrated {
  /** Open threats (baseline entries apart) without a band. */
  readonly open: number;
  readonly policy: UnratedPolicy;
}

export interface GateResult {
  readonly failOn: Band;
  readonly passed: boolean;
  /** Highest risk first. */
  readonly items: readonly GateItem[];
  readonly posture: Posture;
  readonly metrics: RiskMetrics;
  readonly baseline: GateBaseline;
  readonly unrated: GateUnrated;
}

const KIND_ORDER: Readonly<Record<GateItemKind, number>> = { risk: 0, 'expired-acceptance': 1, 'overdue-mitigation': 2, unrated: 3, 'stale-component': 4 };

export function evaluateGate(a: Assessment, failOn: Band, options: GateOptions = {}): GateResult {
  const items: { item: GateItem; threat?: AssessedThreat }[] = [];
  const counted = options.countBaseline === true;
  const policy = options.unrated ?? 'warn';
  let live = 0;
  let baselineAtOrAbove = 0;
  for (const t of a.threats) {
    const baseline = t.confidence === 'baseline';
    if (t.acceptance?.expired) {
      items.push({ threat: t, item: { kind: 'expired-acceptance', subject: t.id, title: t.title, ...(t.band ? { band: t.band } : {}), message: `acceptance by ${t.acceptance.by ?? '(no one)'} expired on ${t.acceptance.until ?? '?'}; review it and record a new decision` } });
    }
    if (baseline && t.disposition === 'live') live++;
    if (t.disposition !== 'live') continue;
    if (t.band === undefined) {
      if (policy === 'fail' && !baseline && t.standing === 'open') {
        items.push({ threat: t, item: { kind: 'unrated', subject: t.id, title: t.title, message: `${t.status}, unrated: it has no likelihood and impact (1–5), nor another score, so its risk is unknown; rate it, or decide (accept, transfer, dismiss)` } });
      }
      continue;
    }
    if (!atOrAbove(t.band, failOn)) continue;
    if (baseline) {
      baselineAtOrAbove++;
      if (!counted) continue;
    }
    const r = t.risk.residual;
    if (!r) continue;
    const inherent = t.risk.inherent;
    const reduced = inherent !== undefined && inherent !== r && (inherent.band !== r.band || inherent.value !== r.value || inherent.likelihood !== r.likelihood);
    const how = reduced ? `residual ${r.explanation}` : r.explanation.replace(/^no implemented mitigation reduces it, so the residual risk is the inherent risk: /, '');
    const pending = t.mitigations.filter((id) => !t.implemented.includes(id));
    const next = pending.length > 0 ? `; not yet implemented: ${pending.join(', ')}` : t.mitigations.length === 0 ? '; no mitigation planned' : '';
    items.push({ threat: t, item: { kind: 'risk', subject: t.id, title: t.title, band: t.band, message: `${t.status}: ${how}${next}` } });
  }
  for (const m of a.mitigations) {
    if (!m.overdue || (m.priority !== 'P0' && m.priority !== 'P1')) continue;
    const band = bandOfPriority(m.priority);
    items.push({ item: { kind: 'overdue-mitigation', subject: m.id, title: m.title, band, message: `${m.status}, due ${m.due ?? '?'} (${String(m.daysOverdue ?? 0)} day${m.daysOverdue === 1 ? '' : 's'} overdue), for ${bandName(band)} threat${m.threats.length === 1 ? '' : 's'} ${m.threats.join(', ')}${m.owner !== undefined ? `; owner ${m.owner}` : ''}` } });
  }
  // Highest risk first: the band, then what kind of item, then as every list of threats is ordered.
  const rank = (x: { item: GateItem }) => (x.item.band === undefined ? -1 : bandRank(x.item.band));
  items.sort(
    (x, y) =>
      rank(y) - rank(x) ||
      KIND_ORDER[x.item.kind] - KIND_ORDER[y.item.kind] ||
      (x.threat && y.threat
        ? compareRisk(rankableOf(x.threat), rankableOf(y.threat))
        : x.item.subject < y.item.subject ? -1 : x.item.subject > y.item.subject ? 1 : 0),
  );
  const list = items.map((x) => x.item);
  return { failOn, passed: list.length === 0, items: list, posture: a.posture, metrics: a.metrics, baseline: { live, atOrAbove: baselineAtOrAbove, counted }, unrated: { open: a.posture.open.unrated, policy } };
}
