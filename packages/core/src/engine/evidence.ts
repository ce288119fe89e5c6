/**
 * The evidence the engine's helpers hand to rules: facts ("F3 crosses a trust boundary…") and
 * unstated properties (which become questions).
 *
 * A large model yields hundreds of thousands of pieces of evidence, and most of their sentences are
 * never shown: the terminal summary prints ten threats, the editor the rows on screen. So each piece
 * keeps what its sentence is made of and words it the first time `text` (or `question`) is read;
 * `toJSON` writes the same object a plain literal would, sentence included, in the same key order.
 * Each piece also knows, once asked, which property value would close a finding that cites it.
 */
import { capabilitySource, SENSITIVITY_NAMES, type AssetNode, type ComponentNode, type ElementNode, type FlowNode, type GraphIndex } from '../graph/index.js';
import { PROPERTIES, type PropertySpec, type PropertyValue } from '../taxonomy/properties.js';
import type { Evidence, Fact, Unstated } from './types.js';

/** A property value that would close a finding. */
export interface Closing {
  readonly subject: string;
  readonly key: string;
  readonly value: PropertyValue;
}

export function labelOf(el: ElementNode): string {
  if (el.type === 'component') return el.component.name === el.id ? el.id : `${el.component.name} (${el.id})`;
  const s = el.source ? el.source.component.name : el.flow.from;
  const t = el.target ? el.target.component.name : el.flow.to;
  return `${el.flow.label ? `"${el.flow.label}" ` : ''}${s} → ${t} (${el.id})`;
}

function show(v: PropertyValue | null): string {
  return typeof v === 'string' ? v : String(v);
}

function boundaryName(graph: GraphIndex, c: ComponentNode | undefined): string {
  const id = c?.boundaries[0];
  if (id === undefined) return 'outside any boundary';
  const b = graph.boundaries.get(id);
  return b ? `${b.boundary.name} (${id})` : id;
}

/** The question about one property of one element: the catalogue's (or the model's declared) wording, else a plain one. */
export function questionFor(key: string, label: string, spec: PropertySpec | undefined = PROPERTIES.get(key)): string {
  if (spec) return spec.question.replace('{{subject}}', label);
  return `Is "${key}" true for ${label}?`;
}

/** How a fact is worded. */
export const enum Wording {
  /** "C2 csrf_protection: false" (and "(protocol http)" when the protocol implies an encryption value). */
  Stated,
  /** "C2 key: value", for `ctx.fact`. */
  Plain,
  /** "Web (C2) is reachable from the internet (internet_facing: true)". */
  ExposedComponent,
  /** "F1 comes from Browser (C1), an untrusted element (trust 0)". */
  UntrustedSource,
  /** "F1 reaches Web (C2) from outside the system". */
  FromOutside,
  /** "Web (C2) is web-application (type web-app)", saying where the capability came from. */
  Capability,
  /** "DB (C3) is reached from the internet through F2 → F5 from Browser (C1)"; `arg` is the path and origin. */
  Reach,
  /** "F3 crosses a trust boundary from trust 0 (Internet (B0)) to trust 50 (DMZ (B1))"; `arg` is the graph. */
  Crossing,
  /** "C3 stores Card data (A2), restricted"; `arg` is the asset. */
  Sensitive,
  /** "F3 goes from Browser (C1) to Web (C2)". */
  Route,
}

function word(how: Wording, el: ElementNode, key: string, value: PropertyValue | null, arg: unknown): string {
  switch (how) {
    case Wording.Stated: {
      const implied = el.type === 'flow' && key === 'encrypted' && el.encryptedSource === 'protocol' ? ` (protocol ${el.flow.protocol ?? ''})` : '';
      return `${el.id} ${key}: ${show(value)}${implied}`;
    }
    case Wording.Plain:
      return `${el.id} ${key}: ${show(value)}`;
    case Wording.ExposedComponent:
      return `${labelOf(el)} is reachable from the internet (${(el as ComponentNode).exposureReason ?? ''})`;
    case Wording.UntrustedSource: {
      const source = (el as FlowNode).source as ComponentNode;
      return `${el.id} comes from ${labelOf(source)}, an untrusted element (trust ${source.trust})`;
    }
    case Wording.FromOutside:
      return `${el.id} reaches ${labelOf((el as FlowNode).target as ComponentNode)} from outside the system`;
    case Wording.Capability: {
      const via = el.type === 'component' ? capabilitySource(el, show(value)) : `protocol ${el.flow.protocol ?? ''}`;
      return `${labelOf(el)} is ${show(value)}${via ? ` (${via})` : ''}`;
    }
    case Wording.Reach: {
      const { path, origin } = arg as { path: readonly string[]; origin: ComponentNode | undefined };
      return `${labelOf(el)} is reached from the internet through ${path.join(' → ')} from ${origin ? labelOf(origin) : 'the internet'}`;
    }
    case Wording.Crossing: {
      const f = el as FlowNode;
      const graph = arg as GraphIndex;
      const across = f.crosses.map((id) => {
        const b = graph.boundaries.get(id);
        return b ? `${b.boundary.name} (${id}${b.trustKnown ? `, trust ${b.trust}` : ''})` : id;
      });
      // Only a boundary drawn across it: say that, and the trust only where it changes.
      if (f.exits.length + f.enters.length === 0) {
        const trust = f.arrivesFrom !== f.targetTrust ? `, from trust ${f.arrivesFrom} to trust ${f.targetTrust}` : '';
        return `${f.id} crosses ${across.join(', ')}, drawn across it${trust}`;
      }
      return `${f.id} crosses a trust boundary from trust ${f.sourceTrust} (${boundaryName(graph, f.source)}) to trust ${f.targetTrust} (${boundaryName(graph, f.target)})${across.length > 0 ? ` across ${across.join(', ')}` : ''}`;
    }
    case Wording.Sensitive: {
      const a = arg as AssetNode;
      return `${el.id} ${key} ${a.asset.name} (${a.id}), ${SENSITIVITY_NAMES[a.sensitivity] ?? 'unknown'}`;
    }
    case Wording.Route: {
      const f = el as FlowNode;
      return `${f.id} goes from ${f.source ? labelOf(f.source) : f.flow.from} to ${f.target ? labelOf(f.target) : f.flow.to}`;
    }
  }
}

