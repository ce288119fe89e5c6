/**
 * A format-neutral picture of what to draw: nodes, nested clusters and edges with plain-text
 * labels. Views (whole system, one tag, one boundary, data assets, attack trees) build it from
 * the model; the Mermaid and DOT writers only translate it, escaping through their helper.
 */
import { TRUST_LEVELS, type Asset, type AttackTree, type AttackTreeNode, type Boundary, type Component, type Flow, type Model } from '@threatwright/core';
import { oneLine, truncate } from '../escape/index.js';

export type Band = 'P0' | 'P1' | 'P2' | 'P3';
export type NodeShape = 'process' | 'datastore' | 'external' | 'asset' | 'goal' | 'and' | 'or' | 'leaf';

export interface DiagramNode {
  key: string;
  /** Display lines (already shortened; escaping is the writer's job). */
  label: string[];
  shape: NodeShape;
  cluster?: string;
  /** Full text for tooltips. */
  tooltip?: string;
  /** Drawn faded: out of scope, or outside the view's focus. */
  dim?: boolean;
  risk?: Band;
}

export interface DiagramCluster {
  key: string;
  label: string[];
  parent?: string;
  kind: 'boundary' | 'group';
  /** The boundary's trust, 0 (untrusted) to 100 (trusted), when the model states it. */
  trust?: number;
  risk?: Band;
}

export interface DiagramEdge {
  key: string;
  from: string;
  to: string;
  label: string[];
  style: 'solid' | 'dashed' | 'dotted';
  bidirectional?: boolean;
  /** Drawn without an arrow head (association, not a data flow). */
  undirected?: boolean;
  tooltip?: string;
  risk?: Band;
}

export interface DiagramGraph {
  title: string;
  direction: 'LR' | 'TB';
  nodes: DiagramNode[];
  clusters: DiagramCluster[];
  edges: DiagramEdge[];
  /** What the key explains: only what the picture shows. Absent: no key (small excerpts). */
  legend?: Legend;
}

export type TrustLevel = 'untrusted' | 'low' | 'medium' | 'high' | 'trusted' | 'unstated';

/** What a diagram's key lists, each in drawing order. */
export interface Legend {
  shapes: NodeShape[];
  trust: TrustLevel[];
  lines: { style: DiagramEdge['style']; meaning: string }[];
  bands: Band[];
}

/** What a view shows. Parsed from `--view` by `parseView`. */
export type ViewSpec =
  | { kind: 'system' }
  | { kind: 'tag'; tag: string }
  | { kind: 'boundary'; id: string }
  | { kind: 'assets' }
  | { kind: 'attack-tree'; id?: string }
  /** The given components/flows, every flow touching them and the elements at the other end (faded). */
  | { kind: 'neighbourhood'; ids: readonly string[] };

/** A user-fixable problem with a view or overlay (unknown tag, boundary, tree). */
export class DiagramError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'DiagramError';
  }
}

export const VIEW_HELP = 'system | tag:<tag> (alias feature:<tag>) | boundary:<id> | assets | attack-tree[:<id>]';

export function parseView(spec: string | undefined): ViewSpec {
  const s = (spec ?? 'system').trim();
  if (s === '' || s === 'system') return { kind: 'system' };
  if (s === 'assets' || s === 'data' || s === 'data-assets') return { kind: 'assets' };
  if (s === 'attack-tree' || s === 'attack-trees') return { kind: 'attack-tree' };
  const m = /^(tag|feature|boundary|attack-tree):(.+)$/u.exec(s);
  if (m?.[1] && m[2]) {
    if (m[1] === 'boundary') return { kind: 'boundary', id: m[2] };
    if (m[1] === 'attack-tree') return { kind: 'attack-tree', id: m[2] };
    return { kind: 'tag', tag: m[2] };
  }
  throw new DiagramError(`unknown view "${oneLine(s)}"`, `Use one of: ${VIEW_HELP}.`);
}

