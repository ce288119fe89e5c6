/**
 * Triage merge: derived findings + the decisions people recorded in the model (keyed by
 * fingerprint) + manual threats -> threats. The model stores only decisions; findings are
 * never written back.
 */
import { own, type Writable } from '../data.js';
import type { Issue } from '../issues.js';
import type { Model, ThreatCategory, ThreatEntry, ThreatStatus } from '../model/types.js';
import { fingerprintOf, parseFingerprint } from '../engine/define-rule.js';
import type { Confidence, Fact, Finding, Scale, Unstated } from '../engine/types.js';

export type ThreatSource = 'rule' | 'custom-rule' | 'manual';

/** A threat. A derived one reads what the rule found from its finding and words `message` when first read (see `Finding`): copy it through JSON, not by spreading it. */
export interface Threat {
  /** The fingerprint of a derived finding, or the id of a manual threat. */
  readonly id: string;
  readonly source: ThreatSource;
  readonly ruleId?: string;
  readonly title: string;
  readonly message: string;
  readonly category?: ThreatCategory;
  readonly elements: readonly string[];
  readonly assets: readonly string[];
  readonly likelihood?: Scale;
  readonly impact?: Scale;
  /** What the rule proposed, before a person's override. */
  readonly derived?: { readonly likelihood: Scale; readonly impact: Scale; readonly adjustments: readonly string[] };
  readonly facts: readonly Fact[];
  readonly unstated: readonly Unstated[];
  readonly confidence: Confidence;
  /** Property values that would close a derived finding (see Finding.closesWhen). */
  readonly closesWhen: Finding['closesWhen'];
  readonly status: ThreatStatus;
  readonly decided: boolean;
  readonly response?: ThreatEntry['response'];
  readonly justification?: string;
  readonly owner?: string;
  readonly ticket?: string;
  readonly expires?: string;
  /** The decision's `expires` date has passed: the threat is open again until someone revisits it. */
  readonly expired?: boolean;
  readonly mitigations: readonly string[];
  readonly references?: readonly string[];
  readonly cvss?: string;
  /** Index of the entry in the model's `threats:` list (manual threat or decision), for locating it. */
  readonly entry?: number;
}

export interface TriageOptions {
  readonly now?: Date;
  /** Old rule id -> new rule id. */
  readonly renamedRules?: Readonly<Record<string, string>>;
  /** Ids of every rule that exists (run or disabled), to explain stale decisions. */
  readonly knownRules?: ReadonlySet<string>;
  readonly disabledRules?: ReadonlySet<string>;
  readonly customRules?: ReadonlySet<string>;
}

const CLOSED: ReadonlySet<ThreatStatus> = new Set(['mitigated', 'accepted', 'transferred', 'false-positive', 'not-applicable']);
export const isOpen = (status: ThreatStatus): boolean => !CLOSED.has(status);

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The fingerprint a decision refers to today, following renamed rule ids. */
export function currentFingerprint(fp: string, renamed: Readonly<Record<string, string>> = {}): string {
  const p = parseFingerprint(fp);
  if (!p) return fp;
  let id = p.ruleId;
  for (let hops = 0; own(renamed, id) !== undefined && hops < 10; hops++) id = own(renamed, id) ?? id;
  return id === p.ruleId ? fp : fingerprintOf(id, p.elements);
}

const NONE: readonly string[] = Object.freeze([]);

/** The decision fields a threat carries, as recorded in a threat entry. */
type Decision = { readonly [K in 'response' | 'justification' | 'owner' | 'ticket' | 'expires' | 'references' | 'cvss']?: Threat[K] | undefined };

/** Copies a decision's optional fields (from a threat entry, or from a threat) onto a threat, in the order the JSON output lists them. */
function decide(t: Writable<Threat>, e: Decision): void {
  if (e.response !== undefined) t.response = e.response;
  if (e.justification !== undefined) t.justification = e.justification;
  if (e.owner !== undefined) t.owner = e.owner;
  if (e.ticket !== undefined) t.ticket = e.ticket;
  if (e.expires !== undefined) t.expires = e.expires;
  if (e.references !== undefined) t.references = e.references;
  if (e.cvss !== undefined) t.cvss = e.cvss;
}

