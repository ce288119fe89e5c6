/**
 * Layout for exported diagrams: positions from the model's `layout.positions` when every component
 * has one, otherwise an ELK layered layout (left to right) with trust boundaries as nested groups.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Model } from '@threatwright/core';
import { extent } from '../../shared/data.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const NODE_SIZE: Record<'process' | 'datastore' | 'external-entity', { width: number; height: number }> = {
  process: { width: 100, height: 100 },
  datastore: { width: 160, height: 80 },
  'external-entity': { width: 160, height: 80 },
};

const PADDING = 30;
const LABEL_SPACE = 30;

/**
 * Absolute boxes for every component and boundary. `source` says where they came from. `lines` are
 * boundaries drawn as lines across flows: they get a box only from a stored position (their extent).
 */
export async function layoutModel(model: Model, lines: ReadonlySet<string> = new Set()): Promise<{ boxes: Map<string, Box>; routes: Map<string, { x: number; y: number }[]>; source: 'model' | 'elk' }> {
  const components = model.components ?? [];
  const positions = model.layout?.positions ?? {};
  if (components.length > 0 && components.every((c) => positions[c.id])) {
    const boxes = new Map<string, Box>();
    for (const c of components) {
      const p = positions[c.id];
      if (p) boxes.set(c.id, { x: p.x, y: p.y, width: p.width ?? NODE_SIZE[c.kind].width, height: p.height ?? NODE_SIZE[c.kind].height });
    }
    fitBoundaries(model, boxes, lines);
    return { boxes, routes: new Map(), source: 'model' };
  }
  return { ...(await elkLayout(model, lines)), source: 'elk' };
}

/** Boundaries keep their stored box when it has a size; otherwise they wrap their members (innermost first). */
function fitBoundaries(model: Model, boxes: Map<string, Box>, lines: ReadonlySet<string>): void {
  const boundaries = model.boundaries ?? [];
  const positions = model.layout?.positions ?? {};
  const depth = (id: string, seen = new Set<string>()): number => {
    const parent = boundaries.find((b) => b.id === id)?.parent;
    if (!parent || seen.has(parent)) return 0;
    seen.add(parent);
    return 1 + depth(parent, seen);
  };
  for (const b of [...boundaries].sort((a, c) => depth(c.id) - depth(a.id))) {
    const stored = positions[b.id];
    if (stored?.width !== undefined && stored.height !== undefined) {
      boxes.set(b.id, { x: stored.x, y: stored.y, width: stored.width, height: stored.height });
      continue;
    }
    if (lines.has(b.id)) continue;
    const members = [...(model.components ?? []).filter((c) => c.boundary === b.id).map((c) => c.id), ...boundaries.filter((x) => x.parent === b.id).map((x) => x.id)]
      .map((id) => boxes.get(id))
      .filter((x): x is Box => x !== undefined);
    if (members.length === 0) continue;
    const x = (extent(members.map((m) => m.x))?.[0] ?? 0) - PADDING;
    const y = (extent(members.map((m) => m.y))?.[0] ?? 0) - PADDING - LABEL_SPACE;
    const right = (extent(members.map((m) => m.x + m.width))?.[1] ?? 0) + PADDING;
    const bottom = (extent(members.map((m) => m.y + m.height))?.[1] ?? 0) + PADDING;
    boxes.set(b.id, { x, y, width: right - x, height: bottom - y });
  }
}

async function elkLayout(model: Model, lines: ReadonlySet<string>): Promise<{ boxes: Map<string, Box>; routes: Map<string, { x: number; y: number }[]> }> {
  // A line encloses nothing: it is drawn across its flows once they are placed, not as a group.
  const boundaries = (model.boundaries ?? []).filter((b) => !lines.has(b.id));
  const known = new Set(boundaries.map((b) => b.id));
  const nodeOf = new Map<string, ElkNode>();
  for (const b of boundaries) nodeOf.set(b.id, { id: b.id, children: [], layoutOptions: { 'elk.padding': `[top=${PADDING + LABEL_SPACE},left=${PADDING},bottom=${PADDING},right=${PADDING}]` } });
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.spacing.nodeNode': '60',
      'elk.layered.spacing.nodeNodeBetweenLayers': '120',
      'elk.spacing.edgeNode': '30',
    },
    children: [],
    edges: [],
  };
  const parentOf = (boundary: string | undefined): ElkNode => (boundary && known.has(boundary) ? (nodeOf.get(boundary) ?? root) : root);
  for (const b of boundaries) {
    // A parent that does not exist, or a cycle, puts the boundary at the top level.
    let cyclic = false;
    const seen = new Set([b.id]);
    for (let p = b.parent; p; p = boundaries.find((x) => x.id === p)?.parent) {
      if (seen.has(p)) {
        cyclic = true;
        break;
      }
      seen.add(p);
    }
    const node = nodeOf.get(b.id);
    if (node) (cyclic ? root : parentOf(b.parent)).children?.push(node);
  }
  for (const c of model.components ?? []) parentOf(c.boundary).children?.push({ id: c.id, ...NODE_SIZE[c.kind] });
  const componentIds = new Set((model.components ?? []).map((c) => c.id));
  root.edges = (model.flows ?? []).filter((f) => componentIds.has(f.from) && componentIds.has(f.to)).map((f) => ({ id: f.id, sources: [f.from], targets: [f.to] }));
  // Boundaries with nothing in them still need a size.
  for (const node of nodeOf.values()) if (node.children?.length === 0) Object.assign(node, { width: 160, height: 100 });

  const laidOut = await new ELK().layout(root);
  const boxes = new Map<string, Box>();
  const walk = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      boxes.set(child.id, { x: Math.round(x), y: Math.round(y), width: Math.round(child.width ?? 0), height: Math.round(child.height ?? 0) });
      walk(child, x, y);
    }
  };
  walk(laidOut, 40, 40);
  // Bend points keep parallel flows apart (edges are defined on the root, so coordinates are absolute).
  const routes = new Map<string, { x: number; y: number }[]>();
  for (const edge of laidOut.edges ?? []) {
    const points = (edge.sections ?? []).flatMap((sec) => sec.bendPoints ?? []).map((p) => ({ x: Math.round(p.x + 40), y: Math.round(p.y + 40) }));
    if (points.length > 0) routes.set(edge.id, points);
  }
  return { boxes, routes };
}