export interface DiagramOptions {
  view?: ViewSpec;
  /** Highest open risk band per element id (components, flows, boundaries): colours the overlay. */
  overlay?: ReadonlyMap<string, Band>;
  /** false: no key, for a picture embedded beside its own explanation. */
  legend?: boolean;
}

const LABEL_MAX = 60;
const LABEL_WIDTH = 26;
/**
 * Flow labels stay narrow: their width is space between ranks, for every flow in the rank, and
 * Mermaid re-wraps any edge label line wider than 200 px (about 26 characters) on its own.
 */
const FLOW_WIDTH = 24;

/** Tooltips carry more than the box, but not a whole essay. */
function tip(parts: (string | undefined | false)[]): string {
  return truncate(oneLine(parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' — ')), 280);
}

/**
 * Shortens to at most `max` characters at the last word boundary that fits, ending with "…", so
 * a label is never cut mid-word. A single word longer than `max` is the one case cut inside.
 */
export function clipWords(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, Math.max(1, max - 1)).join('');
  const cut = head.search(/[\s,;/]+[^\s,;/]*$/u);
  const kept = (cut > max / 3 ? head.slice(0, cut) : head).replace(/[\s,;:·–—-]+$/u, '');
  return `${kept}…`;
}

/**
 * Breaks text into lines of at most about `width` characters at spaces. A token longer than the
 * width (a URL, a path) is broken after its own separators (`/`, `.`, `-`, `_`, `:`, `?`, `&`,
 * `=`), and only a token with none of them is cut, at the width.
 */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  const push = (piece: string, glue: string) => {
    if (line === '') line = piece;
    else if (Array.from(line).length + glue.length + Array.from(piece).length <= width) line += glue + piece;
    else {
      out.push(line);
      line = piece;
    }
  };
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (Array.from(word).length <= width) {
      push(word, ' ');
      continue;
    }
    const parts = word.split(/(?<=[/._\-:?&=])/u).flatMap((p) => {
      const cs = Array.from(p);
      const chunks: string[] = [];
      for (let i = 0; i < cs.length; i += width) chunks.push(cs.slice(i, i + width).join(''));
      return chunks;
    });
    parts.forEach((p, i) => {
      push(p, i === 0 ? ' ' : '');
    });
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}

/** One line, hygiene applied first so visible ⟨U+…⟩ markers count towards the limit; cut at a word boundary. */
function short(text: string, max: number): string {
  return clipWords(oneLine(text), max);
}

function lines(text: string, max = LABEL_MAX, width = LABEL_WIDTH): string[] {
  return wrapWords(clipWords(oneLine(text).trim(), max), width);
}

const SHAPE: Record<Component['kind'], NodeShape> = { process: 'process', datastore: 'datastore', 'external-entity': 'external' };

function trustText(b: Boundary): string {
  return b.trust === undefined ? '' : ` (trust: ${String(b.trust)})`;
}

class Index {
  readonly components = new Map<string, Component>();
  readonly boundaries = new Map<string, Boundary>();
  readonly assets = new Map<string, Asset>();
  constructor(readonly model: Model) {
    for (const c of model.components ?? []) this.components.set(c.id, c);
    for (const b of model.boundaries ?? []) this.boundaries.set(b.id, b);
    for (const a of model.assets ?? []) this.assets.set(a.id, a);
  }
  /** The boundary and its ancestors, innermost first; stops on cycles. */
  chain(boundaryId: string | undefined): Boundary[] {
    const out: Boundary[] = [];
    const seen = new Set<string>();
    let id = boundaryId;
    while (id !== undefined && !seen.has(id)) {
      seen.add(id);
      const b = this.boundaries.get(id);
      if (!b) break;
      out.push(b);
      id = b.parent;
    }
    return out;
  }
  assetName(id: string): string {
    return this.assets.get(id)?.name ?? id;
  }
}