/**
 * A threat derived from a finding. Its message and closing values are the finding's, read from it
 * when first asked for (see engine/run.ts); `toJSON` writes the same object a plain literal would.
 */
class DerivedThreat implements Threat {
  readonly source: ThreatSource;
  readonly likelihood: Scale;
  readonly impact: Scale;
  readonly status: ThreatStatus;
  readonly decided: boolean;
  readonly mitigations: readonly string[];
  declare expired?: boolean;
  declare entry?: number;
  declare response?: ThreatEntry['response'];
  declare justification?: string;
  declare owner?: string;
  declare ticket?: string;
  declare expires?: string;
  declare references?: readonly string[];
  declare cvss?: string;
  readonly #finding: Finding;
  #derived: Threat['derived'];

  constructor(f: Finding, source: ThreatSource, e: ThreatEntry | undefined, status: ThreatStatus, mitigations: readonly string[]) {
    this.source = source;
    this.likelihood = (e?.likelihood ?? f.likelihood) as Scale;
    this.impact = (e?.impact ?? f.impact) as Scale;
    this.status = status;
    this.decided = e !== undefined;
    this.mitigations = mitigations;
    this.#finding = f;
  }

  // What the rule found is read from the finding rather than copied: a large model has tens of thousands.
  get id(): string {
    return this.#finding.fingerprint;
  }

  get ruleId(): string {
    return this.#finding.ruleId;
  }

  get title(): string {
    return this.#finding.title;
  }

  get category(): ThreatCategory {
    return this.#finding.category;
  }

  get elements(): readonly string[] {
    return this.#finding.elements;
  }

  get assets(): readonly string[] {
    return this.#finding.assets;
  }

