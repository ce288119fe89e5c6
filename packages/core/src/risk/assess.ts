/**
 * assess(threats, model, options): the step after the triage merge that answers "what are we
 * going to do about it?" and "did we do a good enough job?".
 *
 * For every threat: its inherent and residual risk (residual counts only the mitigations that are
 * actually implemented and whose tests did not fail), its response (eliminate, reduce, transfer,
 * accept) with the checks each needs, and whether its risk is still live. For the model: the
 * mitigations' effective state (implemented, overdue, verified) and the dashboard counts.
 */
import type { Writable } from '../data.js';
import type { Issue } from '../issues.js';
import type { Mitigation, MitigationStatus, Model, ThreatEntry } from '../model/types.js';
import type { Threat } from '../triage/index.js';
import type { MitigationVerification, VerificationState } from '../verify/index.js';
import type { Confidence } from '../engine/types.js';
import { BAND_PRIORITY, bandRank, type Band, type Priority } from './bands.js';
import { postureOf, standingOf, type Posture, type Standing } from './posture.js';
import { NO_REDUCTION, scoreRisk, type Reduction, type RiskScores } from './score.js';
import { resolveRiskSettings, type ResolvedRiskSettings } from './settings.js';
import type { Score } from './methods.js';

export interface AssessOptions {
  /** "Today", for due dates, expiry and MTTR. */
  readonly now?: Date;
  /** Test evidence from `threatwright verify` (or read from JUnit directly). */
  readonly verification?: readonly MitigationVerification[];
}

/**
 * - live: its residual risk counts (open, in progress, mitigated, or a response that is not in force);
 * - accepted / transferred: an acceptance or transfer in force takes the risk off the books;
 * - dismissed: false positive or not applicable.
 */
export type Disposition = 'live' | 'accepted' | 'transferred' | 'dismissed';

export interface Acceptance {
  readonly by?: string;
  readonly why?: string;
  readonly until?: string;
  readonly expired: boolean;
  /** What a valid acceptance still lacks. */
  readonly missing: readonly ('accepted_by' | 'justification' | 'expires')[];
}

export interface AssessedThreat {
  readonly id: string;
  readonly title: string;
  readonly status: Threat['status'];
  readonly response?: Threat['response'];
  readonly owner?: string;
  readonly identified?: string;
  readonly risk: RiskScores;
  /** The residual band and priority, when scored. */
  readonly band?: Band;
  readonly priority?: Priority;
  readonly disposition: Disposition;
  /** Where it stands for every count (see posture.ts): open, mitigated, accepted, transferred or dismissed. */
  readonly standing: Standing;
  /** `baseline` for an entry of the baseline tier, counted apart. */
  readonly confidence: Confidence;
  /** Why the disposition, in words. */
  readonly reason: string;
  readonly acceptance?: Acceptance;
  readonly transferTo?: string;
  /** Its mitigations, and which of them count towards the residual risk. */
  readonly mitigations: readonly string[];
  readonly implemented: readonly string[];
  /** Days from `identified` to the first implemented (or verified) mitigation, when both are known. */
  readonly remediationDays?: number;
}

export interface AssessedMitigation {
  readonly id: string;
  readonly title: string;
  readonly status: MitigationStatus;
  readonly owner?: string;
  readonly due?: string;
  /** Counts towards residual risk: implemented or verified, and its tests did not fail. */
  readonly implemented: boolean;
  /** Past its due date and not implemented. */
  readonly overdue: boolean;
  readonly daysOverdue?: number;
  readonly verification: VerificationState | 'not-checked';
  readonly verificationSummary?: string;
  /** The threats it addresses (ids or fingerprints), as linked by the triage merge. */
  readonly threats: readonly string[];
  /** The highest priority among the live threats it addresses. */
  readonly priority?: Priority;
}

export interface RiskMetrics {
  readonly overdueMitigations: number;
  readonly expiredAcceptances: number;
  /** Mean time to remediate, in days, over `count` threats with both dates; null without any. */
  readonly mttrDays: number | null;
  readonly mttrCount: number;
  readonly mitigationsByVerification: Readonly<Partial<Record<VerificationState | 'not-checked', number>>>;
}

export interface Assessment {
  readonly today: string;
  readonly settings: ResolvedRiskSettings;
  readonly threats: readonly AssessedThreat[];
  readonly mitigations: readonly AssessedMitigation[];
  /** How many threats stand where, by residual band: the numbers every output shows. */
  readonly posture: Posture;
  readonly metrics: RiskMetrics;
  readonly issues: readonly Issue[];
}


