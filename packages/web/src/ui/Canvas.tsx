/**
 * The data-flow diagram (React Flow): components as nodes, trust boundaries as nested group
 * nodes, flows as edges. The canvas keeps drag positions locally and writes them to the model
 * (its `layout` section) when a drag ends, as one undoable step.
 */
import { createContext, memo, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BaseEdge,
  ConnectionMode,
  Controls,
  EdgeLabelRenderer,
  getViewportForBounds,
  Handle,
  MiniMap,
  NodeResizer,
  Position as Side,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  ViewportPortal,
  type Connection,
  type ReactFlowState,
  type Edge,
  type EdgeChange,
  type EdgeProps,
  type Node,
  type NodeChange,
  type NodeProps,
  type OnSelectionChangeParams,
  type Viewport,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { bandName, type Boundary, type Component, type Flow, type Model } from '@threatwright/core';
import { worstBandByElement, type Badge, type ThreatRow } from '../model/analysis.js';
import { edgePoint, trustLevel } from '../model/export-svg.js';
import { boundaryAt, boundaryOrder, containerOf, extentOf, flowLabel, idLine, kindLine, lineBoundaries, NODE_HEIGHT, NODE_WIDTH, type Point, type Rect, type Route } from '../model/layout.js';
import { routeFlows, routePath, type BoundaryLine } from '../model/routing.js';
import { addFlow, updateItem, withPositions, ancestors, type Position } from '../model/ops.js';

type ComponentData = { component: Component; onBadge: (id: string) => void };
type BoundaryData = { boundary: Boundary; level: string | undefined; depth: number; onResized: (id: string, r: Rect) => void };
type FlowData = { flow: Flow; offset: number; crossing: boolean; selected: boolean; route: Route | undefined; ends: readonly [Rect, Rect] };
type LineData = { boundary: Boundary; level: string | undefined; line: BoundaryLine; origin: Point };
type ComponentNodeT = Node<ComponentData, 'component'>;
type BoundaryNodeT = Node<BoundaryData, 'boundary'>;
type LineNodeT = Node<LineData, 'boundaryLine'>;
type FlowEdgeT = Edge<FlowData, 'flow'>;

/**
 * Every component has a handle of no size at its centre, and flows are attached to it: the
 * coordinates React Flow hands an edge are then the centres of its two components, so an edge
 * needs no subscription of its own to the nodes (thousands of them would slow every update).
 */
const CENTER = 'center';

/**
 * Below this zoom a component's text cannot be read: it is drawn as its shape alone, with no
 * handles to draw flows from (zoom in to connect), which keeps a diagram of thousands quick.
 */
const DETAIL_ZOOM = 0.3;
const detailVisible = (s: ReactFlowState) => s.transform[2] >= DETAIL_ZOOM;
const Detail = createContext(true);

/**
 * The worst open band (and count) of each element's threats, published to the nodes and edges that
 * show them. Each subscribes to its own element, so a new analysis redraws only the elements whose
 * badge changed, and never makes React Flow reconsider the whole diagram.
 */
class Badges {
  private map: ReadonlyMap<string, Badge> = new Map();
  private readonly listeners = new Set<() => void>();
  readonly subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };
  /** Changes with every new set of badges. */
  version = 0;
  set(map: ReadonlyMap<string, Badge>): void {
    if (map === this.map) return;
    this.map = map;
    this.version++;
    for (const fn of this.listeners) fn();
  }
  band(id: string): Badge['band'] | undefined {
    return this.map.get(id)?.band;
  }
  count(id: string): number {
    return this.map.get(id)?.count ?? 0;
  }
  unrated(id: string): number {
    return this.map.get(id)?.unrated ?? 0;
  }
}
const BadgesOf = createContext(new Badges());

/** Read as plain values, so a new analysis redraws only the nodes whose badge says something else. */
function useBadge(id: string): Badge | undefined {
  const badges = useContext(BadgesOf);
  const band = useSyncExternalStore(badges.subscribe, () => badges.band(id));
  const count = useSyncExternalStore(badges.subscribe, () => badges.count(id));
  const unrated = useSyncExternalStore(badges.subscribe, () => badges.unrated(id));
  return band === undefined ? undefined : { band, count, unrated };
}