function componentNode(ix: Index, c: Component, detailed: boolean, overlay: ReadonlyMap<string, Band> | undefined, dim: boolean): DiagramNode {
  const label = lines(c.name);
  if (detailed) {
    const sub = [c.type, c.tech].filter((x): x is string => Boolean(x)).join(' · ');
    if (sub) for (const l of lines(`[${sub}]`, 48, 30)) label.push(l);
  }
  if (c.out_of_scope) label.push('(out of scope)');
  const risk = overlay?.get(c.id);

  return {
    key: `c:${c.id}`,
    label,
    shape: SHAPE[c.kind],
    ...(c.boundary && ix.boundaries.has(c.boundary) ? { cluster: `b:${c.boundary}` } : {}),
    tooltip: tip([`${c.id}: ${c.name}`, c.description, c.out_of_scope && c.reason ? `Out of scope: ${c.reason}` : undefined]),
    ...(dim || c.out_of_scope ? { dim: true } : {}),
    ...(risk ? { risk } : {}),
  };
}

function flowEdge(ix: Index, f: Flow, detailed: boolean, overlay: ReadonlyMap<string, Band> | undefined): DiagramEdge {
  const label: string[] = f.label ? lines(`${f.id}: ${f.label}`, 2 * FLOW_WIDTH, FLOW_WIDTH) : [f.id];
  const data = (f.data ?? []).map((d) => ix.assetName(d));
  if (data.length > 0) for (const l of lines(data.join(', '), 2 * FLOW_WIDTH, FLOW_WIDTH)) label.push(l);
  const proto: string[] = [];
  if (f.protocol) proto.push(f.protocol.toUpperCase());
  if (detailed) {
    if (f.encrypted === false) proto.push('unencrypted');
    if (f.authenticated === true) proto.push(f.authentication ? `auth: ${f.authentication}` : 'authenticated');
    if (f.authenticated === false) proto.push('unauthenticated');
  }
  if (proto.length > 0) for (const l of lines(proto.join(' · '), 48, FLOW_WIDTH)) label.push(l);
  const risk = overlay?.get(f.id);
  return {
    key: `f:${f.id}`,
    from: `c:${f.from}`,
    to: `c:${f.to}`,
    label,
    style: f.out_of_scope ? 'dashed' : f.encrypted === false ? 'dotted' : 'solid',
    ...(f.bidirectional ? { bidirectional: true } : {}),
    tooltip: tip([f.id, f.label, f.description]),
    ...(risk ? { risk } : {}),
  };
}

function clustersFor(ix: Index, used: Iterable<string | undefined>, overlay: ReadonlyMap<string, Band> | undefined): DiagramCluster[] {
  const out = new Map<string, DiagramCluster>();
  for (const id of used) {
    for (const b of ix.chain(id)) {
      if (out.has(b.id)) continue;
      const parentOk = b.parent !== undefined && ix.boundaries.has(b.parent) && !ix.chain(b.parent).some((p) => p.id === b.id);
      const risk = overlay?.get(b.id);
      out.set(b.id, {
        key: `b:${b.id}`,
        label: lines(`${b.name}${trustText(b)}`, 70, 30),
        kind: 'boundary',
        ...(b.trust !== undefined ? { trust: typeof b.trust === 'number' ? b.trust : TRUST_LEVELS[b.trust] } : {}),
        ...(parentOk && b.parent ? { parent: `b:${b.parent}` } : {}),
        ...(risk ? { risk } : {}),
      });
    }
  }
  // Deterministic: in model order.
  const order = new Map((ix.model.boundaries ?? []).map((b, i) => [b.id, i]));
  return [...out.entries()].sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0)).map(([, c]) => c);
}