const IMPLEMENTED: ReadonlySet<MitigationStatus> = new Set(['implemented', 'verified']);

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function reductionOf(ids: readonly string[], byId: ReadonlyMap<string, Mitigation>): Reduction {
  if (ids.length === 0) return NO_REDUCTION;
  let likelihood = 0;
  let impact = 0;
  const cvss: string[] = [];
  const by: string[] = [];
  for (const id of ids) {
    const m = byId.get(id);
    if (!m) continue;
    const r = m.reduces;
    if (r === undefined && m.strategy === 'eliminate') {
      likelihood += 4;
      by.push(`${id} (eliminates: likelihood → 1)`);
      continue;
    }
    const parts: string[] = [];
    if (r?.likelihood) {
      likelihood += r.likelihood;
      parts.push(`likelihood −${String(r.likelihood)}`);
    }
    if (r?.impact) {
      impact += r.impact;
      parts.push(`impact −${String(r.impact)}`);
    }
    if (r?.cvss !== undefined && r.cvss.trim() !== '') {
      cvss.push(r.cvss);
      parts.push(r.cvss);
    }
    if (parts.length > 0) by.push(`${id} (${parts.join(', ')})`);
  }
  return { likelihood, impact, cvss, by };
}

const LIVE_REASONS = new Map<string, string>();
/** "open: its residual risk counts": one string per status, shared by every threat in it. */
function liveReason(status: string): string {
  let r = LIVE_REASONS.get(status);
  if (r === undefined) {
    r = `${status}: its residual risk counts`;
    LIVE_REASONS.set(status, r);
  }
  return r;
}

const BASELINE_CAPPED = 'capped at medium: a baseline entry asks a question, it does not establish a threat';

function capScore(score: Score | undefined): Score | undefined {
  if (score === undefined || bandRank(score.band) <= bandRank('medium')) return score;
  return { ...score, band: 'medium', priority: BAND_PRIORITY.medium.priority, explanation: `${score.explanation}; ${BASELINE_CAPPED}` };
}

/** A baseline entry is never rated above medium, whatever the model's scoring method makes of it. */
function capAtMedium(risk: RiskScores): RiskScores {
  const inherent = capScore(risk.inherent);
  const residual = capScore(risk.residual);
  if (inherent === risk.inherent && residual === risk.residual) return risk;
  return { ...risk, ...(inherent ? { inherent } : {}), ...(residual ? { residual } : {}) };
}