/** "3 open threats, worst P1 high (1 unrated): show them", in the words every output uses. */
function badgeTitle(b: Badge): string {
  const worst = b.band === 'unrated' ? 'none rated' : `worst ${bandName(b.band)}${b.unrated > 0 ? ` (${String(b.unrated)} unrated)` : ''}`;
  return `${String(b.count)} open threat${b.count === 1 ? '' : 's'}, ${worst}: show them`;
}

const ComponentNode = memo(function ComponentNode({ data, selected }: NodeProps<ComponentNodeT>) {
  const c = data.component;
  const detail = useContext(Detail);
  const badge = useBadge(c.id);
  const className = `dfd-node kind-${c.kind}${selected ? ' selected' : ''}${c.out_of_scope ? ' out-of-scope' : ''}`;
  if (!detail) {
    return (
      <div className={`${className} far${badge ? ` worst-${badge.band}` : ''}`} data-testid={`node-${c.id}`} title={c.name}>
        <Handle id={CENTER} type="source" position={Side.Top} className="center-handle" isConnectableStart={false} />
      </div>
    );
  }
  return (
    <div className={className} data-testid={`node-${c.id}`}>
      {(['top', 'right', 'bottom', 'left'] as const).map((s) => (
        <Handle key={s} id={s} type="source" position={s === 'top' ? Side.Top : s === 'right' ? Side.Right : s === 'bottom' ? Side.Bottom : Side.Left} className="handle" />
      ))}
      <Handle id={CENTER} type="source" position={Side.Top} className="center-handle" isConnectableStart={false} />
      <div className="node-kind">{kindLine(c)}</div>
      <div className="node-name" title={c.name}>{c.name}</div>
      <div className="node-id">{idLine(c)}</div>
      {badge ? (
        <button className={`badge band-${badge.band} nodrag`} title={badgeTitle(badge)} onClick={(e) => { e.stopPropagation(); data.onBadge(c.id); }}>
          {badge.count}
        </button>
      ) : null}
    </div>
  );
});

const BoundaryNode = memo(function BoundaryNode({ data, selected, id }: NodeProps<BoundaryNodeT>) {
  const b = data.boundary;
  return (
    <div className={`boundary trust-${data.level ?? 'unknown'}${selected ? ' selected' : ''}`} data-testid={`boundary-${b.id}`}>
      <NodeResizer isVisible={selected} minWidth={200} minHeight={120} lineClassName="resize-line" handleClassName="resize-handle" onResizeEnd={(_e, p) => { data.onResized(id, { x: p.x, y: p.y, width: p.width, height: p.height }); }} />
      <div className="boundary-header">
        <span className="boundary-name" title={b.name}>{b.name}</span>
        <span className="boundary-trust">{data.level ?? 'trust not stated'}</span>
        <span className="boundary-id">{b.id}</span>
      </div>
    </div>
  );
});

/**
 * A boundary drawn as a line (a trust-boundary curve from another tool): a dashed line across the
 * flows that cross it, with its name at one end. Only the line and the name take clicks.
 */
const BoundaryLineNode = memo(function BoundaryLineNode({ data, selected }: NodeProps<LineNodeT>) {
  const b = data.boundary;
  const pts = data.line.points.map((p) => `${p.x - data.origin.x},${p.y - data.origin.y}`).join(' ');
  const n = data.line.name;
  return (
    <div className={`boundary-line trust-${data.level ?? 'unknown'}${selected ? ' selected' : ''}`} data-testid={`boundary-${b.id}`}>
      <svg className="boundary-line-path" width="100%" height="100%">
        <polyline points={pts} />
      </svg>
      <div className="boundary-line-name" style={{ left: n.x - data.origin.x, top: n.y - data.origin.y, width: n.width, height: n.height }} title={`${b.name} (${b.id}): a trust boundary drawn as a line across the flows that list it in \`crosses\``}>
        {b.name}
      </div>
    </div>
  );
});