/** A fact made by the engine's helpers: worded when first read. */
export class EngineFact implements Fact {
  readonly kind = 'fact' as const;
  readonly subject: string;
  readonly key: string;
  readonly value: PropertyValue | null;
  #text: string | undefined;
  #closing: Closing | null | undefined;
  #el: ElementNode | undefined;
  readonly #how: Wording;
  #arg: unknown;

  constructor(el: ElementNode, key: string, value: PropertyValue | null, how: Wording, arg?: unknown) {
    this.subject = el.id;
    this.key = key;
    this.value = value;
    this.#el = el;
    this.#how = how;
    this.#arg = arg;
  }

  get text(): string {
    return (this.#text ??= word(this.#how, this.#el as ElementNode, this.key, this.value, this.#arg));
  }

  /** Words the text now and lets go of the graph it was read from (see `settle`). */
  settle(): void {
    if (this.#el === undefined) return;
    this.#text ??= word(this.#how, this.#el, this.key, this.value, this.#arg);
    this.#el = undefined;
    this.#arg = undefined;
  }

  /** The safe value when this fact states a gap (`csrf_protection: false`), else null. */
  closing(): Closing | null {
    if (this.#closing === undefined) {
      const safe = PROPERTIES.get(this.key)?.safe;
      this.#closing = safe !== undefined && typeof this.value === 'boolean' && this.value !== safe ? { subject: this.subject, key: this.key, value: safe } : null;
    }
    return this.#closing;
  }

  toJSON(): Fact {
    return { kind: this.kind, subject: this.subject, key: this.key, value: this.value, text: this.text };
  }
}

/** A property the rule needed and the model does not state: asked as a question when first read. */
export class EngineUnstated implements Unstated {
  readonly kind = 'unstated' as const;
  readonly subject: string;
  readonly key: string;
  readonly safe: PropertyValue;
  #question: string | undefined;
  #closing: Closing | undefined;
  #el: ElementNode | undefined;
  /** The property as the run's model knows it (the catalogue's, or declared by the model), for the question's words. */
  #spec: PropertySpec | undefined;
  /** A token of the rule run that made it (a run makes one per element and property); it holds nothing. */
  readonly #run: object;
  /** The collection of questions that last noted this one's place in its list, and the place. */
  #round: object | undefined;
  #place = -1;

  constructor(el: ElementNode, key: string, safe: PropertyValue, run: object, spec: PropertySpec | undefined = PROPERTIES.get(key)) {
    this.subject = el.id;
    this.key = key;
    this.safe = safe;
    this.#el = el;
    this.#spec = spec;
    this.#run = run;
  }

  /** The token of the rule run that made it (within one run, no other piece of evidence asks about the same element and property). */
  get run(): object {
    return this.#run;
  }

  /** Where the collection `round` (any token object) put the question this asks, or -1. */
  placeIn(round: object): number {
    return this.#round === round ? this.#place : -1;
  }

  /** Notes where the collection `round` put the question this asks: only a place, so nothing is kept alive. */
  place(round: object, at: number): void {
    this.#round = round;
    this.#place = at;
  }

  get question(): string {
    return (this.#question ??= questionFor(this.key, labelOf(this.#el as ElementNode), this.#spec));
  }

  settle(): void {
    if (this.#el === undefined) return;
    this.#question ??= questionFor(this.key, labelOf(this.#el), this.#spec);
    this.#el = undefined;
    this.#spec = undefined;
  }

  closing(): Closing {
    return (this.#closing ??= { subject: this.subject, key: this.key, value: this.safe });
  }

  toJSON(): Unstated {
    return { kind: this.kind, subject: this.subject, key: this.key, safe: this.safe, question: this.question };
  }
}

/**
 * Words a finding's evidence now, so that it no longer holds the graph it came from. The editor's
 * incremental analysis keeps findings across many versions of a model; without this, each kept
 * finding would keep its version's graph alive.
 */
export function settle(evidence: readonly Evidence[]): void {
  for (let k = 0; k < evidence.length; k++) {
    const e = evidence[k];
    if (e instanceof EngineFact || e instanceof EngineUnstated) e.settle();
  }
}

/** What would close a finding that cites this evidence: the safe value of a stated gap or of an unstated property. */
export function closingOf(e: Evidence): Closing | null {
  if (e instanceof EngineFact || e instanceof EngineUnstated) return e.closing();
  // Evidence a rule built by hand: worked out each time.
  if (e.kind === 'unstated') return { subject: e.subject, key: e.key, value: e.safe };
  const safe = PROPERTIES.get(e.key)?.safe;
  return safe !== undefined && typeof e.value === 'boolean' && e.value !== safe ? { subject: e.subject, key: e.key, value: safe } : null;
}
