/**
 * The graph index: everything rules ask about the data-flow diagram, computed once per model.
 *
 * Trust: boundaries carry trust 0–100 (levels: untrusted 0, low 25, medium 50, high 75, trusted 100).
 * A boundary without a stated trust inherits its parent's; a top-level one without trust is 50.
 * An element's trust is that of its innermost boundary. Clients (external entities, people, browsers
 * and client apps, whatever their kind) are untrusted (0) unless a boundary around them states a trust:
 * a boundary drawn without one says where they are, not that they are trusted. Processes and data
 * stores outside every boundary are 50 (the system's own zone).
 *
 * Crossings: a flow crosses the boundaries it leaves and enters, and those listed in its `crosses`
 * (a boundary drawn as a line or curve across it, which encloses neither end).
 *
 * Exposure: a component is internet-facing when `internet_facing: true`, or — unless it says
 * `internet_facing: false` — when it receives a flow from an untrusted (trust 0) element. Clients
 * are never internet-facing servers: their exposure is `external`.
 *
 * Asset reach: a flow carries its `data`; a component processes its `assets.processed` and, if it is a
 * process, what its flows carry; a data store stores its `assets.stored` and what flows into it.
 */
import { own, type Writable } from '../data.js';
import type { Asset, Boundary, Classification, Component, Flow, Model } from '../model/types.js';
import type { Issue } from '../issues.js';
import { buildTaxonomy, builtinTaxonomy, KIND_CAPABILITIES, type ResolvedEntry, type Taxonomy } from '../taxonomy/capabilities.js';
import { PROPERTIES, type PropertyValue } from '../taxonomy/properties.js';

export const TRUST_LEVELS = { untrusted: 0, low: 25, medium: 50, high: 75, trusted: 100 } as const;
export const DEFAULT_TRUST = 50;
export const EXTERNAL_TRUST = 0;
/** At or below this trust a source counts as "the internet" for exposure. */
export const UNTRUSTED_TRUST = 0;

/** 0 public … 4 secret; -1 when nothing is known. */
export type Sensitivity = -1 | 0 | 1 | 2 | 3 | 4;
export const SENSITIVITY_NAMES: readonly string[] = ['public', 'internal', 'confidential', 'restricted', 'secret'];
const CLASSIFICATION_RANK: Record<Classification, Sensitivity> = { public: 0, internal: 1, confidential: 2, restricted: 3, secret: 4 };
const SENSITIVE_ASSET_TYPES: Record<string, Sensitivity> = {
  credentials: 3, password: 3, 'session-token': 3, token: 3, secret: 4, key: 4, 'payment-card': 3, health: 3, 'personal-data': 2, pii: 2,
};

export interface AssetNode {
  readonly id: string;
  readonly asset: Asset;
  readonly sensitivity: Sensitivity;
}

export interface BoundaryNode {
  readonly id: string;
  readonly boundary: Boundary;
  readonly trust: number;
  readonly trustStated: boolean;
  /** It or a boundary around it states a trust. */
  readonly trustKnown: boolean;
  /** Itself first, then its parents outwards. */
  readonly ancestry: readonly string[];
}

export type Exposure = 'internet' | 'internal' | 'external';

export interface ComponentNode {
  readonly type: 'component';
  readonly id: string;
  /** Position among the graph's elements (components first, then flows), for per-element tables. */
  readonly ordinal: number;
  readonly component: Component;
  readonly kind: Component['kind'];
  /** Innermost boundary first. Empty when outside every boundary. */
  readonly boundaries: readonly string[];
  readonly trust: number;
  readonly capabilities: ReadonlySet<string>;
  /** The resolved taxonomy type, when the type is known. */
  readonly typeEntry: ResolvedEntry | undefined;
  readonly in: FlowNode[];
  readonly out: FlowNode[];
  readonly exposure: Exposure;
  /** Why it is exposed: the property, or the untrusted flow that reaches it. */
  readonly exposureReason: string | undefined;
  readonly carried: ReadonlySet<string>;
  readonly processed: ReadonlySet<string>;
  readonly stored: ReadonlySet<string>;
  /**
   * The flow through which the internet reaches it, directly or through other components (following
   * flows in their direction from untrusted elements and internet-facing components); undefined when unreachable.
   * Internet-facing components have `reachedVia` undefined and `reachable` true.
   */
  readonly reachable: boolean;
  readonly reachedVia: FlowNode | undefined;
  /** Highest sensitivity among carried, processed and stored assets. */
  readonly sensitivity: Sensitivity;
  readonly outOfScope: boolean;
  /** An external entity, person, browser or client app: untrusted unless a boundary around it says otherwise, never a server. */
  readonly client: boolean;
  /** The component's `properties`, as a map: rules read them far more often than anything else. */
  readonly props: ReadonlyMap<string, PropertyValue>;
}