  get derived(): NonNullable<Threat['derived']> {
    const f = this.#finding;
    return (this.#derived ??= { likelihood: f.likelihood, impact: f.impact, adjustments: f.adjustments });
  }

  get facts(): readonly Fact[] {
    return this.#finding.facts;
  }

  get unstated(): readonly Unstated[] {
    return this.#finding.unstated;
  }

  get confidence(): Confidence {
    return this.#finding.confidence;
  }

  get message(): string {
    return this.#finding.message;
  }

  get closesWhen(): Finding['closesWhen'] {
    return this.#finding.closesWhen;
  }

  toJSON(): Threat {
    const t: Writable<Threat> = {
      id: this.id,
      source: this.source,
      ruleId: this.ruleId,
      title: this.title,
      message: this.message,
      category: this.category,
      elements: this.elements,
      assets: this.assets,
      likelihood: this.likelihood,
      impact: this.impact,
      derived: this.derived,
      facts: this.facts,
      unstated: this.unstated,
      confidence: this.confidence,
      closesWhen: this.closesWhen,
      status: this.status,
      decided: this.decided,
      mitigations: this.mitigations,
    };
    if (this.expired !== undefined) t.expired = this.expired;
    if (this.entry !== undefined) t.entry = this.entry;
    decide(t, this);
    return t;
  }
}

export function mergeTriage(model: Model, findings: readonly Finding[], options: TriageOptions = {}): { threats: Threat[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const now = today(options.now ?? new Date());
  const entries = model.threats ?? [];

  // Mitigations linked from the mitigations section by threat id or fingerprint.
  const linked = new Map<string, string[]>();
  for (const m of model.mitigations ?? []) {
    for (const ref of m.threats ?? []) {
      const key = ref.includes('@') ? currentFingerprint(ref, options.renamedRules) : ref;
      const list = linked.get(key) ?? [];
      list.push(m.id);
      linked.set(key, list);
    }
  }

  const decisions = new Map<string, { entry: ThreatEntry; index: number }>();
  entries.forEach((entry, index) => {
    if (entry.fingerprint === undefined) return;
    const fp = currentFingerprint(entry.fingerprint, options.renamedRules);
    if (!decisions.has(fp)) decisions.set(fp, { entry, index });
  });

  // Stale decisions and links are looked up against the findings; most models have few of either.
  let fingerprints: Set<string> | undefined;
  const exists = (fp: string): boolean => (fingerprints ??= new Set(findings.map((f) => f.fingerprint))).has(fp);
  for (const [fp, { entry, index }] of decisions) {
    if (exists(fp)) continue;
    const p = parseFingerprint(fp);
    let why = 'the finding no longer exists: the rule does not fire any more, or an element it named was renamed or removed';
    if (p && options.disabledRules?.has(p.ruleId)) why = `rule ${p.ruleId} is disabled for this model`;
    else if (p && options.knownRules && !options.knownRules.has(p.ruleId)) why = `there is no rule named "${p.ruleId}"`;
    issues.push({
      code: 'stale-decision',
      severity: 'warning',
      message: `decision about ${entry.fingerprint}${fp !== entry.fingerprint ? ` (now ${fp})` : ''} matches no finding: ${why}`,
      path: ['threats', index, 'fingerprint'],
      subject: entry.fingerprint ?? fp,
      hint: 'Remove the decision, or update its fingerprint to the finding it is about (see `threatwright analyze --format json`).',
    });
  }
  for (const [key, mitigationIds] of linked) {
    if (!key.includes('@') || exists(key)) continue;
    const mi = (model.mitigations ?? []).findIndex((m) => m.id === mitigationIds[0]);
    issues.push({
      code: 'stale-mitigation-link',
      severity: 'warning',
      message: `mitigation ${mitigationIds.join(', ')} addresses ${key}, which matches no finding`,
      path: ['mitigations', mi, 'threats'],
      subject: mitigationIds[0] ?? key,
      hint: 'Update or remove the fingerprint in `threats:` of the mitigation.',
    });
  }

  const expiredCheck = (entry: ThreatEntry, index: number, subject: string): boolean => {
    if (entry.expires === undefined || entry.expires >= now) return false;
    issues.push({
      code: 'decision-expired',
      severity: 'warning',
      message: `the decision about ${subject} expired on ${entry.expires}; it counts as open until someone revisits it`,
      path: ['threats', index, 'expires'],
      subject,
      hint: 'Review the threat, then record a new decision with a new `expires` date (or remove `expires`).',
    });
    return true;
  };

  const threats: Threat[] = [];
  // An indexed loop: one step per finding (tens of thousands on a large model), in code that runs once.
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k] as Finding;
    const d = decisions.size > 0 ? decisions.get(f.fingerprint) : undefined;
    const e = d?.entry;
    const expired = d ? expiredCheck(d.entry, d.index, f.fingerprint) : false;
    const links = linked.size > 0 ? linked.get(f.fingerprint) : undefined;
    // Most findings carry no decision and no linked mitigation: they share one empty list.
    const mitigations = e?.mitigations === undefined && links === undefined ? NONE : [...new Set([...(e?.mitigations ?? []), ...(links ?? [])])].sort();
    const t = new DerivedThreat(f, options.customRules?.has(f.ruleId) ? 'custom-rule' : 'rule', e, expired ? 'open' : (e?.status ?? 'open'), mitigations);
    if (expired) t.expired = true;
    if (d) {
      t.entry = d.index;
      decide(t, d.entry);
    }
    threats.push(t);
  }

  entries.forEach((e, index) => {
    if (e.fingerprint !== undefined || e.id === undefined) return;
    const expired = expiredCheck(e, index, e.id);
    const mitigations = [...new Set([...(e.mitigations ?? []), ...(linked.get(e.id) ?? [])])].sort();
    const t: Writable<Threat> = {
      id: e.id,
      source: 'manual',
      title: e.title ?? e.id,
      message: e.description ?? e.title ?? e.id,
      elements: e.elements ?? [],
      assets: e.assets ?? [],
      facts: [],
      unstated: [],
      confidence: 'confirmed',
      closesWhen: [],
      status: expired ? 'open' : (e.status ?? 'open'),
      decided: e.status !== undefined,
      mitigations,
      entry: index,
    };
    if (expired) t.expired = true;
    if (e.category !== undefined) t.category = e.category;
    if (e.likelihood !== undefined) t.likelihood = e.likelihood as Scale;
    if (e.impact !== undefined) t.impact = e.impact as Scale;
    decide(t, e);
    threats.push(t);
  });
  return { threats, issues };
}
