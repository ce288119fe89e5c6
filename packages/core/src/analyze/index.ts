/**
 * analyze(model) -> result: graph index -> rules (built-in + custom) -> findings -> triage merge
 * with the model's decisions and manual threats -> questions and counts. Pure and deterministic:
 * the same model gives the same result, byte for byte, once serialised.
 */
import { append, own } from '../data.js';
import type { Issue } from '../issues.js';
import type { Model, ThreatCategory, ThreatStatus } from '../model/types.js';
import { buildGraph, type ComponentNode, type FlowNode, type GraphIndex } from '../graph/index.js';
import { compileCustomRule, type CustomRuleInput } from '../engine/custom-rules.js';
import { withoutCoveredBaseline } from '../engine/baseline.js';
import { runRulesIncremental, type IncrementalRun, type RunState } from '../engine/incremental.js';
import { collectQuestions, runRules, type RunResult } from '../engine/run.js';
import type { AnyRule, Question, References, RuleMitigation, Scale } from '../engine/types.js';
import { builtinRules, renamedRules } from '../rules/index.js';
import { mergeTriage, type Threat } from '../triage/index.js';
import { assess, type Assessment } from '../risk/assess.js';
import { analyzeAttackTrees, type AttackTreeResult } from '../risk/attack-trees.js';
import { bandOfProduct } from '../risk/methods.js';
import { DEFAULT_RISK_SETTINGS } from '../risk/settings.js';
import type { MitigationVerification } from '../verify/index.js';

/** Version of the analysis result's JSON shape. Bump on breaking changes. */
export const ANALYSIS_FORMAT_VERSION = 2;

export type RiskBand = 'critical' | 'high' | 'medium' | 'low';
export const RISK_BANDS: readonly RiskBand[] = ['critical', 'high', 'medium', 'low'];

/**
 * Likelihood × impact on 1–5 scales with the default bands: 16–25 critical, 9–15 high, 4–8 medium,
 * 1–3 low. A model's own `risk:` settings (method, bands, matrix) are applied by `assess` (see
 * `result.risk`); use this only where no model is at hand.
 */
export function riskBand(likelihood: Scale, impact: Scale): RiskBand {
  return bandOfProduct(likelihood * impact, DEFAULT_RISK_SETTINGS);
}

export interface AnalyzeOptions {
  /** "Today", for decision expiry. */
  readonly now?: Date;
  /** The built-in rules to run (default: all registered). */
  readonly rules?: readonly AnyRule[];
  /** Custom rules from files, in addition to the model's own `rules.custom`. */
  readonly customRules?: readonly CustomRuleInput[];
  /** Rule ids to skip, in addition to the model's `rules.disable`. */
  readonly disable?: readonly string[];
  /** A graph index already built for this model (the editor keeps one). */
  readonly graph?: GraphIndex;
  /** Test evidence for the mitigations (from `threatwright verify`), for residual risk. */
  readonly verification?: readonly MitigationVerification[];
}

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly category: ThreatCategory;
  readonly description: string;
  readonly references: References;
  readonly mitigations: readonly RuleMitigation[];
  readonly falsePositives: readonly string[];
  readonly custom: boolean;
  /** `baseline` for the rules of the baseline tier (generic STRIDE entries where the model says little). */
  readonly tier?: 'baseline';
}

export interface AnalysisCounts {
  /** Threats, baseline entries left out (they are counted in `baseline`). */
  readonly threats: number;
  /** Derived threats, baseline entries left out. */
  readonly derived: number;
  readonly manual: number;
  /** Open threats (standing `open`, see `risk.posture`), baseline entries left out. */
  readonly open: number;
  /** Open entries of the baseline tier (confidence `baseline`): questions, counted apart from the threats. */
  readonly baseline: number;
  /** Threats (baseline entries left out) by category and by status. */
  readonly byCategory: Readonly<Partial<Record<ThreatCategory | 'uncategorized', number>>>;
  readonly byStatus: Readonly<Partial<Record<ThreatStatus, number>>>;
  /** Open threats by residual risk band, scored with the model's risk method (`risk.posture.open`). */
  readonly byBand: Readonly<Record<RiskBand, number>>;
  /** Open threats without a band: no likelihood and impact, nor another score. */
  readonly unrated: number;
  readonly questions: number;
  /** In-scope components and flows. */
  readonly elements: number;
  readonly derivedPerElement: number;
}

