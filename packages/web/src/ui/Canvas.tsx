/**
 * The data-flow diagram (React Flow): components as nodes, trust boundaries as nested group
 * nodes, flows as edges. The canvas keeps drag positions locally and writes them to the model
 * (its `layout` section) when a drag ends, as one undoable step.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BaseEdge,
  ConnectionMode,
  Controls,
  EdgeLabelRenderer,
  Handle,
  MiniMap,
  NodeResizer,
  Position as Side,
  ReactFlow,
  ReactFlowProvider,
  useInternalNode,
  useReactFlow,
  useStore,
  type Connection,
  type ReactFlowState,
  type Edge,
  type EdgeChange,
  type EdgeProps,
  type Node,
  type NodeChange,
  type NodeProps,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Boundary, Component, Flow, Model } from '@threatwright/core';
import { worstBandByElement, type Band, type ThreatRow } from '../model/analysis.js';
import { edgePoint, trustLevel } from '../model/export-svg.js';
import { boundaryAt, boundaryOrder, containerOf, NODE_HEIGHT, NODE_WIDTH, type Rect } from '../model/layout.js';
import { addFlow, updateItem, withPositions, ancestors, type Position } from '../model/ops.js';

type ComponentData = { component: Component; badge: { band: Band; count: number } | undefined; onBadge: (id: string) => void };
type BoundaryData = { boundary: Boundary; level: string | undefined; depth: number; onResized: (id: string, r: Rect) => void };
type FlowData = { flow: Flow; offset: number; band: Band | undefined; crossing: boolean; selected: boolean };
type ComponentNodeT = Node<ComponentData, 'component'>;
type BoundaryNodeT = Node<BoundaryData, 'boundary'>;
type FlowEdgeT = Edge<FlowData, 'flow'>;

const KIND_LABEL: Record<Component['kind'], string> = { process: 'Process', datastore: 'Data store', 'external-entity': 'External entity' };

const ComponentNode = memo(function ComponentNode({ data, selected }: NodeProps<ComponentNodeT>) {
  const c = data.component;
  return (
    <div className={`dfd-node kind-${c.kind}${selected ? ' selected' : ''}${c.out_of_scope ? ' out-of-scope' : ''}`} data-testid={`node-${c.id}`}>
      {(['top', 'right', 'bottom', 'left'] as const).map((s) => (
        <Handle key={s} id={s} type="source" position={s === 'top' ? Side.Top : s === 'right' ? Side.Right : s === 'bottom' ? Side.Bottom : Side.Left} className="handle" />
      ))}
      <div className="node-kind">
        {KIND_LABEL[c.kind]}
        {c.type ? ` · ${c.type}` : ''}
      </div>
      <div className="node-name" title={c.name}>{c.name}</div>
      <div className="node-id">{c.id}{c.tech ? ` · ${c.tech}` : ''}</div>
      {data.badge ? (
        <button className={`badge band-${data.badge.band} nodrag`} title={`${data.badge.count} open threat${data.badge.count === 1 ? '' : 's'}, worst ${data.badge.band}: show them`} onClick={(e) => { e.stopPropagation(); data.onBadge(c.id); }}>
          {data.badge.count}
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

/** Labels are unreadable when zoomed far out, and thousands of them slow a large diagram down. */
const labelsVisible = (s: ReactFlowState) => s.transform[2] >= 0.45;