function dfd(ix: Index, title: string, keep: (c: Component) => boolean, focus: (c: Component) => boolean, flowFilter: (f: Flow) => boolean, detailed: boolean, overlay: ReadonlyMap<string, Band> | undefined): DiagramGraph {
  const comps = (ix.model.components ?? []).filter(keep);
  const visible = new Set(comps.map((c) => c.id));
  const flows = (ix.model.flows ?? []).filter((f) => visible.has(f.from) && visible.has(f.to) && flowFilter(f));
  return {
    title,
    direction: 'LR',
    nodes: comps.map((c) => componentNode(ix, c, detailed, overlay, !focus(c))),
    clusters: clustersFor(ix, comps.map((c) => c.boundary), overlay),
    edges: flows.map((f) => flowEdge(ix, f, detailed, overlay)),
  };
}

function systemView(ix: Index, overlay: ReadonlyMap<string, Band> | undefined): DiagramGraph {
  return dfd(ix, `${ix.model.system.name} — data-flow diagram`, () => true, () => true, () => true, false, overlay);
}

function tagView(ix: Index, tag: string, overlay: ReadonlyMap<string, Band> | undefined): DiagramGraph {
  const tagged = new Set((ix.model.components ?? []).filter((c) => c.tags?.includes(tag)).map((c) => c.id));
  const taggedFlows = (ix.model.flows ?? []).filter((f) => f.tags?.includes(tag));
  if (tagged.size === 0 && taggedFlows.length === 0) {
    const all = new Set<string>();
    for (const c of ix.model.components ?? []) for (const t of c.tags ?? []) all.add(t);
    for (const f of ix.model.flows ?? []) for (const t of f.tags ?? []) all.add(t);
    throw new DiagramError(`no component or flow has the tag "${oneLine(tag)}"`, all.size > 0 ? `Tags in this model: ${[...all].sort().join(', ')}.` : 'Add `tags: [...]` to the components and flows of a feature.');
  }
  const inView = new Set(tagged);
  for (const f of taggedFlows) {
    inView.add(f.from);
    inView.add(f.to);
  }
  const flowIn = (f: Flow) => Boolean(f.tags?.includes(tag)) || (tagged.has(f.from) && tagged.has(f.to));
  return dfd(ix, `${ix.model.system.name} — ${tag}`, (c) => inView.has(c.id), (c) => tagged.has(c.id) || taggedFlows.some((f) => f.from === c.id || f.to === c.id), flowIn, true, overlay);
}

function boundaryView(ix: Index, id: string, overlay: ReadonlyMap<string, Band> | undefined): DiagramGraph {
  const b = ix.boundaries.get(id);
  if (!b) {
    const ids = [...ix.boundaries.keys()];
    throw new DiagramError(`no boundary with id "${oneLine(id)}"`, ids.length > 0 ? `Boundaries in this model: ${ids.join(', ')}.` : 'This model has no boundaries.');
  }
  const inside = new Set((ix.model.components ?? []).filter((c) => ix.chain(c.boundary).some((x) => x.id === id)).map((c) => c.id));
  const neighbours = new Set<string>();
  for (const f of ix.model.flows ?? []) {
    if (inside.has(f.from) && !inside.has(f.to)) neighbours.add(f.to);
    if (inside.has(f.to) && !inside.has(f.from)) neighbours.add(f.from);
  }
  return dfd(ix, `${ix.model.system.name} — boundary ${b.name}`, (c) => inside.has(c.id) || neighbours.has(c.id), (c) => inside.has(c.id), () => true, true, overlay);
}

function neighbourhoodView(ix: Index, ids: readonly string[], overlay: ReadonlyMap<string, Band> | undefined): DiagramGraph {
  const focus = new Set<string>();
  for (const id of ids) {
    if (ix.components.has(id)) focus.add(id);
    const f = (ix.model.flows ?? []).find((x) => x.id === id);
    if (f) {
      focus.add(f.from);
      focus.add(f.to);
    }
  }
  const around = new Set(focus);
  for (const f of ix.model.flows ?? []) {
    if (focus.has(f.from)) around.add(f.to);
    if (focus.has(f.to)) around.add(f.from);
  }
  const names = ids.map((id) => ix.components.get(id)?.name ?? id).join(', ');
  return dfd(ix, `${ix.model.system.name} — around ${names}`, (c) => around.has(c.id), (c) => focus.has(c.id), (f) => focus.has(f.from) || focus.has(f.to), true, overlay);
}