export interface AnalysisResult {
  readonly version: typeof ANALYSIS_FORMAT_VERSION;
  readonly system: string;
  /** Derived threats sorted by fingerprint, then manual threats in model order. */
  readonly threats: readonly Threat[];
  readonly questions: readonly Question[];
  readonly counts: AnalysisCounts;
  /** Metadata of the rules behind the threats, by id. */
  readonly rules: Readonly<Record<string, RuleInfo>>;
  readonly issues: readonly Issue[];
  /** Scores (inherent and residual, with how each was computed), responses, mitigations' state and metrics. */
  readonly risk: Assessment;
  /** Each attack tree's goal status, uncovered leaves, and cheapest and most likely open path. */
  readonly attackTrees: readonly AttackTreeResult[];
}

function info(rule: AnyRule, custom: boolean): RuleInfo {
  return {
    id: rule.id,
    title: rule.meta.title,
    category: rule.meta.category,
    description: rule.meta.description,
    references: rule.meta.references,
    mitigations: rule.meta.mitigations,
    falsePositives: rule.meta.falsePositives ?? [],
    custom,
    ...(rule.meta.tier !== undefined ? { tier: rule.meta.tier } : {}),
  };
}

function sortedRecord<K extends string>(entries: Iterable<[K, number]>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [k, v] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out[k] = v;
  return out;
}

/** Drops the baseline entries that specific findings answer (see engine/baseline.ts). */
export { withoutCoveredBaseline } from '../engine/baseline.js';
export { groupBaseline, type ElementBaseline } from './baseline-groups.js';

export function analyze(model: Model, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeWith(model, options, (graph, rules, disabled) => runRules(graph, rules, { disabled }));
}

/** How the last analysis of an `Analyzer` ran its rules. */
export interface AnalyzerRun {
  /** `full`: every rule on every element; `incremental`: rules re-ran around the change; `unchanged`: nothing the findings depend on changed. */
  readonly mode: IncrementalRun['mode'];
  /** Elements whose facts changed since the previous analysis. */
  readonly changed: number;
  /** Elements the rules looked at again. */
  readonly focus: number;
}

export interface Analyzer {
  /** Same result as `analyze(model, options)`, reusing the previous call's findings where nothing they depend on changed. */
  analyze(model: Model, options?: AnalyzeOptions): AnalysisResult;
  /** How the last call ran its rules. */
  readonly last: AnalyzerRun | undefined;
}

/**
 * An analysis that remembers its last run, for a model edited one change at a time (the editor):
 * after an edit, rules re-run only around the elements whose facts changed (see engine/incremental.ts).
 */
export function createAnalyzer(): Analyzer {
  let state: RunState | undefined;
  let last: AnalyzerRun | undefined;
  return {
    analyze(model, options = {}) {
      return analyzeWith(model, options, (graph, rules, disabled) => {
        const run = runRulesIncremental(state, graph, rules, disabled);
        state = run.state;
        last = { mode: run.mode, changed: run.changed, focus: run.focus };
        return run.result;
      });
    },
    get last() {
      return last;
    },
  };
}