export function assess(threats: readonly Threat[], model: Model, options: AssessOptions = {}): Assessment {
  const today = isoDay(options.now ?? new Date());
  const settings = resolveRiskSettings(model.risk);
  const issues: Issue[] = [];
  const mitigations = model.mitigations ?? [];
  const byId = new Map(mitigations.map((m) => [m.id, m]));
  const mitigationIndex = new Map(mitigations.map((m, i) => [m.id, i]));
  const verification = new Map((options.verification ?? []).map((v) => [v.mitigation, v]));
  const entries = model.threats ?? [];

  const counts = (m: Mitigation): boolean => IMPLEMENTED.has(m.status ?? 'proposed') && verification.get(m.id)?.state !== 'failed';

  for (const m of mitigations) {
    const v = verification.get(m.id);
    const i = mitigationIndex.get(m.id) ?? 0;
    if (v?.state === 'failed' && IMPLEMENTED.has(m.status ?? 'proposed')) {
      issues.push({ code: 'mitigation-test-failed', severity: 'warning', message: `mitigation ${m.id} is ${m.status ?? ''} but its test failed (${v.summary}); it does not count towards residual risk until it passes`, path: ['mitigations', i, 'verification', 'test'], subject: m.id, hint: 'Fix the control or its test, then run `threatwright verify` again.' });
    }
    if (IMPLEMENTED.has(m.status ?? 'proposed') && m.reduces === undefined && m.strategy !== 'eliminate' && m.strategy !== 'transfer' && m.strategy !== 'accept') {
      issues.push({ code: 'mitigation-reduces-nothing', severity: 'info', message: `mitigation ${m.id} is ${m.status ?? ''} but does not say what it reduces, so residual risk stays as it was`, path: ['mitigations', i], subject: m.id, hint: 'Add `reduces: { likelihood: n }` and/or `impact: n` (steps on the 1–5 scales).' });
    }
  }

  // Most threats are scored from likelihood and impact alone, with nothing implemented: one score per pair, shared.
  const plainScores = new Map<number, RiskScores>();
  const assessed: AssessedThreat[] = threats.map((t) => {
    const entry: ThreatEntry | undefined = t.entry !== undefined ? entries[t.entry] : undefined;
    const path = (key: string): (string | number)[] => (t.entry !== undefined ? ['threats', t.entry, key] : []);
    const implemented = t.mitigations.length === 0 ? t.mitigations : t.mitigations.filter((id) => {
      const m = byId.get(id);
      return m !== undefined && counts(m);
    });
    const cvssVector = t.cvss ?? entry?.cvss;
    const plain = cvssVector === undefined && entry?.owasp === undefined && entry?.scoring === undefined && implemented.length === 0 && t.likelihood !== undefined && t.impact !== undefined;
    const key = plain ? (t.likelihood ?? 0) * 8 + (t.impact ?? 0) : -1;
    let risk = plain ? plainScores.get(key) : undefined;
    if (risk === undefined) {
      risk = scoreRisk({ likelihood: t.likelihood, impact: t.impact, cvss: cvssVector, owasp: entry?.owasp, scoring: entry?.scoring }, settings, reductionOf(implemented, byId));
      if (plain) plainScores.set(key, risk);
    }
    if (t.confidence === 'baseline') risk = capAtMedium(risk);
    for (let k = 0; k < risk.problems.length; k++) {
      const p = risk.problems[k] as string;
      const unrated = p.startsWith('unrated:');
      issues.push({
        code: 'risk-scoring',
        severity: 'warning',
        message: p,
        path: unrated ? (t.entry !== undefined ? ['threats', t.entry] : []) : path(entry?.cvss !== undefined && p.includes('CVSS') ? 'cvss' : entry?.owasp !== undefined && p.includes('OWASP') ? 'owasp' : 'scoring'),
        subject: t.id,
        ...(unrated ? { hint: 'Add `likelihood:` and `impact:` (1–5) to the threat entry; until then every output counts it as unrated, and `threatwright check --unrated fail` fails on it.' } : {}),
      });
    }

    // The response and whether it is in force.
    const declared = entry?.status ?? t.status;
    let disposition: Disposition = 'live';
    let reason = liveReason(t.status);
    let acceptance: Acceptance | undefined;
    if (declared === 'false-positive' || declared === 'not-applicable') {
      disposition = 'dismissed';
      reason = declared === 'false-positive' ? 'marked a false positive' : 'marked not applicable';
      if (t.expired) {
        disposition = 'live';
        reason = `the decision (${declared}) expired on ${t.expires ?? ''}`;
      }
    } else if (declared === 'accepted' || t.response === 'accept') {
      const missing: Acceptance['missing'][number][] = [];
      if (!entry?.accepted_by) missing.push('accepted_by');
      if (!entry?.justification) missing.push('justification');
      if (!entry?.expires) missing.push('expires');
      const expired = t.expired === true;
      acceptance = {
        expired,
        missing,
        ...(entry?.accepted_by ? { by: entry.accepted_by } : {}),
        ...(entry?.justification ? { why: entry.justification } : {}),
        ...(entry?.expires ? { until: entry.expires } : {}),
      };
      if (expired) reason = `its acceptance expired on ${entry?.expires ?? ''}: the threat is open again`;
      else if (missing.length > 0) {
        reason = `its acceptance is not in force: it lacks ${missing.join(', ')}`;
        issues.push({ code: 'acceptance-incomplete', severity: 'warning', message: `${t.id} is accepted but the acceptance lacks ${missing.join(', ')}; it counts as open until it says who accepted it, why and until when`, path: path('status'), subject: t.id, hint: 'Add `accepted_by`, `justification` and `expires` (YYYY-MM-DD) to the threat entry.' });
      } else if (declared !== 'accepted') {
        reason = 'its response is accept, but its status is not accepted yet';
      } else {
        disposition = 'accepted';
        reason = `accepted by ${entry?.accepted_by ?? ''} until ${entry?.expires ?? ''}`;
      }
    } else if (declared === 'transferred' || t.response === 'transfer') {
      if (!entry?.transfer_to) {
        reason = 'its transfer is not in force: it does not say to whom (transfer_to)';
        issues.push({ code: 'transfer-without-recipient', severity: 'warning', message: `${t.id} is transferred but does not say to whom; it counts as open until it does`, path: path('status'), subject: t.id, hint: 'Add `transfer_to:` (the insurer, provider or team that now carries the risk).' });
      } else if (t.expired) {
        reason = `its transfer to ${entry.transfer_to} expired on ${t.expires ?? ''}`;
      } else if (declared !== 'transferred') {
        reason = `its response is transfer (to ${entry.transfer_to}), but its status is not transferred yet`;
      } else {
        disposition = 'transferred';
        reason = `transferred to ${entry.transfer_to}`;
      }
    }
    if (disposition === 'live' && t.status === 'mitigated' && implemented.length === 0) {
      issues.push({ code: 'mitigated-without-implementation', severity: 'warning', message: `${t.id} is marked mitigated, but none of its mitigations is implemented${t.mitigations.length === 0 ? ' (it has none)' : ''}; its residual risk is its inherent risk`, path: path('status'), subject: t.id, hint: 'Link the mitigation that handles it and mark that one implemented, with `reduces:`.' });
    }

    // Mean time to remediate: identified -> first implemented/verified mitigation.
    let remediationDays: number | undefined;
    const identified = entry?.identified;
    if (identified !== undefined) {
      const dates = implemented.map((id) => byId.get(id)).flatMap((m) => (m ? [m.implemented ?? m.verified].filter((d): d is string => d !== undefined) : []));
      const first = dates.sort()[0];
      if (first !== undefined) {
        const days = daysBetween(identified, first);
        if (days >= 0) remediationDays = days;
        else issues.push({ code: 'remediated-before-identified', severity: 'warning', message: `${t.id} was identified on ${identified}, after its mitigation was implemented (${first}); left out of mean time to remediate`, path: path('identified'), subject: t.id });
      }
    }

    const residual = risk.residual;
    const a: Writable<AssessedThreat> = {
      id: t.id,
      title: t.title,
      status: t.status,
      risk,
      disposition,
      standing: standingOf({ disposition, status: t.status, implemented }),
      confidence: t.confidence,
      reason,
      mitigations: t.mitigations,
      implemented,
    };
    if (residual) {
      a.band = residual.band;
      a.priority = residual.priority;
    }
    if (t.response !== undefined) a.response = t.response;
    if (t.owner !== undefined) a.owner = t.owner;
    if (identified !== undefined) a.identified = identified;
    if (acceptance) a.acceptance = acceptance;
    if (entry?.transfer_to !== undefined) a.transferTo = entry.transfer_to;
    if (remediationDays !== undefined) a.remediationDays = remediationDays;
    return a;
  });

  // Mitigations: effective state, and the priority of the live threats they serve.
  // Indexed loops over the threats (tens of thousands on a large model), in code that runs once per analysis.
  const servedBy = new Map<string, AssessedThreat[]>();
  for (let k = 0; k < assessed.length; k++) {
    const t = assessed[k] as AssessedThreat;
    for (let j = 0; j < t.mitigations.length; j++) {
      const id = t.mitigations[j] as string;
      const list = servedBy.get(id) ?? [];
      list.push(t);
      servedBy.set(id, list);
    }
  }
  const assessedMitigations: AssessedMitigation[] = mitigations.map((m) => {
    const status = m.status ?? 'proposed';
    const implemented = counts(m);
    const overdue = !IMPLEMENTED.has(status) && m.due !== undefined && m.due < today;
    const v = verification.get(m.id);
    const served = servedBy.get(m.id) ?? [];
    const live = served.filter((t) => t.disposition === 'live' && t.band !== undefined);
    const top = live.map((t) => t.band as Band).sort((a, b) => bandRank(b) - bandRank(a))[0];
    return {
      id: m.id,
      title: m.title,
      status,
      implemented,
      overdue,
      verification: v?.state ?? 'not-checked',
      threats: served.map((t) => t.id),
      ...(m.owner !== undefined ? { owner: m.owner } : {}),
      ...(m.due !== undefined ? { due: m.due } : {}),
      ...(overdue && m.due !== undefined ? { daysOverdue: daysBetween(m.due, today) } : {}),
      ...(v ? { verificationSummary: v.summary } : {}),
      ...(top ? { priority: BAND_PRIORITY[top].priority } : {}),
    };
  });

  const remediated = assessed.filter((t) => t.remediationDays !== undefined).map((t) => t.remediationDays ?? 0);
  const byVerification: Partial<Record<VerificationState | 'not-checked', number>> = {};
  for (const m of assessedMitigations) byVerification[m.verification] = (byVerification[m.verification] ?? 0) + 1;

  return {
    today,
    settings,
    threats: assessed,
    mitigations: assessedMitigations,
    posture: postureOf(assessed),
    metrics: {
      overdueMitigations: assessedMitigations.filter((m) => m.overdue).length,
      expiredAcceptances: assessed.filter((t) => t.acceptance?.expired === true).length,
      mttrDays: remediated.length === 0 ? null : Math.round((remediated.reduce((a, b) => a + b, 0) / remediated.length) * 10) / 10,
      mttrCount: remediated.length,
      mitigationsByVerification: byVerification,
    },
    issues,
  };
}
