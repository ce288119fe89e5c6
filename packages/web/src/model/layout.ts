/**
 * Where things are drawn. Positions live in the model's optional `layout.positions` section as
 * absolute canvas coordinates (boundaries with width and height); nothing about the drawing is
 * stored elsewhere. Models without positions are laid out automatically (ELK), which is kept
 * out of the file until the user arranges something.
 */
import type { ElkNode, ElkExtendedEdge } from 'elkjs/lib/elk-api.js';
import type { Component, Flow, Model } from '@threatwright/core';
import { ancestors, positionsOf, type Position } from './ops.js';

/** The width of a component nobody has named yet, and the narrowest a component is drawn. */
export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 72;
/** The widest a component is drawn: a longer name is cut with an ellipsis. */
export const NODE_MAX_WIDTH = 320;
export const BOUNDARY_PAD = 28;
export const BOUNDARY_HEADER = 36;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * About how wide `text` is in the editor's sans-serif face at `px` (an upper estimate, so text
 * measured this way fits the box made for it): layout runs without a page to measure in, and the
 * canvas and the exported picture size their boxes by the same numbers.
 */
export function textWidth(text: string, px: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (/[iljtf.,:;'|!() ]/.test(ch)) em += 0.34;
    else if (/[mwMW@]/.test(ch)) em += 0.9;
    else if (/[A-Z0-9]/.test(ch)) em += 0.68;
    else if (ch.charCodeAt(0) > 0x2e7f) em += 1;
    else em += 0.56;
  }
  return Math.ceil(em * px * (bold ? 1.08 : 1));
}

/** The line above a component's name: its kind and type. */
export function kindLine(c: Pick<Component, 'kind' | 'type'>): string {
  const kind = c.kind === 'process' ? 'Process' : c.kind === 'datastore' ? 'Data store' : 'External entity';
  return `${kind}${c.type ? ` · ${c.type}` : ''}`;
}

/** The line below a component's name: its id and technology. */
export function idLine(c: Pick<Component, 'id' | 'tech'>): string {
  return `${c.id}${c.tech ? ` · ${c.tech}` : ''}`;
}

/**
 * How wide a component is drawn: wide enough for its name (13.5 px, bold) and the lines above and
 * below it, within NODE_WIDTH and NODE_MAX_WIDTH. Padding covers a process's rounded ends and the
 * threat badge in the corner.
 */
export function nodeWidth(c: Pick<Component, 'id' | 'name' | 'kind' | 'type' | 'tech'>): number {
  const pad = c.kind === 'process' ? 56 : 36;
  const text = Math.max(textWidth(c.name, 13.5, true), textWidth(kindLine(c).toUpperCase(), 11) + kindLine(c).length * 0.5, textWidth(idLine(c), 11));
  return Math.min(NODE_MAX_WIDTH, Math.max(NODE_WIDTH, Math.ceil((text + pad) / 8) * 8));
}

/** The text on a flow's label and the size of the label that carries it. */
export function flowLabel(f: Pick<Flow, 'id' | 'label' | 'encrypted'>): { text: string; width: number; height: number } {
  const full = f.label ? `${f.id} · ${f.label}` : f.id;
  const text = full.length > 30 ? `${full.slice(0, 29)}…` : full;
  return { text, width: textWidth(text, 11) + 14 + (f.encrypted === undefined ? 0 : 13), height: 20 };
}

/** Boundaries ordered so that every parent comes before its children (cycles are broken). */
/**
 * The box around `rects`, grown from `start` when given. One loop: spreading the rectangles into
 * Math.min/max passes each as an argument, and 150 000 of them overflow the call stack.
 */
export function extentOf(rects: Iterable<Rect>, start?: { minX: number; minY: number; maxX: number; maxY: number }): { minX: number; minY: number; maxX: number; maxY: number } {
  let { minX, minY, maxX, maxY } = start ?? { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return { minX, minY, maxX, maxY };
}

export function boundaryOrder(model: Model): string[] {
  const ids = new Set((model.boundaries ?? []).map((b) => b.id));
  const depth = new Map<string, number>();
  for (const b of model.boundaries ?? []) depth.set(b.id, ancestors(model, b.id).filter((a) => ids.has(a)).length);
  return [...ids].sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0));
}

