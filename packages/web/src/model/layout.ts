/**
 * Where things are drawn. Positions live in the model's optional `layout.positions` section as
 * absolute canvas coordinates (boundaries with width and height); nothing about the drawing is
 * stored elsewhere. Models without positions are laid out automatically (ELK), which is kept
 * out of the file until the user arranges something.
 */
import type { ElkNode, ElkExtendedEdge } from 'elkjs/lib/elk-api.js';
import type { Model } from '@threatwright/core';
import { ancestors, positionsOf, type Position } from './ops.js';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 72;
export const BOUNDARY_PAD = 28;
export const BOUNDARY_HEADER = 36;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
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
 * Absolute rectangles of every component and boundary: stored positions first, then `auto`,
 * then a free spot; boundaries without a stored size wrap what they contain.
 */
export function resolveRects(model: Model, auto: Readonly<Record<string, Position>> = {}): Map<string, Rect> {
  const stored = positionsOf(model);
  const rects = new Map<string, Rect>();
  const pick = (id: string): Position | undefined => stored[id] ?? auto[id];
  let bottom = 0;
  for (const c of model.components ?? []) {
    const p = pick(c.id);
    if (p) {
      rects.set(c.id, { x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT });
      bottom = Math.max(bottom, p.y + NODE_HEIGHT);
    }
  }
  const order = boundaryOrder(model);
  for (const id of order) {
    const p = pick(id);
    if (p?.width !== undefined && p.height !== undefined) {
      rects.set(id, { x: p.x, y: p.y, width: p.width, height: p.height });
      bottom = Math.max(bottom, p.y + p.height);
    }
  }
  // Components with no position: a row under everything, or inside their boundary when it is known.
  let nextX = 0;
  const rowY = bottom + 80;
  const fill = new Map<string, number>();
  for (const c of model.components ?? []) {
    if (rects.has(c.id)) continue;
    const inside = containerOf(model, c.id);
    const box = inside ? rects.get(inside) : undefined;
    if (box) {
      const n = fill.get(inside ?? '') ?? 0;
      fill.set(inside ?? '', n + 1);
      const perRow = Math.max(1, Math.floor((box.width - BOUNDARY_PAD) / (NODE_WIDTH + 24)));
      rects.set(c.id, { x: box.x + BOUNDARY_PAD + (n % perRow) * (NODE_WIDTH + 24), y: box.y + BOUNDARY_HEADER + 8 + Math.floor(n / perRow) * (NODE_HEIGHT + 24), width: NODE_WIDTH, height: NODE_HEIGHT });
    } else {
      rects.set(c.id, { x: nextX, y: rowY, width: NODE_WIDTH, height: NODE_HEIGHT });
      nextX += NODE_WIDTH + 40;
    }
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

/** The ELK graph of the model: boundaries as compound nodes, components as leaves, flows as edges. */
export function elkGraph(model: Model): ElkNode {
  const nodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.spacing.nodeNode': '64',
      'elk.layered.spacing.nodeNodeBetweenLayers': '230',
      'elk.spacing.componentComponent': '80',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.edgeRouting': 'POLYLINE',
    },
    children: [],
    edges: [],
  };
  const order = boundaryOrder(model);
  for (const id of order) {
    nodes.set(id, { id, children: [], layoutOptions: { 'elk.padding': `[top=${BOUNDARY_HEADER + 12},left=${BOUNDARY_PAD},bottom=${BOUNDARY_PAD},right=${BOUNDARY_PAD}]` } });
  }
  for (const c of model.components ?? []) nodes.set(c.id, { id: c.id, width: NODE_WIDTH, height: NODE_HEIGHT });
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
  for (const f of model.flows ?? []) {
    if (nodes.has(f.from) && nodes.has(f.to) && f.from !== f.to) edges.push({ id: f.id, sources: [f.from], targets: [f.to] });
  }
  root.edges = edges;
  return root;
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
    return positionsFromElk(await elk.layout(elkGraph(model)), model);
  } catch {
    return gridLayout(model);
  }
}

/** The nearest spot to (x, y) where a new element of this size overlaps no component. */
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
