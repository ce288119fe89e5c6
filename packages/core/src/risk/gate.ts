/**
 * The gate behind `threatwright check --fail-on <band>`: it fails when
 * - a live threat's residual risk is at or above the band,
 * - a mitigation of a P0 or P1 threat is past its due date, or
 * - an acceptance has expired.
 * Each failing item says why, in one line a build log can show.
 *
 * Baseline entries (the ids in `options.baseline`) are questions the model has not answered, capped
 * at medium: their risk does not fail the gate unless `options.countBaseline`; the result counts them
 * either way. An expired acceptance of one still fails it: that is a decision to revisit.
 */
import { atOrAbove, BAND_PRIORITY, bandLabel, type Band } from './bands.js';
import type { Assessment, RiskMetrics } from './assess.js';

export type GateItemKind = 'risk' | 'overdue-mitigation' | 'expired-acceptance';

export interface GateItem {
  readonly kind: GateItemKind;
  /** Threat id/fingerprint, or mitigation id. */
  readonly subject: string;
  readonly title: string;
  readonly band?: Band;
  readonly message: string;
}

export interface GateOptions {
  /** Ids of the baseline entries (confidence `baseline`) among the assessed threats. */
  readonly baseline?: ReadonlySet<string>;
  /** Let the baseline entries' risk fail the gate like any threat's (default: not). */
  readonly countBaseline?: boolean;
}

export interface GateBaseline {
  /** Live baseline entries. */
  readonly live: number;
  /** Of those, how many have a residual band at or above the gate's. */
  readonly atOrAbove: number;
  /** Whether they fail the gate (`countBaseline`). */
  readonly counted: boolean;
}

export interface GateResult {
  readonly failOn: Band;
  readonly passed: boolean;
  readonly items: readonly GateItem[];
  readonly metrics: RiskMetrics;
  readonly baseline: GateBaseline;
}

export function evaluateGate(a: Assessment, failOn: Band, options: GateOptions = {}): GateResult {
  const items: GateItem[] = [];
  const counted = options.countBaseline === true;
  let live = 0;
  let baselineAtOrAbove = 0;
  for (const t of a.threats) {
    if (t.acceptance?.expired) {
      items.push({ kind: 'expired-acceptance', subject: t.id, title: t.title, ...(t.band ? { band: t.band } : {}), message: `acceptance by ${t.acceptance.by ?? '(no one)'} expired on ${t.acceptance.until ?? '?'}; review it and record a new decision` });
    }
    const baseline = options.baseline?.has(t.id) === true;
    if (baseline && t.disposition === 'live') live++;
    if (t.disposition !== 'live' || !t.band || !atOrAbove(t.band, failOn)) continue;
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
    items.push({ kind: 'risk', subject: t.id, title: t.title, band: t.band, message: `${t.status}, ${bandLabel(t.band)} ${BAND_PRIORITY[t.band].priority}: ${how}${next}` });
  }
  for (const m of a.mitigations) {
    if (!m.overdue || (m.priority !== 'P0' && m.priority !== 'P1')) continue;
    items.push({ kind: 'overdue-mitigation', subject: m.id, title: m.title, message: `${m.status}, due ${m.due ?? '?'} (${String(m.daysOverdue ?? 0)} day${m.daysOverdue === 1 ? '' : 's'} overdue), for ${m.priority} threat${m.threats.length === 1 ? '' : 's'} ${m.threats.join(', ')}${m.owner !== undefined ? `; owner ${m.owner}` : ''}` });
  }
  return { failOn, passed: items.length === 0, items, metrics: a.metrics, baseline: { live, atOrAbove: baselineAtOrAbove, counted } };
}