/** Labels are unreadable when zoomed far out, and thousands of them slow a large diagram down. */
const LABEL_ZOOM = 0.45;
const labelsVisible = (s: ReactFlowState) => s.transform[2] >= LABEL_ZOOM;
/** Whether flow labels are drawn: one subscription to the zoom for the whole diagram, not one per flow. */
const LabelsVisible = createContext(true);


function FlowEdge({ id, sourceX, sourceY, targetX, targetY, data, markerEnd, markerStart }: EdgeProps<FlowEdgeT>) {
  const showLabel = useContext(LabelsVisible);
  const badges = useContext(BadgesOf);
  const band = useSyncExternalStore(badges.subscribe, () => badges.band(id));
  if (!data) return null;
  const [ra, rb] = data.ends;
  // The route holds while both ends are where it was made for; during a drag the flow is drawn
  // from where React Flow has its ends now, and routed again when the drag ends.
  const still = Math.abs(sourceX - (ra.x + ra.width / 2)) < 0.5 && Math.abs(sourceY - (ra.y + ra.height / 2)) < 0.5 && Math.abs(targetX - (rb.x + rb.width / 2)) < 0.5 && Math.abs(targetY - (rb.y + rb.height / 2)) < 0.5;
  const box = (r: Rect, cx: number, cy: number): Rect => ({ x: cx - r.width / 2, y: cy - r.height / 2, width: r.width, height: r.height });
  const route = still ? data.route : undefined;
  const moving = route ? undefined : flowPath(box(ra, sourceX, sourceY), box(rb, targetX, targetY), data.offset);
  const path = route ? routePath(route.points) : (moving?.path ?? '');
  const f = data.flow;
  const label = flowLabel(f);
  const lx = route ? route.label.x + route.label.width / 2 : (moving?.lx ?? 0);
  const ly = route ? route.label.y + route.label.height / 2 : (moving?.ly ?? 0);
  return (
    <>
      <BaseEdge id={id} path={path} className={`flow-edge${band ? ` band-${band}` : ''}${f.encrypted === false ? ' plain' : ''}${data.crossing ? ' crossing' : ''}${data.selected ? ' selected' : ''}`} {...(markerEnd ? { markerEnd } : {})} {...(markerStart ? { markerStart } : {})} interactionWidth={showLabel ? 12 : 0} />
      {showLabel || data.selected ? <EdgeLabelRenderer>
        <div className={`flow-label nodrag nopan${data.selected ? ' selected' : ''}`} style={{ width: label.width, height: label.height, transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }} title={`${f.label ? `${f.id} · ${f.label}` : f.id}${f.protocol ? ` (${f.protocol})` : ''}`} data-testid={`flow-${f.id}`}>
          {f.encrypted === true ? <LockIcon open={false} /> : f.encrypted === false ? <LockIcon open /> : null}
          <span className="flow-label-text">{label.text}</span>
        </div>
      </EdgeLabelRenderer> : null}
    </>
  );
}

/** The path of a flow between two component rectangles, bent by `offset` (shared by both ways of drawing flows). */
function flowPath(a: Rect, b: Rect, offset: number): { path: string; lx: number; ly: number } {
  const [x1, y1] = edgePoint(a, b);
  const [x2, y2] = edgePoint(b, a);
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  // Parallel flows between the same two elements bend apart so each stays visible.
  const nx = -(y2 - y1) / len;
  const ny = (x2 - x1) / len;
  const cx = (x1 + x2) / 2 + nx * offset * 2;
  const cy = (y1 + y2) / 2 + ny * offset * 2;
  return { path: `M ${x1},${y1} Q ${cx},${cy} ${x2},${y2}`, lx: 0.25 * x1 + 0.5 * cx + 0.25 * x2, ly: 0.25 * y1 + 0.5 * cy + 0.25 * y2 };
}

/**
 * Flows when zoomed far out: all of them in a handful of paths (one per look) instead of one
 * React Flow edge each, which on a large diagram is most of the cost of drawing it. They follow
 * the nodes as React Flow has them, so they move with a drag. A selected flow stays a real edge.
 */