function assetView(ix: Index): DiagramGraph {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const rel = new Map<string, { stored: boolean; processed: boolean; flows: string[] }>();
  const get = (c: string, a: string) => {
    const k = `${c}\u0000${a}`;
    let r = rel.get(k);
    if (!r) rel.set(k, (r = { stored: false, processed: false, flows: [] }));
    return r;
  };
  for (const c of ix.model.components ?? []) {
    for (const a of c.assets?.stored ?? []) get(c.id, a).stored = true;
    for (const a of c.assets?.processed ?? []) get(c.id, a).processed = true;
  }
  for (const f of ix.model.flows ?? []) {
    for (const a of f.data ?? []) {
      for (const end of f.bidirectional ? [f.from, f.to] : [f.to]) {
        const r = get(end, a);
        if (!r.flows.includes(f.id)) r.flows.push(f.id);
      }
    }
  }
  const usedComps = new Set([...rel.keys()].map((k) => k.split('\u0000')[0]));
  const comps = (ix.model.components ?? []).filter((c) => usedComps.has(c.id));
  for (const c of comps) nodes.push(componentNode(ix, c, false, undefined, false));
  for (const a of ix.model.assets ?? []) {
    const props = [a.classification, a.confidentiality && `C:${a.confidentiality}`, a.integrity && `I:${a.integrity}`, a.availability && `A:${a.availability}`, a.personal_data ? 'personal data' : undefined].filter(Boolean).join(' · ');
    nodes.push({ key: `a:${a.id}`, label: [...lines(a.name), ...(props ? [short(props, 48)] : [])], shape: 'asset', cluster: 'g:assets', tooltip: tip([`${a.id}: ${a.name}`, a.description]) });
  }
  for (const [k, r] of rel) {
    const [c, a] = k.split('\u0000') as [string, string];
    if (!ix.components.has(c) || !ix.assets.has(a)) continue;
    const what = [r.stored ? 'stores' : '', r.processed ? 'processes' : '', r.flows.length > 0 ? `receives via ${r.flows.join(', ')}` : ''].filter(Boolean).join(', ');
    // The line says how (its style, explained by the key); the flows are in the tooltip. Labels
    // on every line of a many-to-many picture are what makes it unreadable.
    edges.push({ key: `r:${c}:${a}`, from: `c:${c}`, to: `a:${a}`, label: [], style: r.stored ? 'solid' : r.processed ? 'dashed' : 'dotted', undirected: true, tooltip: tip([`${ix.components.get(c)?.name ?? c} ${what}`, ix.assetName(a)]) });
  }
  return {
    title: `${ix.model.system.name} — where the data assets live`,
    direction: 'LR',
    nodes,
    clusters: [...clustersFor(ix, comps.map((c) => c.boundary), undefined), { key: 'g:assets', label: ['Data assets'], kind: 'group' }],
    edges,
  };
}

const SHAPE_ORDER: NodeShape[] = ['process', 'datastore', 'external', 'asset', 'goal', 'and', 'or', 'leaf'];
const BANDS: Band[] = ['P0', 'P1', 'P2', 'P3'];

/**
 * Flows between the same two elements, in either direction, drawn as one edge with every label:
 * layout engines overprint the labels of parallel edges (dot for flat ones, dagre for opposite
 * ones), and one line with a list is easier to read than a braid.
 */