const containers = new WeakMap<Model, Map<string, string | undefined>>();

/** The boundary a component or boundary is drawn in, when that boundary exists (and is not itself). */
export function containerOf(model: Model, id: string): string | undefined {
  let index = containers.get(model);
  if (!index) {
    index = new Map();
    const ids = new Set((model.boundaries ?? []).map((b) => b.id));
    for (const c of model.components ?? []) index.set(c.id, c.boundary !== undefined && ids.has(c.boundary) ? c.boundary : undefined);
    for (const b of model.boundaries ?? []) {
      // A cycle (B1 in B2 in B1) is drawn flat rather than never.
      index.set(b.id, b.parent !== undefined && ids.has(b.parent) && !ancestors(model, b.parent).includes(b.id) ? b.parent : undefined);
    }
    containers.set(model, index);
  }
  return index.get(id);
}

/** Components and boundaries by the boundary they are drawn in ('' for none). */
function contents(model: Model): { components: Map<string, string[]>; boundaries: Map<string, string[]> } {
  const components = new Map<string, string[]>();
  const boundaries = new Map<string, string[]>();
  const add = (into: Map<string, string[]>, k: string, id: string) => {
    const list = into.get(k);
    if (list) list.push(id);
    else into.set(k, [id]);
  };
  for (const c of model.components ?? []) add(components, containerOf(model, c.id) ?? '', c.id);
  for (const id of boundaryOrder(model)) add(boundaries, containerOf(model, id) ?? '', id);
  return { components, boundaries };
}

/**
 * Boundaries drawn as a line rather than a box: they hold nothing and flows list them in `crosses`
 * (a trust-boundary curve from Threat Dragon or the Microsoft tool). A box for them would be an
 * empty frame drawn over the elements it runs between. A stored box of theirs is the extent of the
 * curve they were imported from, and says where the line runs (`routing.ts`).
 */
export function lineBoundaries(model: Model): Set<string> {
  const crossed = new Set<string>();
  for (const f of model.flows ?? []) for (const b of f.crosses ?? []) crossed.add(b);
  const holding = new Set<string>();
  for (const c of model.components ?? []) if (c.boundary !== undefined) holding.add(c.boundary);
  for (const b of model.boundaries ?? []) if (b.parent !== undefined) holding.add(b.parent);
  const out = new Set<string>();
  for (const b of model.boundaries ?? []) if (crossed.has(b.id) && !holding.has(b.id)) out.add(b.id);
  return out;
}

/**
 * Absolute rectangles of every component and boundary: stored positions first, then `auto`,
 * then a free spot (inside the element's boundary when it has one); boundaries without a stored
 * size wrap what they contain. Components are as wide as their text needs (`nodeWidth`).
 */
