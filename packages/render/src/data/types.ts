/**
 * What every renderer reads: the model plus the threats as people see them (manual threats and
 * derived findings merged with the decisions recorded in the model), scored. Renderers never
 * look anywhere else, so they stay pure functions of this data.
 */
import type { History, Mitigation, Model, Posture, SourceLocation, Standing, ThreatCategory, ThreatStatus } from '@threatwright/core';
import type { Band } from '../diagrams/graph.js';

export interface ThreatView {
  /** Display id: `T1` for a manual threat, the fingerprint for a derived one. */
  id: string;
  /** Stable identity: the fingerprint (`rule@C1+F2`) of a derived threat, the id of a manual one. */
  fingerprint: string;
  source: 'manual' | 'derived';
  /** Rule id for derived threats; `manual` otherwise. */
  ruleId: string;
  title: string;
  description: string;
  category: ThreatCategory | undefined;
  elements: string[];
  assets: string[];
  likelihood: number | undefined;
  impact: number | undefined;
  score: number | undefined;
  band: Band | undefined;
  /** After the mitigations that are implemented or verified (and those planned, for "planned residual"). */
  residual: { likelihood: number; impact: number; score: number; band: Band } | undefined;
  status: ThreatStatus;
  /**
   * Where it stands for every count (core's standing): open, mitigated (with an implemented
   * mitigation), accepted or transferred (a response in force), or dismissed.
   */
  standing: Standing;
  owner: string | undefined;
  identified: string | undefined;
  mitigations: Mitigation[];
  references: string[];
  justification: string | undefined;
  acceptedBy: string | undefined;
  expires: string | undefined;
  ticket: string | undefined;
  /** Where in the model file it is declared (a manual threat or a decision), else where its first element is. */
  path: (string | number)[];
  /**
   * `confirmed` (stated facts, and every manual threat), `possible` (rests on an unstated property) or
   * `baseline`: an entry of the baseline tier, a STRIDE question the model does not answer yet about the
   * first of its elements (the others are the flows that enter it). Reports list baseline entries apart.
   */
  confidence: 'confirmed' | 'possible' | 'baseline';
  /** The questions whose answers would confirm or close it (its unstated properties). */
  questions: string[];
  /** Why it was found: the facts the rule relied on, worded as the terminal shows them ("F3 crosses …"). */
  facts: string[];
  /** The property values that would close it, each as `C2 csrf_protection: true`. */
  closesWhen: string[];
  /** The rule's CWE entries (`CWE-352`); none for a manual threat. */
  cwe: string[];
  /** The rule's CAPEC attack patterns (`CAPEC-62`); none for a manual threat. */
  capec: string[];
}

export interface QuestionView {
  id: string;
  subject: string;
  text: string;
  /** Fingerprints of the threats the answer would change (none for an assumption). */
  affects: string[];
}

/** Rule metadata for SARIF and the appendix. */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  category: ThreatCategory | undefined;
  cwe: string[];
  /** CAPEC attack patterns (`CAPEC-62`). */
  capec: string[];
  helpUri: string | undefined;
  /** What the rule suggests doing, with how to accept and verify it. */
  mitigations: { title: string; acceptance: string; verification: string }[];
}

export interface ReportMeta {
  /** The model file as given, relative to the repository root when known (SARIF uses it). */
  file: string;
  /** YYYY-MM-DD: the report's date. */
  date: string;
  /** `git describe`/commit of the model, when known. */
  revision: string | undefined;
  toolVersion: string;
}

export interface ReportData {
  model: Model;
  threats: ThreatView[];
  questions: QuestionView[];
  rules: RuleInfo[];
  meta: ReportMeta;
  scoringMethod: string;
  /** Source position of a path in the model, for SARIF locations. */
  locate: (path: readonly (string | number)[]) => SourceLocation | undefined;
  /** How many threats stand where, by residual band: core's posture, the numbers every output shows. */
  posture: Posture;
  /** From the risk assessment, when there is one: each mitigation's test verdict and schedule. */
  mitigationState: ReadonlyMap<string, MitigationState>;
  /**
   * The model's history from git (revisions, trends, time to remediate), given by `report --history`;
   * absent otherwise. With it the reports add a Trend section and the revision history.
   */
  history?: History;
}

export interface MitigationState {
  implemented: boolean;
  overdue: boolean;
  daysOverdue: number | undefined;
  /** verified | failed | unverified | no-tests | not-checked */
  verification: string;
  /** "2 of 2 tests passed", "… failed: expected 429, got 200". */
  summary: string | undefined;
}

/** Still to act on (standing `open`): what every output counts as open. */
export const isOpen = (t: Pick<ThreatView, 'standing'>): boolean => t.standing === 'open';
/** A baseline entry: a question the model does not answer yet, not a threat (see ThreatView.confidence). */
export const isBaseline = (t: Pick<ThreatView, 'confidence'>): boolean => t.confidence === 'baseline';