export function bundleParallel(g: DiagramGraph, which: 'all' | 'opposite' = 'all'): DiagramEdge[] {
  const groups = new Map<string, DiagramEdge[]>();
  for (const e of g.edges) {
    const pair = [e.from, e.to].sort().join('\u0000');
    groups.set(pair, [...(groups.get(pair) ?? []), e]);
  }
  if (which === 'opposite') {
    // Same-direction flows stay apart; each opposite pair is split into its two directions'
    // groups only when both directions exist.
    for (const [pair, group] of [...groups]) {
      if (group.every((e) => e.from === group[0]?.from)) {
        groups.delete(pair);
        group.forEach((e, i) => groups.set(`${pair}\u0000${i}`, [e]));
      }
    }
  }
  const name = new Map(g.nodes.map((n) => [n.key, n.label[0] ?? n.key]));
  const out: DiagramEdge[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    if (group.length === 1) {
      out.push(first);
      continue;
    }
    const both = group.some((e) => e.bidirectional || e.from !== first.from);
    const bands = group.map((e) => e.risk).filter((b) => b !== undefined);
    const risk = BANDS.find((b) => bands.includes(b));
    // Each flow says where it goes (one line drawn both ways cannot show it with an arrow
    // head), and a blank line keeps one flow's lines apart from the next one's.
    const label = group
      .filter((e) => e.label.length > 0)
      .flatMap((e, i) => [...(i > 0 ? [''] : []), ...e.label, e.bidirectional ? '↔ both ways' : `→ ${name.get(e.to) ?? ''}`]);
    out.push({
      key: group.map((e) => e.key).join('+'),
      from: first.from,
      to: first.to,
      label,
      style: group.some((e) => e.style === 'solid') ? 'solid' : group.some((e) => e.style === 'dotted') ? 'dotted' : 'dashed',
      ...(both ? { bidirectional: true } : {}),
      ...(first.undirected ? { undirected: true } : {}),
      tooltip: group.map((e) => e.tooltip ?? e.key).join(' | '),
      ...(risk ? { risk } : {}),
    });
  }
  return out;
}

/** The named level a trust value falls in (the schema's levels are 0, 25, 50, 75, 100). */
export function trustLevel(trust: number | undefined): TrustLevel {
  if (trust === undefined) return 'unstated';
  if (trust < 13) return 'untrusted';
  if (trust < 38) return 'low';
  if (trust < 63) return 'medium';
  if (trust < 88) return 'high';
  return 'trusted';
}

const TRUST_ORDER: TrustLevel[] = ['untrusted', 'low', 'medium', 'high', 'trusted', 'unstated'];

/** The key of a data-flow or asset picture: what it draws, and nothing it does not. */
function legendFor(g: DiagramGraph, lineMeaning: Record<DiagramEdge['style'], string>): Legend {
  const shapes = new Set(g.nodes.map((n) => n.shape));
  const trust = new Set(g.clusters.filter((c) => c.kind === 'boundary').map((c) => trustLevel(c.trust)));
  const styles = new Set(g.edges.map((e) => e.style));
  const bands = new Set([...g.nodes, ...g.edges, ...g.clusters].map((x) => x.risk).filter((b): b is Band => b !== undefined));
  return {
    shapes: SHAPE_ORDER.filter((x) => shapes.has(x)),
    trust: TRUST_ORDER.filter((x) => trust.has(x)),
    lines: (['solid', 'dotted', 'dashed'] as const).filter((x) => styles.has(x)).map((style) => ({ style, meaning: lineMeaning[style] })),
    bands: BANDS.filter((b) => bands.has(b)),
  };
}

const DFD_LINES: Record<DiagramEdge['style'], string> = { solid: 'data flow', dotted: 'unencrypted flow', dashed: 'out of scope' };
const ASSET_LINES: Record<DiagramEdge['style'], string> = { solid: 'stores', dashed: 'processes', dotted: 'receives (flows in the tooltip)' };

