/**
 * The rule API. A rule is one file exporting `defineRule({ id, meta, messages, check })`.
 * Rules report facts; the engine formats text, adjusts likelihood and impact, attaches the
 * fingerprint and turns unstated properties into questions.
 */
import type { z } from 'zod';
import type { ReferencesSchema } from '../model/schema.js';
import type { Model, ThreatCategory } from '../model/types.js';
import type { ComponentNode, ElementNode, FlowNode, GraphIndex, Sensitivity } from '../graph/index.js';
import type { Capability } from '../taxonomy/capabilities.js';
import type { ElementKindName, PropertyValue } from '../taxonomy/properties.js';

export type References = z.infer<typeof ReferencesSchema>;

/** A 1–5 scale (1 rare/negligible … 5 almost certain/severe). */
export type Scale = 1 | 2 | 3 | 4 | 5;

export interface RuleMitigation {
  readonly title: string;
  /** How we know it is done. */
  readonly acceptance: string;
  /** A test that proves it. */
  readonly verification: string;
}

export interface RuleMeta {
  readonly title: string;
  readonly category: ThreatCategory;
  /** Element kinds and/or capabilities it looks at, for the catalogue: e.g. ['process', 'web-application']. */
  readonly appliesTo: readonly (ElementKindName | Capability)[];
  readonly description: string;
  readonly references: References;
  readonly defaults: { readonly likelihood: Scale; readonly impact: Scale };
  readonly mitigations: readonly RuleMitigation[];
  /** When it fires although nothing is wrong, and how to tell. */
  readonly falsePositives?: readonly string[];
  /** Set false to keep likelihood/impact from moving with exposure or data sensitivity. */
  readonly adjust?: { readonly exposure?: boolean; readonly sensitivity?: boolean };
  /** Properties whose answer would change a finding; listed in the catalogue. */
  readonly properties?: readonly string[];
  /**
   * What its findings depend on. `neighbourhood` (the default): the elements they name and what lies
   * within two flows of them, so the editor's incremental analysis re-runs it only around an edit.
   * `system`: anything in the model (e.g. "is there any component of this kind"), so it always runs in full.
   */
  readonly scope?: 'neighbourhood' | 'system';
  /**
   * `baseline`: a generic STRIDE entry asked where the model says nothing about a category's controlling
   * fact, not a specific threat. Its findings have confidence `baseline` (while they rest only on unstated
   * facts), are never rated above medium, and are dropped where a specific rule of the same category
   * reports on the same element or one of the flows it lists.
   */
  readonly tier?: 'baseline';
  /**
   * For a baseline rule whose question is about each flow it lists (is its sender authenticated, is it
   * encrypted): a specific finding about the element does not answer it, so the entry gives way only
   * where specific findings of its category cover every one of those flows.
   */
  readonly asksAboutFlows?: boolean;
}

/** Something the rule relied on. `text` is produced by the engine's helpers, never by the rule. */
export interface Fact {
  readonly kind: 'fact';
  readonly subject: string;
  readonly key: string;
  readonly value: PropertyValue | null;
  readonly text: string;
}

/** A property the rule needed but the model does not state: becomes a question. */
export interface Unstated {
  readonly kind: 'unstated';
  readonly subject: string;
  readonly key: string;
  /** The answer that would make the finding go away. */
  readonly safe: PropertyValue;
  readonly question: string;
}

export type Evidence = Fact | Unstated;

export interface ReportDescriptor<M extends string> {
  /** The element(s) the finding is about; their ids, in this order, form the fingerprint. */
  readonly element?: ElementNode;
  readonly elements?: readonly ElementNode[];
  /**
   * Flows the finding also names, after its elements, that are not part of its fingerprint: a
   * baseline entry lists the flows that enter its element, and a new flow must not make it a new finding.
   */
  readonly via?: readonly FlowNode[];
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Evidence from the context's helpers; `undefined` entries are skipped so helpers can be passed directly. */
  readonly facts: readonly (Evidence | undefined)[];
  readonly unstated?: readonly Unstated[];
  /** Assets involved, when the rule knows better than "everything the elements touch". */
  readonly assets?: readonly string[];
}

export interface RuleContext<M extends string = string> {
  readonly model: Model;
  readonly graph: GraphIndex;
  /** In-scope components and flows (out-of-scope ones are never reported). */
  readonly components: readonly ComponentNode[];
  readonly flows: readonly FlowNode[];
  /** In-scope components that have the capability. */
  withCapability(capability: Capability): readonly ComponentNode[];
  has(el: ElementNode, capability: Capability): boolean;
  prop(el: ElementNode, key: string): PropertyValue | undefined;