export function resolveRects(model: Model, auto: Readonly<Record<string, Position>> = {}): Map<string, Rect> {
  const stored = positionsOf(model);
  const rects = new Map<string, Rect>();
  const pick = (id: string): Position | undefined => stored[id] ?? auto[id];
  const lines = lineBoundaries(model);
  let bottom = 0;
  const unplaced: Component[] = [];
  for (const c of model.components ?? []) {
    const p = pick(c.id);
    if (p) {
      rects.set(c.id, { x: p.x, y: p.y, width: nodeWidth(c), height: NODE_HEIGHT });
      bottom = Math.max(bottom, p.y + NODE_HEIGHT);
    } else unplaced.push(c);
  }
  const order = boundaryOrder(model).filter((id) => !lines.has(id));
  for (const id of order) {
    const p = pick(id);
    if (p?.width !== undefined && p.height !== undefined) {
      rects.set(id, { x: p.x, y: p.y, width: p.width, height: p.height });
      bottom = Math.max(bottom, p.y + p.height);
    }
  }
  // Components with no position: in free space inside their boundary when it has a box, else in
  // free space in a row under everything.
  let nextX = 0;
  const rowY = bottom + 80;
  const boxes = [...rects.keys()];
  for (const c of unplaced) {
    const inside = containerOf(model, c.id);
    const box = inside ? rects.get(inside) : undefined;
    const width = nodeWidth(c);
    if (box) {
      const spot = freeSpotIn(rects, boxes, box, width, NODE_HEIGHT, inside);
      rects.set(c.id, { ...spot, width, height: NODE_HEIGHT });
    } else {
      const spot = freeSpot(rects, boxes, nextX, rowY, width, NODE_HEIGHT);
      rects.set(c.id, { ...spot, width, height: NODE_HEIGHT });
      nextX = spot.x + width + 40;
    }
    boxes.push(c.id);
  }
  // Boundaries without a size wrap their contents, innermost first.
  const inside = contents(model);
  for (const id of [...order].reverse()) {
    if (rects.has(id)) continue;
    const inner = [...(inside.components.get(id) ?? []), ...(inside.boundaries.get(id) ?? [])].map((x) => rects.get(x)).filter((r): r is Rect => r !== undefined);
    const p = pick(id);
    if (inner.length === 0) {
      rects.set(id, { x: p?.x ?? nextX, y: p?.y ?? rowY, width: p?.width ?? 260, height: p?.height ?? 160 });
      if (!p) nextX += 300;
      continue;
    }
    const b = extentOf(inner);
    const minX = b.minX - BOUNDARY_PAD;
    const minY = b.minY - BOUNDARY_HEADER;
    const maxX = b.maxX + BOUNDARY_PAD;
    const maxY = b.maxY + BOUNDARY_PAD;
    rects.set(id, { x: minX, y: minY, width: maxX - minX, height: maxY - minY });
  }
  return rects;
}

export function contains(outer: Rect, x: number, y: number): boolean {
  return x >= outer.x && y >= outer.y && x <= outer.x + outer.width && y <= outer.y + outer.height;
}

/** The innermost boundary whose rectangle contains the point, skipping `exclude` and its descendants. */
export function boundaryAt(model: Model, rects: ReadonlyMap<string, Rect>, x: number, y: number, exclude?: string): string | undefined {
  let best: { id: string; area: number } | undefined;
  for (const b of model.boundaries ?? []) {
    if (exclude !== undefined && ancestors(model, b.id).includes(exclude)) continue;
    const r = rects.get(b.id);
    if (!r || !contains(r, x, y)) continue;
    const area = r.width * r.height;
    if (!best || area < best.area) best = { id: b.id, area };
  }
  return best?.id;
}

/** True when no component or boundary has a stored position: the whole diagram is laid out automatically. */
export function needsAutoLayout(model: Model): boolean {
  const stored = positionsOf(model);
  return ![...(model.components ?? []), ...(model.boundaries ?? [])].some((e) => stored[e.id] !== undefined);
}

/**
 * The ELK graph of the model: boundaries as compound nodes, components as leaves sized to their
 * text, flows as edges carrying their label's size. ELK's layered algorithm routes the edges
 * orthogonally around the nodes and places the labels in room it keeps for them, so parallel
 * flows get lanes and labels of their own. Edge coordinates come back absolute.
 */