export type TrustDirection = 'lower-to-higher' | 'higher-to-lower' | 'same-trust' | 'none';

export interface FlowNode {
  readonly type: 'flow';
  readonly id: string;
  /** Position among the graph's elements (components first, then flows), for per-element tables. */
  readonly ordinal: number;
  readonly flow: Flow;
  readonly source: ComponentNode | undefined;
  readonly target: ComponentNode | undefined;
  /** Boundaries the flow leaves (innermost first) and enters (outermost first). */
  readonly exits: readonly string[];
  readonly enters: readonly string[];
  /** Boundaries drawn across the flow (its `crosses`): they enclose neither end. */
  readonly crosses: readonly string[];
  readonly crossesBoundary: boolean;
  readonly direction: TrustDirection;
  readonly sourceTrust: number;
  readonly targetTrust: number;
  /** The lowest trust the data passes through on its way: its source's, or a less trusted boundary drawn across it. */
  readonly arrivesFrom: number;
  /** Capabilities of its protocol. */
  readonly capabilities: ReadonlySet<string>;
  /** `true`/`false` from the `encrypted` field, else what the protocol implies, else undefined. */
  readonly encrypted: boolean | undefined;
  readonly encryptedSource: 'field' | 'protocol' | undefined;
  readonly assets: readonly string[];
  readonly sensitivity: Sensitivity;
  readonly outOfScope: boolean;
  /** The flow's `properties`, as a map (flow fields such as `authentication` are read by `readProperty`). */
  readonly props: ReadonlyMap<string, PropertyValue>;
}

export type ElementNode = ComponentNode | FlowNode;

export interface GraphIndex {
  readonly model: Model;
  readonly taxonomy: Taxonomy;
  readonly components: readonly ComponentNode[];
  readonly flows: readonly FlowNode[];
  readonly boundaries: ReadonlyMap<string, BoundaryNode>;
  readonly assets: ReadonlyMap<string, AssetNode>;
  /** Components and flows by id. */
  readonly byId: ReadonlyMap<string, ElementNode>;
  component(id: string): ComponentNode | undefined;
  flow(id: string): FlowNode | undefined;
  /** Components that have the capability (cached per capability). */
  withCapability(capability: string): readonly ComponentNode[];
  /** Problems found while indexing (taxonomy cycles, unknown references): the loader reports most of these first. */
  readonly issues: readonly Issue[];
}

export function assetSensitivity(a: Asset): Sensitivity {
  let s: number = a.classification ? CLASSIFICATION_RANK[a.classification] : -1;
  const lv = { low: 1, medium: 2, high: 3 } as const;
  if (a.confidentiality) s = Math.max(s, lv[a.confidentiality]);
  if (a.personal_data === true) s = Math.max(s, 2);
  if (a.special_category === true || a.privacy === 'high') s = Math.max(s, 3);
  const byType = a.type ? own(SENSITIVE_ASSET_TYPES, a.type) : undefined;
  if (byType !== undefined && !a.classification) s = Math.max(s, byType);
  return s as Sensitivity;
}

function trustValue(t: Boundary['trust']): number | undefined {
  if (t === undefined) return undefined;
  return typeof t === 'number' ? t : TRUST_LEVELS[t];
}

/** Reads a property of a component or flow, including the flow fields listed in the catalogue. */
export function readProperty(el: ElementNode, key: string): PropertyValue | undefined {
  if (el.type === 'flow') {
    const spec = PROPERTIES.get(key);
    if (spec?.field) {
      if (spec.field === 'encrypted') return el.encrypted;
      const v = el.flow[spec.field];
      if (v !== undefined) return v;
    }
  }
  return el.props.get(key);
}

/** Where a component's capability came from: `internet_facing: true`, `kind process`, `type postgres → database`. */
export function capabilitySource(c: ComponentNode, capability: string): string | undefined {
  if (!c.capabilities.has(capability)) return undefined;
  const props = c.component.properties;
  if (props) {
    for (const key in props) if (props[key] === true && PROPERTIES.get(key)?.capability === capability) return `${key}: true`;
  }
  if (KIND_CAPABILITIES[c.kind].includes(capability)) return `kind ${c.kind}`;
  if (c.typeEntry?.capabilities.has(capability)) return `type ${c.typeEntry.chain.join(' → ')}`;
  return undefined;
}

const NO_PROPERTIES: ReadonlyMap<string, PropertyValue> = new Map();