export function attackTreeGraph(trees: readonly AttackTree[], model?: Model): DiagramGraph {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const clusters: DiagramCluster[] = [];
  const mitigationTitle = new Map((model?.mitigations ?? []).map((m) => [m.id, m.title]));
  let n = 0;
  const visit = (tree: AttackTree, node: AttackTreeNode, parentKey: string | undefined, depth: number): void => {
    const key = `t:${tree.id}:${n++}`;
    const gate = node.and && node.and.length > 0 ? 'and' : node.or && node.or.length > 0 ? 'or' : undefined;
    const label = lines(node.title);
    if (gate) label.push(gate === 'and' ? 'AND — all of' : 'OR — any of');
    const facts = [node.cost !== undefined ? `cost ${node.cost}` : '', node.probability !== undefined ? `p=${node.probability}` : '', node.skill ? `skill ${node.skill}` : ''].filter(Boolean).join(' · ');
    if (facts) label.push(short(facts, 48));
    const mits = (node.mitigations ?? []).map((m) => mitigationTitle.get(m) ?? m);
    if (mits.length > 0) for (const l of lines(`mitigated by: ${mits.join(', ')}`, 60, LABEL_WIDTH)) label.push(l);
    nodes.push({ key, label, shape: depth === 0 ? 'goal' : gate ?? 'leaf', cluster: `g:${tree.id}`, tooltip: tip([node.id, node.title, node.description]), ...(mits.length > 0 ? { dim: true } : {}) });
    if (parentKey) edges.push({ key: `${parentKey}>${key}`, from: parentKey, to: key, label: [], style: 'solid' });
    if (depth > 50) return;
    for (const child of [...(node.and ?? []), ...(node.or ?? [])]) visit(tree, child, key, depth + 1);
  };
  for (const tree of trees) {
    clusters.push({ key: `g:${tree.id}`, label: lines(`${tree.id}: ${tree.goal}`, 80, 50), kind: 'group' });
    visit(tree, tree.root, undefined, 0);
  }
  return { title: trees.length === 1 && trees[0] ? `Attack tree ${trees[0].id}: ${trees[0].goal}` : 'Attack trees', direction: 'TB', nodes, clusters, edges };
}

/** Builds the graph of one view of the model. Throws DiagramError for an unknown tag, boundary or tree. */
export function buildDiagram(model: Model, options: DiagramOptions = {}): DiagramGraph {
  const g = viewGraph(model, options);
  const view = options.view ?? { kind: 'system' };
  // Excerpts (a threat's neighbourhood) and attack trees explain themselves; the rest get a key.
  if (view.kind === 'attack-tree' || view.kind === 'neighbourhood' || options.legend === false) return g;
  return { ...g, legend: legendFor(g, view.kind === 'assets' ? ASSET_LINES : DFD_LINES) };
}

function viewGraph(model: Model, options: DiagramOptions): DiagramGraph {
  const ix = new Index(model);
  const view = options.view ?? { kind: 'system' };
  switch (view.kind) {
    case 'system':
      return systemView(ix, options.overlay);
    case 'tag':
      return tagView(ix, view.tag, options.overlay);
    case 'boundary':
      return boundaryView(ix, view.id, options.overlay);
    case 'assets':
      return assetView(ix);
    case 'neighbourhood':
      return neighbourhoodView(ix, view.ids, options.overlay);
    case 'attack-tree': {
      const trees = model.attack_trees ?? [];
      if (trees.length === 0) throw new DiagramError('this model has no attack trees', 'Add them under `attack_trees:` (goal and a root node with and/or children).');
      if (view.id === undefined) return attackTreeGraph(trees, model);
      const tree = trees.find((t) => t.id === view.id);
      if (!tree) throw new DiagramError(`no attack tree with id "${oneLine(view.id)}"`, `Attack trees in this model: ${trees.map((t) => t.id).join(', ')}.`);
      return attackTreeGraph([tree], model);
    }
  }
}