function FarFlows({ nodes, edges }: { nodes: readonly Node[]; edges: readonly FlowEdgeT[] }) {
  const badges = useContext(BadgesOf);
  const version = useSyncExternalStore(badges.subscribe, () => badges.version);
  // The geometry follows the nodes; the colours follow the analysis.
  const drawn = useMemo(() => {
    const abs = new Map<string, Rect>();
    // Parents come before their children in the nodes.
    for (const n of nodes) {
      const p = n.parentId ? abs.get(n.parentId) : undefined;
      abs.set(n.id, { x: n.position.x + (p?.x ?? 0), y: n.position.y + (p?.y ?? 0), width: n.width ?? NODE_WIDTH, height: n.height ?? NODE_HEIGHT });
    }
    const out: { id: string; look: string; path: string }[] = [];
    for (const e of edges) {
      const a = abs.get(e.source);
      const b = abs.get(e.target);
      if (!a || !b || !e.data || e.selected) continue;
      const f = e.data.flow;
      const look = `${f.encrypted === false ? ' plain' : ''}${e.data.crossing ? ' crossing' : ''}`;
      out.push({ id: e.id, look, path: flowPath(a, b, e.data.offset).path });
    }
    return out;
  }, [nodes, edges]);
  const paths = useMemo(() => {
    const byLook = new Map<string, string[]>();
    for (const d of drawn) {
      const band = badges.band(d.id);
      const look = `flow-edge far${band ? ` band-${band}` : ''}${d.look}`;
      const list = byLook.get(look);
      if (list) list.push(d.path);
      else byLook.set(look, [d.path]);
    }
    return [...byLook].map(([look, list]) => ({ look, d: list.join(' ') }));
    // `version` stands for the badges' bands, read through `badges`.
  }, [drawn, badges, version]);
  return (
    <svg className="far-flows" data-testid="far-flows">
      {paths.map((p) => <path key={p.look} className={p.look} d={p.d} fill="none" />)}
    </svg>
  );
}

function LockIcon({ open }: { open: boolean }) {
  return (
    <svg className={open ? 'unlock' : 'lock'} width="9" height="11" viewBox="0 0 9 11" role="img" aria-label={open ? 'not encrypted' : 'encrypted'}>
      <path d={open ? 'M2 5V3.2a2.5 2.5 0 0 1 4.8-1' : 'M2 5V3.2a2.5 2.5 0 0 1 5 0V5'} fill="none" stroke="currentColor" strokeWidth="1.3" />
      <rect x="0.5" y="5" width="8" height="5.5" rx="1.2" fill="currentColor" />
    </svg>
  );
}

const FIT = { padding: 0.08, maxZoom: 1.1 };
const MIN_ZOOM = 0.05;
/**
 * The zoom at which the smallest text on a component (11 px) is drawn at 11 px or more. The
 * diagram opens no smaller than this: a diagram wider than the canvas opens at its start (the left,
 * where layered layout puts what enters the system) to be panned, not shrunk until it cannot be read.
 */
export const READABLE_ZOOM = 1;
/** Diagrams with more components than this open fitted whatever the zoom: a thousand boxes are read as a map first. */
const READABLE_LIMIT = 150;

/**
 * The view a diagram opens with in a canvas of this size, worked out from the rectangles the
 * editor already knows (React Flow's own `fitView` first has to draw and measure every node, which
 * on a large diagram means drawing it twice): fitted and centred when that keeps its text
 * readable, else at READABLE_ZOOM from the top left corner of the diagram (centred along an axis
 * where it fits).
 */
export function fittedViewport(rects: ReadonlyMap<string, Rect>, width: number, height: number, readable = rects.size <= READABLE_LIMIT): Viewport {
  if (rects.size === 0) return { x: 0, y: 0, zoom: 1 };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects.values()) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  const fitted = getViewportForBounds({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, width, height, MIN_ZOOM, FIT.maxZoom, FIT.padding);
  if (!readable || fitted.zoom >= READABLE_ZOOM) return fitted;
  const zoom = READABLE_ZOOM;
  const margin = 24;
  const x = (x1 - x0) * zoom + 2 * margin <= width ? (width - (x1 - x0) * zoom) / 2 - x0 * zoom : margin - x0 * zoom;
  const y = (y1 - y0) * zoom + 2 * margin <= height ? (height - (y1 - y0) * zoom) / 2 - y0 * zoom : margin - y0 * zoom;
  return { x, y, zoom };
}
const nodeTypes = { component: ComponentNode, boundary: BoundaryNode, boundaryLine: BoundaryLineNode };
const edgeTypes = { flow: FlowEdge };