export function elkGraph(model: Model, direction: 'RIGHT' | 'DOWN' = 'RIGHT'): ElkNode {
  const nodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.spacing.edgeNode': '24',
      'elk.spacing.edgeEdge': '14',
      'elk.layered.spacing.edgeNodeBetweenLayers': '24',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.componentComponent': '80',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.json.edgeCoords': 'ROOT',
    },
    children: [],
    edges: [],
  };
  const lines = lineBoundaries(model);
  const order = boundaryOrder(model).filter((id) => !lines.has(id));
  for (const id of order) {
    nodes.set(id, { id, children: [], layoutOptions: { 'elk.padding': `[top=${BOUNDARY_HEADER + 12},left=${BOUNDARY_PAD},bottom=${BOUNDARY_PAD},right=${BOUNDARY_PAD}]` } });
  }
  for (const c of model.components ?? []) nodes.set(c.id, { id: c.id, width: nodeWidth(c), height: NODE_HEIGHT });
  for (const id of [...order, ...(model.components ?? []).map((c) => c.id)]) {
    const node = nodes.get(id);
    if (!node) continue;
    const parent = containerOf(model, id);
    (parent ? nodes.get(parent) : root)?.children?.push(node);
  }
  // Empty boundaries still need a size.
  for (const id of order) {
    const n = nodes.get(id);
    if (n && n.children?.length === 0) {
      n.width = 260;
      n.height = 140;
    }
  }
  const edges: ElkExtendedEdge[] = [];
  const comps = new Set((model.components ?? []).map((c) => c.id));
  for (const f of model.flows ?? []) {
    if (!comps.has(f.from) || !comps.has(f.to) || f.from === f.to) continue;
    const label = flowLabel(f);
    edges.push({ id: f.id, sources: [f.from], targets: [f.to], labels: [{ id: `${f.id}__label`, text: label.text, width: label.width, height: label.height }] });
  }
  root.edges = edges;
  return root;
}

export interface Point {
  x: number;
  y: number;
}

/** A flow as drawn: its path (absolute points, the first on its source's outline, the last on its target's) and its label's box. */
export interface Route {
  points: Point[];
  label: Rect;
}

/**
 * The routes ELK made, each kept with the rectangles of the two ends it was made for. The canvas
 * and the exported picture use a route while its ends are where ELK put them (and nothing has
 * been moved onto it); after a drag the flow is routed again by `routeFlows`.
 */
const elkRoutes = new Map<string, { ends: string; route: Route }>();

export const endsKey = (a: Rect, b: Rect): string => `${a.x},${a.y},${a.width},${a.height}|${b.x},${b.y},${b.width},${b.height}`;

/** The route ELK made for this flow between these two rectangles, if it made one. */
export function elkRoute(flow: string, from: Rect, to: Rect): Route | undefined {
  const kept = elkRoutes.get(flow);
  return kept && kept.ends === endsKey(from, to) ? kept.route : undefined;
}

/**
 * ELK's points with every slanted step made a corner: where an edge passes into a boundary ELK's
 * hierarchical routing can leave a step of a few pixels that is drawn as a short diagonal kink.
 */
export function squared(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) > 0.5 && Math.abs(last.y - p.y) > 0.5) out.push({ x: last.x, y: p.y });
    out.push({ x: p.x, y: p.y });
  }
  return out;
}

/** Keeps the routes of a laid-out ELK graph with the rectangles of their ends. */
export function rememberRoutes(graph: ElkNode, model: Model): void {
  const positions = positionsFromElk(graph, model);
  const comps = new Map((model.components ?? []).map((c) => [c.id, c]));
  const rectOf = (id: string): Rect | undefined => {
    const p = positions[id];
    const c = comps.get(id);
    return p && c ? { x: p.x, y: p.y, width: nodeWidth(c), height: NODE_HEIGHT } : undefined;
  };
  for (const e of graph.edges ?? []) {
    const section = e.sections?.[0];
    const label = e.labels?.[0];
    const from = rectOf(e.sources[0] ?? '');
    const to = rectOf(e.targets[0] ?? '');
    if (!section || !from || !to || e.sections?.length !== 1) continue;
    const points = squared([section.startPoint, ...(section.bendPoints ?? []), section.endPoint]);
    const box: Rect = label?.x !== undefined && label.y !== undefined ? { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 } : { x: 0, y: 0, width: 0, height: 0 };
    elkRoutes.set(e.id, { ends: endsKey(from, to), route: { points, label: box } });
  }
}