/** Property objects come in as many shapes as there are combinations of keys; a Map reads them all at one speed. */
function propertyMap(props: Readonly<Record<string, PropertyValue>> | undefined): ReadonlyMap<string, PropertyValue> {
  if (!props) return NO_PROPERTIES;
  const m = new Map<string, PropertyValue>();
  for (const key in props) {
    const v = props[key];
    if (v !== undefined) m.set(key, v);
  }
  return m;
}

/** What `data_sensitivity` says (0 public … 4 secret), -1 when it is not stated or not one of those. */
export function statedSensitivity(props: ReadonlyMap<string, PropertyValue>): number {
  const v = props.get('data_sensitivity');
  return typeof v === 'string' ? SENSITIVITY_NAMES.indexOf(v) : -1;
}

/** Capabilities that make a component a client of the system rather than a part of it. */
const CLIENT_CAPABILITIES: readonly string[] = ['is-external', 'is-human', 'is-browser', 'is-client-app'];

function isClient(caps: ReadonlySet<string>): boolean {
  for (let k = 0; k < CLIENT_CAPABILITIES.length; k++) if (caps.has(CLIENT_CAPABILITIES[k] as string)) return true;
  return false;
}

export function buildGraph(model: Model, options: { taxonomy?: Taxonomy } = {}): GraphIndex {
  const issues: Issue[] = [];
  const taxonomy = options.taxonomy ?? (model.taxonomy ? buildTaxonomy(model.taxonomy, issues) : builtinTaxonomy());

  // Boundaries with effective trust and ancestry.
  const rawBoundaries = new Map<string, Boundary>();
  for (const b of model.boundaries ?? []) rawBoundaries.set(b.id, b);
  const boundaries = new Map<string, BoundaryNode>();
  // Each boundary is resolved by walking up its parents (a loop, not recursion: a chain may be long),
  // then building the nodes from the outermost one found back down. A parent met twice on one walk
  // closes a cycle: it is reported, and the boundary below it is treated as having no parent.
  const chain: string[] = [];
  const onChain = new Set<string>();
  for (const start of rawBoundaries.keys()) {
    if (boundaries.has(start)) continue;
    chain.length = 0;
    onChain.clear();
    let cur: string | undefined = start;
    while (cur !== undefined && !boundaries.has(cur) && rawBoundaries.has(cur) && !onChain.has(cur)) {
      chain.push(cur);
      onChain.add(cur);
      cur = rawBoundaries.get(cur)?.parent;
    }
    let parent: BoundaryNode | undefined = cur === undefined ? undefined : boundaries.get(cur);
    if (cur !== undefined && onChain.has(cur)) {
      issues.push({ code: 'boundary-cycle', severity: 'error', message: `boundary ${cur} is its own ancestor`, path: ['boundaries'], subject: cur, hint: 'Fix the "parent" links so boundaries nest.' });
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const id = chain[k] as string;
      const b = rawBoundaries.get(id) as Boundary;
      const stated = trustValue(b.trust);
      const node: BoundaryNode = {
        id,
        boundary: b,
        trust: stated ?? parent?.trust ?? DEFAULT_TRUST,
        trustStated: stated !== undefined,
        trustKnown: stated !== undefined || parent?.trustKnown === true,
        ancestry: parent ? [id, ...parent.ancestry] : [id],
      };
      boundaries.set(id, node);
      parent = node;
    }
  }

  const assets = new Map<string, AssetNode>();
  for (const a of model.assets ?? []) assets.set(a.id, { id: a.id, asset: a, sensitivity: assetSensitivity(a) });
  // buildGraph runs once per analysis, mostly before the optimiser has compiled it: indexed loops and
  // forEach here, because a for-of in unoptimised code allocates an iterator result per step.
  const sensOfList = (ids: readonly string[]): number => {
    let s = -1;
    for (let k = 0; k < ids.length; k++) {
      const n = assets.get(ids[k] as string);
      if (n && n.sensitivity > s) s = n.sensitivity;
    }
    return s;
  };
  let sensMax = -1;
  const raiseSens = (id: string): void => {
    const n = assets.get(id);
    if (n && n.sensitivity > sensMax) sensMax = n.sensitivity;
  };
  const sensOfSet = (ids: ReadonlySet<string>): number => {
    sensMax = -1;
    ids.forEach(raiseSens);
    return sensMax;
  };

  // Components (mutable while building).
  type MutableComponent = Writable<ComponentNode> & { processed: Set<string>; stored: Set<string>; carried: Set<string> };
  const components: MutableComponent[] = [];
  const byId = new Map<string, ElementNode>();
  const EMPTY: string[] = [];
  /** Capability sets shared by every component of the same kind and type, and the same changes by properties. */
  const baseCaps = new Map<string, Set<string>>();
  const modelComponents = model.components ?? [];
  for (let ci = 0; ci < modelComponents.length; ci++) {
    const c = modelComponents[ci] as Component;
    const b = c.boundary !== undefined ? boundaries.get(c.boundary) : undefined;
    const type = taxonomy.type(c.type);
    const baseKey = `${c.kind}\u0000${type?.name ?? ''}`;
    let caps = baseCaps.get(baseKey);
    if (!caps) {
      caps = new Set<string>(KIND_CAPABILITIES[c.kind]);
      if (type) for (const k of type.capabilities) caps.add(k); // once per kind and type
      baseCaps.set(baseKey, caps);
    }
    const props = propertyMap(c.properties);
    if (props.size > 0) {
      let own: Set<string> | undefined;
      let ownKey = baseKey;
      const raw = c.properties as Readonly<Record<string, PropertyValue>>;
      for (const key in raw) {
        const v = raw[key];
        if (v !== true && v !== false) continue;
        const spec = PROPERTIES.get(key);
        if (!spec?.capability) continue;
        if (v && !caps.has(spec.capability)) {
          (own ??= new Set(caps)).add(spec.capability);
          ownKey += `\u0000+${spec.capability}`;
        } else if (!v && caps.has(spec.capability)) {
          (own ??= new Set(caps)).delete(spec.capability);
          ownKey += `\u0000-${spec.capability}`;
        }
        if (own) caps = own;
      }
      // Components changed the same way share one set too: rules test capabilities of every element,
      // and a few hundred shared sets stay in the processor's cache where ten thousand copies do not.
      if (own) {
        const shared = baseCaps.get(ownKey);
        if (shared) caps = shared;
        else baseCaps.set(ownKey, own);
      }
    }
    const client = isClient(caps);
    const node: MutableComponent = {
      type: 'component',
      id: c.id,
      ordinal: components.length,
      component: c,
      kind: c.kind,
      boundaries: b ? b.ancestry : EMPTY,
      trust: b && (b.trustKnown || !client) ? b.trust : client ? EXTERNAL_TRUST : DEFAULT_TRUST,
      capabilities: caps,
      typeEntry: type,
      in: [],
      out: [],
      exposure: client ? 'external' : 'internal',
      exposureReason: undefined,
      carried: new Set(),
      processed: new Set(c.assets?.processed ?? EMPTY),
      stored: new Set(c.assets?.stored ?? EMPTY),
      sensitivity: -1,
      reachable: false,
      reachedVia: undefined,
      outOfScope: c.out_of_scope === true,
      client,
      props,
    };
    components.push(node);
    byId.set(c.id, node);
  }
  const compById = (id: string) => {
    const n = byId.get(id);
    return n?.type === 'component' ? (n as MutableComponent) : undefined;
  };

  // Flows.
  const flows: FlowNode[] = [];
  const modelFlows = model.flows ?? [];
  for (let fi = 0; fi < modelFlows.length; fi++) {
    const f = modelFlows[fi] as Flow;
    const source = compById(f.from);
    const target = compById(f.to);
    const sb = source?.boundaries ?? EMPTY;
    const tb = target?.boundaries ?? EMPTY;
    let exits: readonly string[] = EMPTY;
    let enters: readonly string[] = EMPTY;
    if (sb !== tb) {
      exits = sb.filter((x) => !tb.includes(x));
      enters = tb.filter((x) => !sb.includes(x)).reverse();
    }
    const sourceTrust = source?.trust ?? DEFAULT_TRUST;
    const targetTrust = target?.trust ?? DEFAULT_TRUST;
    const drawnAcross = f.crosses !== undefined && f.crosses.length > 0 ? f.crosses.filter((id) => boundaries.has(id)) : EMPTY;
    const crosses = exits.length + enters.length + drawnAcross.length > 0;
    // Data that travels through a less trusted zone (a public network drawn across the flow) arrives
    // from that zone's trust, whatever its sender's.
    let arrivesFrom = sourceTrust;
    for (let k = 0; k < drawnAcross.length; k++) {
      const b = boundaries.get(drawnAcross[k] as string) as BoundaryNode;
      if (b.trustKnown && b.trust < arrivesFrom) arrivesFrom = b.trust;
    }
    const protocol = taxonomy.protocol(f.protocol);
    const encrypted = f.encrypted ?? protocol?.encrypted;
    const data = f.data ?? EMPTY;
    const flowProps = propertyMap(f.properties);
    const node: FlowNode = {
      type: 'flow',
      id: f.id,
      ordinal: components.length + flows.length,
      flow: f,
      source,
      target,
      exits,
      enters,
      crosses: drawnAcross,
      crossesBoundary: crosses,
      direction: !crosses ? 'none' : targetTrust > arrivesFrom ? 'lower-to-higher' : targetTrust < sourceTrust ? 'higher-to-lower' : 'same-trust',
      arrivesFrom,
      sourceTrust,
      targetTrust,
      capabilities: protocol?.capabilities ?? new Set(),
      encrypted,
      encryptedSource: f.encrypted !== undefined ? 'field' : protocol?.encrypted !== undefined ? 'protocol' : undefined,
      assets: data,
      sensitivity: Math.max(sensOfList(data), statedSensitivity(flowProps)) as Sensitivity,
      outOfScope: f.out_of_scope === true,
      props: flowProps,
    };
    flows.push(node);
    byId.set(f.id, node);
    if (source) {
      source.out.push(node);
      for (let k = 0; k < data.length; k++) source.carried.add(data[k] as string);
    }
    if (target) {
      target.in.push(node);
      for (let k = 0; k < data.length; k++) target.carried.add(data[k] as string);
    }
  }

  // Asset reach, sensitivity and exposure.
  for (let ci = 0; ci < components.length; ci++) {
    const c = components[ci] as MutableComponent;
    if (c.kind === 'process' && c.carried.size > 0) {
      const processed = c.processed;
      c.carried.forEach((a) => processed.add(a));
    }
    if (c.kind === 'datastore') {
      for (let k = 0; k < c.in.length; k++) {
        const assetsIn = (c.in[k] as FlowNode).assets;
        for (let j = 0; j < assetsIn.length; j++) c.stored.add(assetsIn[j] as string);
      }
    }
    c.sensitivity = Math.max(sensOfSet(c.carried), sensOfSet(c.processed), sensOfSet(c.stored), statedSensitivity(c.props)) as Sensitivity;
    if (c.client) continue;
    const stated = c.props.get('internet_facing');
    if (stated === true) {
      c.exposure = 'internet';
      c.exposureReason = 'internet_facing: true';
    } else if (stated !== false) {
      let from: FlowNode | undefined;
      for (let k = 0; k < c.in.length && from === undefined; k++) {
        const f = c.in[k] as FlowNode;
        if (f.source !== undefined && f.arrivesFrom <= UNTRUSTED_TRUST) from = f;
      }
      if (from?.source) {
        c.exposure = 'internet';
        if (from.source.trust <= UNTRUSTED_TRUST) c.exposureReason = `receives ${from.id} from ${from.source.id} (trust ${from.source.trust})`;
        else {
          const across = from.crosses.find((id) => (boundaries.get(id) as BoundaryNode).trust <= UNTRUSTED_TRUST) ?? '';
          c.exposureReason = `receives ${from.id} across ${boundaries.get(across)?.boundary.name ?? across} (${across}, trust ${from.arrivesFrom})`;
        }
      }
    }
  }

  // Reachability from the internet: breadth-first along flows from exposed components.
  const queue: MutableComponent[] = [];
  for (let ci = 0; ci < components.length; ci++) {
    const c = components[ci] as MutableComponent;
    if (c.exposure === 'internet') {
      c.reachable = true;
      queue.push(c);
    }
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const c = queue[qi] as MutableComponent;
    for (let k = 0; k < c.out.length; k++) {
      const f = c.out[k] as FlowNode;
      const t = f.target as MutableComponent | undefined;
      if (!t || t.reachable || t.client) continue;
      t.reachable = true;
      t.reachedVia = f;
      queue.push(t);
    }
  }

  // Components by capability, built in one pass the first time a rule asks (rules ask for dozens).
  let byCapability: Map<string, ComponentNode[]> | undefined;
  const NO_COMPONENTS: readonly ComponentNode[] = Object.freeze([]);
  return {
    model,
    taxonomy,
    components,
    flows,
    boundaries,
    assets,
    byId,
    issues,
    component: (id) => compById(id),
    flow: (id) => {
      const n = byId.get(id);
      return n?.type === 'flow' ? n : undefined;
    },
    withCapability: (cap) => {
      if (byCapability === undefined) {
        const index = new Map<string, ComponentNode[]>();
        for (let ci = 0; ci < components.length; ci++) {
          const c = components[ci] as ComponentNode;
          c.capabilities.forEach((k) => {
            const list = index.get(k);
            if (list === undefined) index.set(k, [c]);
            else list.push(c);
          });
        }
        byCapability = index;
      }
      return byCapability.get(cap) ?? NO_COMPONENTS;
    },
  };
}