/** Above this many components and boundaries flows are drawn straight rather than routed. */
const ROUTED_LIMIT = 300;

/** The top left corner of the box around a boundary line, with room for its stroke. */
function lineBox(line: BoundaryLine): Rect {
  const e = extentOf([...line.points.map((p) => ({ ...p, width: 0, height: 0 })), line.name]);
  return { x: e.minX - 4, y: e.minY - 4, width: e.maxX - e.minX + 8, height: e.maxY - e.minY + 8 };
}

export interface CanvasProps {
  model: Model;
  rects: ReadonlyMap<string, Rect>;
  rows: readonly ThreatRow[];
  selection: readonly string[];
  onSelect: (ids: string[]) => void;
  onEdit: (model: Model, group?: string, select?: string[]) => void;
  onFocusThreats: (id: string) => void;
  centerRef: RefObject<() => { x: number; y: number }>;
  /** Changes when the whole diagram was laid out anew: the view is fitted to it. */
  fitKey: number;
}

const miniColor = (n: Node) => (n.type === 'boundary' ? 'rgba(100,116,139,0.15)' : '#6366f1');
const miniStroke = (n: Node) => (n.type === 'boundary' ? '#94a3b8' : '#4338ca');

const ARROW = { type: 'arrowclosed' as never, width: 16, height: 16 };
const NO_EDGES: FlowEdgeT[] = [];