function analyzeWith(model: Model, options: AnalyzeOptions, run: (graph: GraphIndex, rules: readonly AnyRule[], disabled: ReadonlySet<string>) => RunResult): AnalysisResult {
  const issues: Issue[] = [];
  const graph = options.graph ?? buildGraph(model);
  append(issues, graph.issues);
  const builtins = options.rules ?? builtinRules;
  const builtinIds = new Set(builtins.map((r) => r.id));

  const custom: AnyRule[] = [];
  const customIds = new Set<string>();
  const addCustom = (list: readonly CustomRuleInput[], where: (i: number) => (string | number)[]) => {
    list.forEach((input, i) => {
      if (input.disabled === true) return;
      if (builtinIds.has(input.id) || customIds.has(input.id)) {
        issues.push({ code: 'duplicate-rule-id', severity: 'error', message: `custom rule id "${input.id}" is already used by ${builtinIds.has(input.id) ? 'a built-in rule' : 'another custom rule'}`, path: [...where(i), 'id'], subject: input.id, hint: 'Give the custom rule its own id, e.g. prefix it with your team or product name.' });
        return;
      }
      customIds.add(input.id);
      custom.push(compileCustomRule(input));
    });
  };
  addCustom(model.rules?.custom ?? [], (i) => ['rules', 'custom', i]);
  addCustom(options.customRules ?? [], (i) => ['<rules file>', i]);

  const disabled = new Set([...(model.rules?.disable ?? []), ...(options.disable ?? [])]);
  (model.rules?.disable ?? []).forEach((id, i) => {
    if (!builtinIds.has(id) && !customIds.has(id)) {
      const renamed = own(renamedRules, id);
      if (renamed !== undefined) disabled.add(renamed);
      issues.push({ code: 'unknown-rule', severity: 'warning', message: renamed !== undefined ? `rule "${id}" was renamed to "${renamed}"` : `there is no rule "${id}" to disable`, path: ['rules', 'disable', i], subject: id, hint: renamed !== undefined ? `Write "${renamed}" instead.` : 'See `threatwright rules` for the rule ids.' });
    }
  });

  const allRules = [...builtins, ...custom];
  const ran = run(graph, allRules, disabled);
  append(issues, ran.issues);
  const findings = withoutCoveredBaseline(ran.findings, allRules);
  const triage = mergeTriage(model, findings, {
    ...(options.now ? { now: options.now } : {}),
    renamedRules,
    knownRules: new Set([...builtinIds, ...customIds]),
    disabledRules: disabled,
    customRules: customIds,
  });
  append(issues, triage.issues);
  const threats = triage.threats;
  const risk = assess(threats, model, { ...(options.now ? { now: options.now } : {}), ...(options.verification ? { verification: options.verification } : {}) });
  append(issues, risk.issues);

  // One indexed pass over the threats (tens of thousands on a large model) for the counts, the rules
  // used and the threats that ask questions: only those still open, as a closed decision answers them.
  const byCategory = new Map<ThreatCategory | 'uncategorized', number>();
  const byStatus = new Map<ThreatStatus, number>();
  const used = new Set<string>();
  const asking: Threat[] = [];
  let derived = 0;
  let baselineAll = 0;
  for (let index = 0; index < threats.length; index++) {
    const t = threats[index] as Threat;
    if (t.ruleId !== undefined) used.add(t.ruleId);
    // Questions come from the threats still open (core's standing: an acceptance not in force still asks); assess() keeps the order.
    if (t.unstated.length > 0 && risk.threats[index]?.standing === 'open') asking.push(t);
    if (t.confidence === 'baseline') {
      baselineAll++;
      continue;
    }
    const c = t.category ?? 'uncategorized';
    byCategory.set(c, (byCategory.get(c) ?? 0) + 1);
    byStatus.set(t.status, (byStatus.get(t.status) ?? 0) + 1);
    if (t.source !== 'manual') derived++;
  }
  const { open, baseline } = risk.posture;
  const questions = collectQuestions(asking);
  let elements = 0;
  for (let k = 0; k < graph.components.length; k++) if (!(graph.components[k] as ComponentNode).outOfScope) elements++;
  for (let k = 0; k < graph.flows.length; k++) if (!(graph.flows[k] as FlowNode).outOfScope) elements++;
  const ruleById = new Map(allRules.map((r) => [r.id, r]));
  const rules: Record<string, RuleInfo> = {};
  for (const id of [...used].sort()) {
    const r = ruleById.get(id);
    if (r) rules[id] = info(r, customIds.has(id));
  }

  return {
    version: ANALYSIS_FORMAT_VERSION,
    system: model.system.name,
    threats,
    questions,
    counts: {
      threats: threats.length - baselineAll,
      derived,
      manual: threats.length - baselineAll - derived,
      open: open.total,
      baseline: baseline.total,
      byCategory: sortedRecord(byCategory),
      byStatus: sortedRecord(byStatus),
      byBand: { critical: open.critical, high: open.high, medium: open.medium, low: open.low },
      unrated: open.unrated,
      questions: questions.length,
      elements,
      derivedPerElement: elements === 0 ? 0 : Math.round((derived / elements) * 100) / 100,
    },
    rules,
    issues,
    risk,
    attackTrees: analyzeAttackTrees(model.attack_trees, risk),
  };
}