  /** Evidence: "C2 Web is web-application (type web-app)". */
  capability(el: ElementNode, capability: Capability): Fact | undefined;
  /** Evidence: the stated value of a property, or undefined when not stated. */
  property(el: ElementNode, key: string): Fact | undefined;
  /**
   * Evidence that a safeguard is missing: a Fact when the unsafe value is stated (`csrf_protection: false`,
   * `verbose_errors: true`), an Unstated when nothing is stated, undefined when the safe value is stated.
   */
  gap(el: ElementNode, key: string): Fact | Unstated | undefined;
  /** Evidence that the element is reachable from the internet (or the flow comes from an untrusted element). */
  exposure(el: ElementNode): Fact | undefined;
  /** Evidence that the internet reaches the component, directly or through other components ("C3 is reached from the internet through F6 from Web app (C2)"). */
  reach(el: ComponentNode): Fact | undefined;
  /** Evidence that a flow crosses a trust boundary (optionally only from lower to higher trust). */
  crossing(flow: FlowNode, direction?: 'lower-to-higher' | 'higher-to-lower'): Fact | undefined;
  /** Evidence that the element carries, processes or stores an asset at least this sensitive (0 public … 4 secret). */
  sensitiveData(el: ElementNode, atLeast: Sensitivity): Fact | undefined;
  /**
   * For rules that apply only to sensitive data: a Fact when the element's data is at least this
   * sensitive, undefined when what it holds is known and less sensitive, and, when the model says
   * nothing about its data (no assets, no `data_sensitivity`), the question "What data does X hold?"
   * (one per element, shared by every rule that asks, so one answer settles them all).
   */
  dataAtLeast(el: ElementNode, atLeast: Sensitivity): Fact | Unstated | undefined;
  /** Evidence: a flow's endpoints, "F3 goes from C1 Browser to C2 Web". */
  route(flow: FlowNode): Fact;
  /** Evidence of any other fact: rendered as "subject key: value". */
  fact(subject: ElementNode, key: string, value: PropertyValue): Fact;

  report(descriptor: ReportDescriptor<M>): void;
}

export interface Rule<M extends string = string> {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly messages: Readonly<Record<M, string>>;
  check(ctx: RuleContext<M>): void;
}

/** A rule of any message set, as stored in registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/**
 * `confirmed`: the stated facts establish it; `possible`: it rests on an unstated property (a question);
 * `baseline`: a generic entry of the baseline tier resting only on unstated facts (see RuleMeta.tier).
 */
export type Confidence = 'confirmed' | 'possible' | 'baseline';

/**
 * A derived threat: what a rule found, with its reasons.
 *
 * The engine's findings, and the facts and questions it makes, word their sentences (`message`,
 * `closesWhen`, a fact's `text`, a question's `text`) the first time they are read, and write them
 * in JSON. Read them as properties or serialise them; a spread copy (`{ ...finding }`) or
 * `Object.keys` leaves the worded fields out.
 */
export interface Finding {
  /** `<rule-id>@<element ids joined by +>`: stable across runs and edits elsewhere. */
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly title: string;
  readonly category: ThreatCategory;
  /** Which of the rule's messages it used. */
  readonly messageId: string;
  readonly message: string;
  readonly elements: readonly string[];
  readonly assets: readonly string[];
  readonly likelihood: Scale;
  readonly impact: Scale;
  readonly defaults: { readonly likelihood: Scale; readonly impact: Scale };
  /** Why likelihood/impact moved from the defaults. */
  readonly adjustments: readonly string[];
  readonly facts: readonly Fact[];
  readonly unstated: readonly Unstated[];
  /** `possible` when it rests on unstated properties and the model states no gap of it; `baseline` for the baseline tier's entries. */
  readonly confidence: Confidence;
  /** Property values that would close the finding: the safe value of each stated gap and of each unstated property. */
  readonly closesWhen: readonly { readonly subject: string; readonly key: string; readonly value: PropertyValue }[];
}

export interface Question {
  /** `<element id>.<property>`. */
  readonly id: string;
  readonly subject: string;
  readonly key: string;
  readonly text: string;
  /** The answer that would close the findings. */
  readonly safe: PropertyValue;
  /** Fingerprints of the findings the answer would change. */
  readonly affects: readonly string[];
}