/** Same items, by identity, in the same order. */
function sameIds<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function CanvasInner({ model, rects, rows, selection, onSelect, onEdit, onFocusThreats, centerRef, fitKey }: CanvasProps) {
  const flow = useReactFlow();
  useEffect(() => {
    if (fitKey === 0) return;
    const t = setTimeout(() => {
      const r = box.current?.getBoundingClientRect();
      if (r && r.width > 0 && r.height > 0) void flow.setViewport(fittedViewport(latest.current.rects, r.width, r.height));
    }, 30);
    return () => { clearTimeout(t); };
  }, [fitKey, flow]);
  const [badgeStore] = useState(() => new Badges());
  const badges = useMemo(() => worstBandByElement(rows), [rows]);
  useLayoutEffect(() => {
    badgeStore.set(badges);
  }, [badgeStore, badges]);
  const selected = useMemo(() => new Set(selection), [selection]);

  // Callbacks handed to every node read the latest model through refs, so they never change and
  // never make React Flow redraw nodes whose own data did not change.
  const latest = useRef({ model, rects, onEdit });
  latest.current = { model, rects, onEdit };
  const onResized = useCallback((id: string, r: Rect) => {
    const { model: m, rects: rs, onEdit: edit } = latest.current;
    const parent = containerOf(m, id);
    const pr = parent ? rs.get(parent) : undefined;
    edit(withPositions(m, { [id]: { x: r.x + (pr?.x ?? 0), y: r.y + (pr?.y ?? 0), width: r.width, height: r.height } }));
  }, []);

  // Routes and labels for every flow, from the same rectangles as the nodes (none on a diagram too
  // large to read at once: its flows are drawn straight).
  const drawing = useMemo(() => (rects.size <= ROUTED_LIMIT ? routeFlows(model, rects) : { routes: new Map<string, Route>(), lines: [] }), [model, rects]);

  // One edit changes a few elements: nodes and edges whose inputs are unchanged keep their object,
  // so React Flow redraws only what changed.
  const nodeCache = useRef(new Map<string, { node: Node; key: readonly unknown[] }>());
  const built = useMemo(() => {
    const cache = nodeCache.current;
    const next = new Map<string, { node: Node; key: readonly unknown[] }>();
    const reuse = (id: string, key: readonly unknown[], make: () => Node): Node => {
      const old = cache.get(id);
      const node = old && sameIds(old.key, key) ? old.node : make();
      next.set(id, { node, key });
      return node;
    };
    const nodes: Node[] = [];
    const lines = lineBoundaries(model);
    const order = boundaryOrder(model).filter((id) => !lines.has(id));
    const byId = new Map((model.boundaries ?? []).map((b) => [b.id, b]));
    for (const id of order) {
      const r = rects.get(id);
      const b = byId.get(id);
      if (!r || !b) continue;
      const parent = containerOf(model, id);
      const pr = parent ? rects.get(parent) : undefined;
      const depth = ancestors(model, id).length;
      const x = r.x - (pr?.x ?? 0);
      const y = r.y - (pr?.y ?? 0);
      nodes.push(
        reuse(id, ['b', b, x, y, r.width, r.height, parent, depth], (): BoundaryNodeT => ({
          id,
          type: 'boundary',
          position: { x, y },
          width: r.width,
          height: r.height,
          data: { boundary: b, level: trustLevel(b.trust), depth, onResized },
          dragHandle: '.boundary-header',
          zIndex: depth,
          ...(parent ? { parentId: parent } : {}),
        })),
      );
    }
    for (const c of model.components ?? []) {
      const r = rects.get(c.id);
      if (!r) continue;
      const parent = containerOf(model, c.id);
      const pr = parent ? rects.get(parent) : undefined;
      const x = r.x - (pr?.x ?? 0);
      const y = r.y - (pr?.y ?? 0);
      nodes.push(
        reuse(c.id, ['c', c, x, y, r.width, parent, onFocusThreats], (): ComponentNodeT => ({
          id: c.id,
          type: 'component',
          position: { x, y },
          width: r.width,
          height: r.height,
          data: { component: c, onBadge: onFocusThreats },
          zIndex: 1000,
          ...(parent ? { parentId: parent } : {}),
        })),
      );
    }
    // Boundaries drawn as lines, across the flows that cross them.
    for (const line of drawing.lines) {
      const b = byId.get(line.id);
      if (!b) continue;
      const lb = lineBox(line);
      const origin = { x: lb.x, y: lb.y };
      nodes.push(
        reuse(line.id, ['l', b, JSON.stringify(line)], (): LineNodeT => ({
          id: line.id,
          type: 'boundaryLine',
          position: origin,
          width: lb.width,
          height: lb.height,
          data: { boundary: b, level: trustLevel(b.trust), line, origin },
          draggable: false,
          zIndex: 900,
        })),
      );
    }
    nodeCache.current = next;
    return nodes;
  }, [model, rects, drawing, onResized, onFocusThreats]);

  const edgeCache = useRef(new Map<string, { edge: FlowEdgeT; key: readonly unknown[] }>());
  const edges = useMemo(() => {
    const cache = edgeCache.current;
    const next = new Map<string, { edge: FlowEdgeT; key: readonly unknown[] }>();
    const comps = new Map((model.components ?? []).map((c) => [c.id, c]));
    const pairs = new Map<string, Flow[]>();
    for (const f of model.flows ?? []) {
      if (!comps.has(f.from) || !comps.has(f.to) || f.from === f.to) continue;
      const key = f.from < f.to ? `${f.from}\u0000${f.to}` : `${f.to}\u0000${f.from}`;
      const list = pairs.get(key);
      if (list) list.push(f);
      else pairs.set(key, [f]);
    }
    const out: FlowEdgeT[] = [];
    for (const list of pairs.values()) {
      list.forEach((f, i) => {
        // Spread parallel flows: 0, +1, -1, +2, … steps, flipped for the reverse direction.
        const step = list.length === 1 ? 0 : (i - (list.length - 1) / 2) * 26;
        const sign = f.from < f.to ? 1 : -1;
        const crossing = comps.get(f.from)?.boundary !== comps.get(f.to)?.boundary || (f.crosses?.length ?? 0) > 0;
        const route = drawing.routes.get(f.id);
        const ra = rects.get(f.from) ?? { x: 0, y: 0, width: NODE_WIDTH, height: NODE_HEIGHT };
        const rb = rects.get(f.to) ?? { x: 0, y: 0, width: NODE_WIDTH, height: NODE_HEIGHT };
        const key = [f, step * sign, crossing, route, ra, rb];
        const old = cache.get(f.id);
        const edge: FlowEdgeT =
          old && sameIds(old.key, key)
            ? old.edge
            : {
                id: f.id,
                source: f.from,
                target: f.to,
                sourceHandle: CENTER,
                targetHandle: CENTER,
                type: 'flow',
                data: { flow: f, offset: step * sign, crossing, selected: false, route, ends: [ra, rb] as const },
                markerEnd: ARROW,
                ...(f.bidirectional ? { markerStart: ARROW } : {}),
                zIndex: 500,
              };
        next.set(f.id, { edge, key });
        out.push(edge);
      });
    }
    edgeCache.current = next;
    return out;
  }, [model, rects, drawing]);

  // React Flow owns the selection on the canvas; the editor's selection follows it, and is pushed
  // into it only when it changes elsewhere (a new element, a click in the threats list).
  const reported = useRef<readonly string[]>(selection);
  const mark = useCallback(<T extends { id: string; selected?: boolean }>(items: T[]): T[] => items.map((n) => (Boolean(n.selected) === selected.has(n.id) ? n : { ...n, selected: selected.has(n.id) })), [selected]);
  const [nodes, setNodes] = useState<Node[]>(() => mark(built));
  const [edgeState, setEdges] = useState<FlowEdgeT[]>(() => mark(edges));
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  // The first nodes and edges are already in the state: only later ones are handed over.
  const handed = useRef({ built, edges });
  // React Flow keeps its own copy of a node once it has measured it: a node whose input did not
  // change keeps that copy, so React Flow does not measure and redraw every node after each edit.
  const handedNodes = useRef(new Map(built.map((n) => [n.id, n])));
  useEffect(() => {
    if (handed.current.built === built) return;
    handed.current.built = built;
    const before = handedNodes.current;
    handedNodes.current = new Map(built.map((n) => [n.id, n]));
    setNodes((current) => {
      const live = new Map(current.map((n) => [n.id, n]));
      return built.map((n) => {
        const kept = before.get(n.id) === n ? live.get(n.id) : undefined;
        return kept ?? (selectedRef.current.has(n.id) ? { ...n, selected: true } : n);
      });
    });
  }, [built]);
  useEffect(() => {
    if (handed.current.edges === edges) return;
    handed.current.edges = edges;
    setEdges(edges.map((e): FlowEdgeT => (selectedRef.current.has(e.id) && e.data ? { ...e, selected: true, data: { ...e.data, selected: true } } : e)));
  }, [edges]);
  useEffect(() => {
    if (sameIds(reported.current, selection)) return;
    reported.current = selection;
    setNodes((ns) => mark(ns));
    setEdges((es) => mark(es).map((e) => (e.data && e.data.selected !== Boolean(e.selected) ? { ...e, data: { ...e.data, selected: Boolean(e.selected) } } : e)));
  }, [selection, mark]);

  useEffect(() => {
    centerRef.current = () => {
      const el = document.querySelector('.react-flow');
      const box = el?.getBoundingClientRect();
      if (!box) return { x: 0, y: 0 };
      const p = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      // Do not stack new elements exactly on top of each other.
      const jitter = ((model.components?.length ?? 0) % 5) * 18;
      return { x: p.x + jitter, y: p.y + jitter };
    };
  }, [flow, centerRef, model]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), ns));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdgeT>[]) => {
    setEdges((es) => applyEdgeChanges(changes.filter((c) => c.type === 'select'), es).map((e) => (e.data && e.data.selected !== Boolean(e.selected) ? { ...e, data: { ...e.data, selected: Boolean(e.selected) } } : e)));
  }, []);

  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: OnSelectionChangeParams) => {
      const ids = [...ns.map((n) => n.id), ...es.map((e) => e.id)];
      if (sameIds(ids, reported.current)) return;
      reported.current = ids;
      onSelect(ids);
    },
    [onSelect],
  );

  const onNodeDragStop = useCallback(
    (_e: unknown, _node: Node, dragged: Node[]) => {
      // Absolute positions of everything, as React Flow has them now (children move with their boundary).
      const changes: Record<string, Position> = {};
      const now = new Map<string, Rect>();
      for (const n of nodes) {
        const internal = flow.getInternalNode(n.id);
        if (!internal || n.type === 'boundaryLine') continue;
        const r = rects.get(n.id);
        const abs = internal.internals.positionAbsolute;
        const rect = { x: abs.x, y: abs.y, width: r?.width ?? n.width ?? NODE_WIDTH, height: r?.height ?? n.height ?? NODE_HEIGHT };
        now.set(n.id, rect);
        changes[n.id] = n.type === 'boundary' ? rect : { x: abs.x, y: abs.y };
      }
      let next = withPositions(model, changes);
      // Dropping an element into a boundary puts it in that boundary (and out of the old one).
      for (const d of dragged) {
        const r = now.get(d.id);
        if (!r) continue;
        if (d.type === 'component') {
          const inside = boundaryAt(next, now, r.x + r.width / 2, r.y + r.height / 2);
          const current = next.components?.find((c) => c.id === d.id)?.boundary;
          if (inside !== current) next = updateItem(next, 'components', d.id, { boundary: inside });
        } else if (d.type === 'boundary') {
          const inside = boundaryAt(next, now, r.x + 10, r.y + 10, d.id);
          const current = next.boundaries?.find((b) => b.id === d.id)?.parent;
          if (inside !== current) next = updateItem(next, 'boundaries', d.id, { parent: inside });
        }
      }
      onEdit(next);
    },
    [nodes, flow, rects, model, onEdit],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      const r = addFlow(model, c.source, c.target);
      onEdit(r.model, undefined, [r.id]);
    },
    [model, onEdit],
  );

  // The diagram opens fitted to the canvas, which is measured before the first paint.
  const box = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Viewport | false | undefined>(undefined);
  useLayoutEffect(() => {
    const r = box.current?.getBoundingClientRect();
    setOpening(r && r.width > 0 && r.height > 0 ? fittedViewport(latest.current.rects, r.width, r.height) : false);
  }, []);

  const big = nodes.length > 300;
  const selectedEdges = useMemo(() => {
    const picked = edgeState.filter((e) => e.selected);
    return picked.length > 0 ? picked : NO_EDGES;
  }, [edgeState]);
  // Until React Flow has taken the opening view, its zoom is not that of the view: the opening
  // view's zoom decides, so a large diagram is not first drawn in full detail and then again.
  const [ready, setReady] = useState(false);
  const onInit = useCallback(() => {
    setReady(true);
  }, []);
  const storeLabels = useStore(labelsVisible);
  const storeDetail = useStore(detailVisible);
  const early = ready || !opening ? undefined : opening.zoom;
  const showLabels = early === undefined ? storeLabels : early >= LABEL_ZOOM;
  const detail = early === undefined ? storeDetail : early >= DETAIL_ZOOM;
  // Handles come and go with the detail: React Flow measures them again.
  const updateInternals = useUpdateNodeInternals();
  const detailWas = useRef(detail);
  useEffect(() => {
    if (detailWas.current === detail) return;
    detailWas.current = detail;
    updateInternals((latest.current.model.components ?? []).map((c) => c.id));
  }, [detail, updateInternals]);
  return (
    <BadgesOf value={badgeStore}>
    <Detail value={detail}>
    <LabelsVisible value={showLabels}>
    <div className="canvas" data-testid="canvas" data-layouts={fitKey} ref={box}>
      {opening === undefined ? null : <ReactFlow
        nodes={nodes}
        edges={detail ? edgeState : selectedEdges}
        onEdgesChange={onEdgesChange}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onSelectionChange={onSelectionChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        onlyRenderVisibleElements={big}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        {...(opening ? { defaultViewport: opening } : { fitView: true, fitViewOptions: FIT })}
        elevateNodesOnSelect={false}
        onInit={onInit}
      >
        <Background gap={24} size={1.2} color="#d5dae1" />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={miniColor} nodeStrokeColor={miniStroke} />
        {detail ? null : (
          <ViewportPortal>
            <FarFlows nodes={nodes} edges={edgeState} />
          </ViewportPortal>
        )}
      </ReactFlow>}
    </div>
    </LabelsVisible>
    </Detail>
    </BadgesOf>
  );
}

export function Canvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}