/** Absolute positions from a laid-out ELK graph (ELK gives positions relative to the parent). */
export function positionsFromElk(graph: ElkNode, model: Model): Record<string, Position> {
  const out: Record<string, Position> = {};
  const boundaries = new Set((model.boundaries ?? []).map((b) => b.id));
  const walk = (node: ElkNode, dx: number, dy: number, isRoot: boolean) => {
    const x = dx + (node.x ?? 0);
    const y = dy + (node.y ?? 0);
    if (!isRoot) out[node.id] = boundaries.has(node.id) ? { x, y, width: node.width ?? 0, height: node.height ?? 0 } : { x, y };
    for (const child of node.children ?? []) walk(child, isRoot ? 0 : x, isRoot ? 0 : y, false);
  };
  walk(graph, 0, 0, true);
  return out;
}

/** Above this many elements the layered layout takes too long for an interactive editor; a grid by boundary is used instead. */
export const ELK_LIMIT = 300;

/** A fast, deterministic layout: boundaries as boxes in rows, their components in a grid inside. */
export function gridLayout(model: Model): Record<string, Position> {
  const out: Record<string, Position> = {};
  const gap = 24;
  const inside = contents(model);
  const place = (container: string | undefined, ox: number, oy: number): { width: number; height: number } => {
    const comps = inside.components.get(container ?? '') ?? [];
    const subs = inside.boundaries.get(container ?? '') ?? [];
    const cols = Math.max(1, Math.ceil(Math.sqrt(comps.length * 1.6)));
    comps.forEach((c, i) => {
      out[c] = { x: ox + (i % cols) * (NODE_WIDTH + gap), y: oy + Math.floor(i / cols) * (NODE_HEIGHT + gap) };
    });
    let width = comps.length > 0 ? Math.min(cols, comps.length) * (NODE_WIDTH + gap) - gap : 0;
    let y = oy + (comps.length > 0 ? Math.ceil(comps.length / cols) * (NODE_HEIGHT + gap) + gap : 0);
    let x = ox;
    let rowHeight = 0;
    for (const b of subs) {
      const size = place(b, x + BOUNDARY_PAD, y + BOUNDARY_HEADER + 8);
      const w = Math.max(260, size.width + 2 * BOUNDARY_PAD);
      const h = Math.max(140, size.height + BOUNDARY_HEADER + 8 + BOUNDARY_PAD);
      out[b] = { x, y, width: w, height: h };
      x += w + 2 * gap;
      rowHeight = Math.max(rowHeight, h);
      width = Math.max(width, x - ox - 2 * gap);
      if (x - ox > 2600) {
        x = ox;
        y += rowHeight + 2 * gap;
        rowHeight = 0;
      }
    }
    return { width, height: y + rowHeight - oy };
  };
  place(undefined, 0, 0);
  return out;
}

export interface ElkLike {
  layout: (graph: ElkNode) => Promise<ElkNode>;
}

/** Whether automatic layout of this model uses ELK (loaded on demand) rather than the grid. */
export function usesElk(model: Model): boolean {
  return (model.components?.length ?? 0) + (model.boundaries?.length ?? 0) <= ELK_LIMIT;
}

/**
 * The automatic layout a model opens with when it is known at once: the grid for a large model
 * without stored positions (so the first drawing is the final one), else nothing (stored positions
 * are used, or ELK is run after the first drawing).
 */
export function openingLayout(model: Model): Record<string, Position> {
  return needsAutoLayout(model) && !usesElk(model) ? gridLayout(model) : {};
}

/** Lays out the whole model: ELK for diagrams a person can read at once, a grid above that. */
export async function autoLayout(model: Model, elk: ElkLike): Promise<Record<string, Position>> {
  if (!usesElk(model)) return gridLayout(model);
  try {
    // Left to right and top to bottom; the one that a canvas (about 4:3) shows larger wins, so
    // a long chain of wide labels does not come out as a thin band.
    const laid = await Promise.all((['RIGHT', 'DOWN'] as const).map((d) => elk.layout(elkGraph(model, d))));
    const scale = (g: ElkNode) => Math.min(1000 / Math.max(1, g.width ?? 1), 760 / Math.max(1, g.height ?? 1));
    const graph = laid.reduce((a, b) => (scale(b) > scale(a) * 1.05 ? b : a));
    rememberRoutes(graph, model);
    return positionsFromElk(graph, model);
  } catch {
    return gridLayout(model);
  }
}