function FlowEdge({ id, source, target, data, markerEnd, markerStart }: EdgeProps<FlowEdgeT>) {
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  const showLabel = useStore(labelsVisible);
  if (!s || !t || !data) return null;
  const rect = (n: typeof s): Rect => ({ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width: n.measured.width ?? NODE_WIDTH, height: n.measured.height ?? NODE_HEIGHT });
  const a = rect(s);
  const b = rect(t);
  const [x1, y1] = edgePoint(a, b);
  const [x2, y2] = edgePoint(b, a);
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  // Parallel flows between the same two elements bend apart so each stays visible.
  const nx = -(y2 - y1) / len;
  const ny = (x2 - x1) / len;
  const cx = (x1 + x2) / 2 + nx * data.offset * 2;
  const cy = (y1 + y2) / 2 + ny * data.offset * 2;
  const path = `M ${x1},${y1} Q ${cx},${cy} ${x2},${y2}`;
  const lx = 0.25 * x1 + 0.5 * cx + 0.25 * x2;
  const ly = 0.25 * y1 + 0.5 * cy + 0.25 * y2;
  const f = data.flow;
  const text = f.label ? `${f.id} · ${f.label}` : f.id;
  return (
    <>
      <BaseEdge id={id} path={path} className={`flow-edge${data.band ? ` band-${data.band}` : ''}${f.encrypted === false ? ' plain' : ''}${data.crossing ? ' crossing' : ''}${data.selected ? ' selected' : ''}`} {...(markerEnd ? { markerEnd } : {})} {...(markerStart ? { markerStart } : {})} interactionWidth={14} />
      {showLabel || data.selected ? <EdgeLabelRenderer>
        <div className={`flow-label nodrag nopan${data.selected ? ' selected' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }} title={`${text}${f.protocol ? ` (${f.protocol})` : ''}`} data-testid={`flow-${f.id}`}>
          {f.encrypted === true ? <LockIcon open={false} /> : f.encrypted === false ? <LockIcon open /> : null}
          {text.length > 26 ? `${text.slice(0, 25)}…` : text}
        </div>
      </EdgeLabelRenderer> : null}
    </>
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
const nodeTypes = { component: ComponentNode, boundary: BoundaryNode };
const edgeTypes = { flow: FlowEdge };

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

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function CanvasInner({ model, rects, rows, selection, onSelect, onEdit, onFocusThreats, centerRef, fitKey }: CanvasProps) {
  const flow = useReactFlow();
  useEffect(() => {
    if (fitKey === 0) return;
    const t = setTimeout(() => void flow.fitView({ padding: 0.08, maxZoom: 1.1 }), 30);
    return () => { clearTimeout(t); };
  }, [fitKey, flow]);
  const badges = useMemo(() => worstBandByElement(rows), [rows]);
  const selected = useMemo(() => new Set(selection), [selection]);

  const onResized = useCallback(
    (id: string, r: Rect) => {
      const parent = containerOf(model, id);
      const pr = parent ? rects.get(parent) : undefined;
      onEdit(withPositions(model, { [id]: { x: r.x + (pr?.x ?? 0), y: r.y + (pr?.y ?? 0), width: r.width, height: r.height } }));
    },
    [model, rects, onEdit],
  );

  const built = useMemo(() => {
    const nodes: Node[] = [];
    const order = boundaryOrder(model);
    const byId = new Map((model.boundaries ?? []).map((b) => [b.id, b]));
    for (const id of order) {
      const r = rects.get(id);
      const b = byId.get(id);
      if (!r || !b) continue;
      const parent = containerOf(model, id);
      const pr = parent ? rects.get(parent) : undefined;
      const depth = ancestors(model, id).length;
      const node: BoundaryNodeT = {
        id,
        type: 'boundary',
        position: { x: r.x - (pr?.x ?? 0), y: r.y - (pr?.y ?? 0) },
        width: r.width,
        height: r.height,
        data: { boundary: b, level: trustLevel(b.trust), depth, onResized },
        dragHandle: '.boundary-header',
        zIndex: depth,
        ...(parent ? { parentId: parent } : {}),
      };
      nodes.push(node);
    }
    for (const c of model.components ?? []) {
      const r = rects.get(c.id);
      if (!r) continue;
      const parent = containerOf(model, c.id);
      const pr = parent ? rects.get(parent) : undefined;
      const node: ComponentNodeT = {
        id: c.id,
        type: 'component',
        position: { x: r.x - (pr?.x ?? 0), y: r.y - (pr?.y ?? 0) },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: { component: c, badge: badges.get(c.id), onBadge: onFocusThreats },
        zIndex: 1000,
        ...(parent ? { parentId: parent } : {}),
      };
      nodes.push(node);
    }
    return nodes;
  }, [model, rects, badges, onResized, onFocusThreats]);

  const edges = useMemo(() => {
    const comps = new Map((model.components ?? []).map((c) => [c.id, c]));
    const pairs = new Map<string, Flow[]>();
    for (const f of model.flows ?? []) {
      if (!comps.has(f.from) || !comps.has(f.to) || f.from === f.to) continue;
      const key = [f.from, f.to].sort().join('\u0000');
      pairs.set(key, [...(pairs.get(key) ?? []), f]);
    }
    const out: FlowEdgeT[] = [];
    for (const list of pairs.values()) {
      list.forEach((f, i) => {
        // Spread parallel flows: 0, +1, -1, +2, … steps, flipped for the reverse direction.
        const step = list.length === 1 ? 0 : (i - (list.length - 1) / 2) * 26;
        const sign = f.from < f.to ? 1 : -1;
        const badge = badges.get(f.id);
        const crossing = comps.get(f.from)?.boundary !== comps.get(f.to)?.boundary;
        out.push({
          id: f.id,
          source: f.from,
          target: f.to,
          type: 'flow',
          data: { flow: f, offset: step * sign, band: badge?.band, crossing, selected: false },
          markerEnd: { type: 'arrowclosed' as never, width: 16, height: 16 },
          ...(f.bidirectional ? { markerStart: { type: 'arrowclosed' as never, width: 16, height: 16 } } : {}),
          zIndex: 500,
        });
      });
    }
    return out;
  }, [model, badges]);

  // React Flow owns the selection on the canvas; the editor's selection follows it, and is pushed
  // into it only when it changes elsewhere (a new element, a click in the threats list).
  const reported = useRef<readonly string[]>(selection);
  const mark = useCallback(<T extends { id: string; selected?: boolean }>(items: T[]): T[] => items.map((n) => (Boolean(n.selected) === selected.has(n.id) ? n : { ...n, selected: selected.has(n.id) })), [selected]);
  const [nodes, setNodes] = useState<Node[]>(() => mark(built));
  const [edgeState, setEdges] = useState<FlowEdgeT[]>(() => mark(edges));
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  useEffect(() => {
    setNodes(built.map((n) => (selectedRef.current.has(n.id) ? { ...n, selected: true } : n)));
  }, [built]);
  useEffect(() => {
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
        if (!internal) continue;
        const r = rects.get(n.id);
        const abs = internal.internals.positionAbsolute;
        const rect = { x: abs.x, y: abs.y, width: r?.width ?? NODE_WIDTH, height: r?.height ?? NODE_HEIGHT };
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

  const big = nodes.length > 300;
  return (
    <div className="canvas" data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edgeState}
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
        minZoom={0.05}
        maxZoom={2.5}
        fitView
        fitViewOptions={FIT}
        elevateNodesOnSelect={false}
      >
        <Background gap={24} size={1.2} color="#d5dae1" />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={miniColor} nodeStrokeColor={miniStroke} />
      </ReactFlow>
    </div>
  );
}

export function Canvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}