/** The nearest spot to (x, y) where a new element of this size overlaps none of `boxes`. */
export function freeSpot(rects: ReadonlyMap<string, Rect>, boxes: readonly string[], x: number, y: number, width = NODE_WIDTH, height = NODE_HEIGHT): { x: number; y: number } {
  const others = boxes.map((id) => rects.get(id)).filter((r): r is Rect => r !== undefined);
  const free = (px: number, py: number) => others.every((r) => px + width + 12 <= r.x || r.x + r.width + 12 <= px || py + height + 12 <= r.y || r.y + r.height + 12 <= py);
  for (let ring = 0; ring < 40; ring++) {
    const d = ring * 24;
    for (const [dx, dy] of [[0, d], [d, 0], [0, -d], [-d, 0], [d, d], [-d, d], [d, -d], [-d, -d]] as const) {
      if (free(x + dx, y + dy)) return { x: x + dx, y: y + dy };
    }
  }
  return { x, y };
}

/**
 * The first spot, reading the box row by row, where an element of this size fits inside `box`
 * (below its title) without touching any of `boxes` other than `container` itself; when the box
 * is full, just below what it holds (a boundary without a stored size then grows around it).
 */
export function freeSpotIn(rects: ReadonlyMap<string, Rect>, boxes: readonly string[], box: Rect, width: number, height: number, container?: string): { x: number; y: number } {
  const others = boxes.filter((id) => id !== container).map((id) => rects.get(id)).filter((r): r is Rect => r !== undefined && !(r.x <= box.x && r.y <= box.y && r.x + r.width >= box.x + box.width && r.y + r.height >= box.y + box.height));
  const free = (px: number, py: number) => others.every((r) => px + width + 16 <= r.x || r.x + r.width + 16 <= px || py + height + 16 <= r.y || r.y + r.height + 16 <= py);
  const x0 = box.x + BOUNDARY_PAD;
  const y0 = box.y + BOUNDARY_HEADER + 8;
  for (let y = y0; y + height <= box.y + box.height - BOUNDARY_PAD / 2; y += 24) {
    for (let x = x0; x + width <= box.x + box.width - BOUNDARY_PAD / 2; x += 24) if (free(x, y)) return { x, y };
  }
  const within = others.filter((r) => r.x >= box.x && r.y >= box.y && r.x + r.width <= box.x + box.width && r.y + r.height <= box.y + box.height);
  return { x: x0, y: within.length > 0 ? extentOf(within).maxY + 24 : y0 };
}

/**
 * Where a new element goes when it is added with the view centred on `at`: into the innermost
 * boundary under that point, at a free spot inside it (or a free spot near the point outside any
 * boundary), never on top of a component or another boundary. A new boundary is 360 × 240 and
 * goes where it covers nothing.
 */
export function placeNew(model: Model, rects: ReadonlyMap<string, Rect>, what: 'component' | 'boundary', at: { x: number; y: number }): { position: Position; boundary: string | undefined } {
  const inside = boundaryAt(model, rects, at.x, at.y);
  const box = inside ? rects.get(inside) : undefined;
  const all = [...(model.components ?? []).map((c) => c.id), ...(model.boundaries ?? []).map((b) => b.id)];
  const [width, height] = what === 'boundary' ? [360, 240] : [NODE_WIDTH, NODE_HEIGHT];
  if (box && inside) {
    const spot = freeSpotIn(rects, all, box, width, height, inside);
    return { position: what === 'boundary' ? { ...spot, width, height } : spot, boundary: inside };
  }
  const spot = freeSpot(rects, all, at.x - width / 2, at.y - height / 2, width, height);
  return { position: what === 'boundary' ? { ...spot, width, height } : spot, boundary: undefined };
}
