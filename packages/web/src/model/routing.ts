/**
 * How flows are drawn between the rectangles `resolveRects` gives: orthogonal paths that go around
 * the components they do not connect, parallel flows between the same two components in lanes of
 * their own, and each flow's label where it covers no component and no other label. The canvas
 * and the exported picture draw from the same routes, so what is exported is what is on screen.
 *
 * ELK's routes are used while the two ends of a flow are where ELK put them and no component has
 * been moved onto the path; anything else (positions the user set, imported ones, a drag) is
 * routed here, on the sparse grid of lines along the components' sides (an orthogonal visibility
 * graph), by the cheapest path with a price on length, bends and running along another flow.
 */
import type { Flow, Model } from '@threatwright/core';
import { positionsOf } from './ops.js';
import { elkRoute, extentOf, lineBoundaries, flowLabel, textWidth, type Point, type Rect, type Route } from './layout.js';

/** How far paths keep from the components they pass. */
const MARGIN = 14;
/** The distance between parallel flows of one pair where they leave a component. */
const LANE = 18;
const BEND_COST = 40;
/** Routing is skipped (flows are drawn straight) on diagrams with more flows than this. */
export const ROUTE_LIMIT = 600;

const overlaps = (a: Rect, b: Rect, gap = 0): boolean => a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/** Whether the axis-parallel segment p–q passes through the inside of `r`. */
export function segmentHits(p: Point, q: Point, r: Rect, inset = 1): boolean {
  const x0 = r.x + inset;
  const x1 = r.x + r.width - inset;
  const y0 = r.y + inset;
  const y1 = r.y + r.height - inset;
  if (p.y === q.y) {
    const lo = Math.min(p.x, q.x);
    const hi = Math.max(p.x, q.x);
    return p.y > y0 && p.y < y1 && hi > x0 && lo < x1;
  }
  if (p.x === q.x) {
    const lo = Math.min(p.y, q.y);
    const hi = Math.max(p.y, q.y);
    return p.x > x0 && p.x < x1 && hi > y0 && lo < y1;
  }
  // A slanted segment: test it in small steps (only ever a short piece of a route).
  const n = Math.ceil(Math.hypot(q.x - p.x, q.y - p.y) / 4);
  for (let i = 1; i < n; i++) {
    const x = p.x + ((q.x - p.x) * i) / n;
    const y = p.y + ((q.y - p.y) * i) / n;
    if (x > x0 && x < x1 && y > y0 && y < y1) return true;
  }
  return false;
}

/** Whether a path passes through the inside of `r`. */
export function pathHits(points: readonly Point[], r: Rect): boolean {
  for (let i = 1; i < points.length; i++) if (segmentHits(points[i - 1] as Point, points[i] as Point, r)) return true;
  return false;
}

type Side = 'left' | 'right' | 'top' | 'bottom';
const SIDES: readonly Side[] = ['right', 'left', 'bottom', 'top'];

/** The point on `side` of `r`, moved `shift` along that side, and the stub point MARGIN outside it. */
function port(r: Rect, side: Side, shift: number): { at: Point; out: Point } {
  const cx = r.x + r.width / 2 + (side === 'top' || side === 'bottom' ? Math.max(-r.width / 2 + 12, Math.min(r.width / 2 - 12, shift)) : 0);
  const cy = r.y + r.height / 2 + (side === 'left' || side === 'right' ? Math.max(-r.height / 2 + 8, Math.min(r.height / 2 - 8, shift)) : 0);
  if (side === 'left') return { at: { x: r.x, y: cy }, out: { x: r.x - MARGIN, y: cy } };
  if (side === 'right') return { at: { x: r.x + r.width, y: cy }, out: { x: r.x + r.width + MARGIN, y: cy } };
  if (side === 'top') return { at: { x: cx, y: r.y }, out: { x: cx, y: r.y - MARGIN } };
  return { at: { x: cx, y: r.y + r.height }, out: { x: cx, y: r.y + r.height + MARGIN } };
}

/** A small binary heap of [cost, value]. */
class Heap {
  private readonly items: [number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  push(cost: number, value: number): void {
    const a = this.items;
    a.push([cost, value]);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as [number, number])[0] <= cost) break;
      [a[p], a[i]] = [a[i] as [number, number], a[p] as [number, number]];
      i = p;
    }
  }
  pop(): [number, number] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && (a[l] as [number, number])[0] < (a[m] as [number, number])[0]) m = l;
        if (r < a.length && (a[r] as [number, number])[0] < (a[m] as [number, number])[0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i] as [number, number], a[m] as [number, number]];
        i = m;
      }
    }
    return top;
  }
}

/** Drops points that do not turn the path. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const a = out[out.length - 2];
    const b = out[out.length - 1];
    if (b && b.x === p.x && b.y === p.y) continue;
    if (a && b && ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** Segments other routes use, by the line they run on, to price running along them. */
interface Used {
  h: Map<number, [number, number][]>;
  v: Map<number, [number, number][]>;
}

function sharedLength(used: Used, p: Point, q: Point): number {
  const horizontal = p.y === q.y;
  const list = horizontal ? used.h.get(Math.round(p.y)) : used.v.get(Math.round(p.x));
  if (!list) return 0;
  const lo = horizontal ? Math.min(p.x, q.x) : Math.min(p.y, q.y);
  const hi = horizontal ? Math.max(p.x, q.x) : Math.max(p.y, q.y);
  let shared = 0;
  for (const [a, b] of list) shared += Math.max(0, Math.min(hi, b) - Math.max(lo, a));
  return shared;
}

function markUsed(used: Used, points: readonly Point[]): void {
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1] as Point;
    const q = points[i] as Point;
    // Close lines count as the same line: a route 4 px from another still reads as one.
    if (p.y === q.y) for (let d = -6; d <= 6; d++) push(used.h, Math.round(p.y) + d, [Math.min(p.x, q.x), Math.max(p.x, q.x)]);
    else if (p.x === q.x) for (let d = -6; d <= 6; d++) push(used.v, Math.round(p.x) + d, [Math.min(p.y, q.y), Math.max(p.y, q.y)]);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * The cheapest orthogonal path from `a` to `b` around `obstacles`: it leaves `a` from one side and
 * enters `b` at one side (`shift` moves both ports along their side, for parallel flows).
 */
export function orthogonalRoute(a: Rect, b: Rect, obstacles: readonly Rect[], shift = 0, used: Used = { h: new Map(), v: new Map() }): Point[] {
  const starts = SIDES.map((s) => port(a, s, shift));
  const ends = SIDES.map((s) => port(b, s, shift));
  // Only what lies around the two ends can be in the way.
  const span = { x: Math.min(a.x, b.x) - 400, y: Math.min(a.y, b.y) - 400, width: Math.abs(a.x - b.x) + Math.max(a.width, b.width) + 800, height: Math.abs(a.y - b.y) + Math.max(a.height, b.height) + 800 };
  const blocks = [a, b, ...obstacles.filter((r) => overlaps(r, span))].map((r) => ({ x: r.x - MARGIN + 1, y: r.y - MARGIN + 1, width: r.width + 2 * MARGIN - 2, height: r.height + 2 * MARGIN - 2 }));
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (const p of [...starts, ...ends]) {
    xs.add(p.out.x);
    ys.add(p.out.y);
  }
  xs.add(Math.round((a.x + a.width / 2 + b.x + b.width / 2) / 2));
  ys.add(Math.round((a.y + a.height / 2 + b.y + b.height / 2) / 2));
  for (const r of blocks) {
    xs.add(r.x - 1);
    xs.add(r.x + r.width + 1);
    ys.add(r.y - 1);
    ys.add(r.y + r.height + 1);
  }
  const X = [...xs].sort((p, q) => p - q);
  const Y = [...ys].sort((p, q) => p - q);
  const nx = X.length;
  const free = (p: Point) => blocks.every((r) => !(p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height));
  const clear = (p: Point, q: Point) => blocks.every((r) => !segmentHits(p, q, r, 0));
  const at = (i: number): Point => ({ x: X[i % nx] as number, y: Y[Math.floor(i / nx)] as number });
  const index = (p: Point) => Y.indexOf(p.y) * nx + X.indexOf(p.x);
  // States are grid points × the direction they were entered in (0 →, 1 ←, 2 ↓, 3 ↑, 4 at a start).
  const dist = new Map<number, number>();
  const prev = new Map<number, number>();
  const heap = new Heap();
  const goal = new Map(ends.map((e, k) => [index(e.out), k]));
  const h = (p: Point) => {
    let best = Infinity;
    for (const e of ends) best = Math.min(best, Math.abs(e.out.x - p.x) + Math.abs(e.out.y - p.y));
    return best;
  };
  starts.forEach((s, k) => {
    if (!free(s.out)) return;
    // The side's outward direction: right →, left ←, bottom ↓, top ↑ (the order of SIDES).
    const state = index(s.out) * 5 + k;
    dist.set(state, 0);
    heap.push(h(s.out), state);
  });
  let found: number | undefined;
  while (heap.size > 0) {
    const [, state] = heap.pop() as [number, number];
    const cell = Math.floor(state / 5);
    const dir = state % 5;
    const cost = dist.get(state) ?? Infinity;
    const p = at(cell);
    if (goal.has(cell)) {
      // Entering the target against its side's outward direction only.
      const k = goal.get(cell) as number;
      const need = [1, 0, 3, 2][k];
      if (dir === need) {
        found = state;
        break;
      }
    }
    const ix = cell % nx;
    const iy = Math.floor(cell / nx);
    const steps: [number, number, number][] = [[ix + 1, iy, 0], [ix - 1, iy, 1], [ix, iy + 1, 2], [ix, iy - 1, 3]];
    for (const [jx, jy, d] of steps) {
      if (jx < 0 || jy < 0 || jx >= nx || jy >= Y.length) continue;
      if ((dir === 0 && d === 1) || (dir === 1 && d === 0) || (dir === 2 && d === 3) || (dir === 3 && d === 2)) continue;
      const next = jy * nx + jx;
      const q = at(next);
      if (!free(q) || !clear(p, q)) continue;
      const len = Math.abs(q.x - p.x) + Math.abs(q.y - p.y);
      const c = cost + len + (dir !== d ? BEND_COST : 0) + 2 * sharedLength(used, p, q);
      const ns = next * 5 + d;
      if (c < (dist.get(ns) ?? Infinity)) {
        dist.set(ns, c);
        prev.set(ns, state);
        heap.push(c + h(q), ns);
      }
    }
  }
  if (found === undefined) {
    // Boxed in: straight between the facing sides.
    const s = starts[0] as { at: Point };
    const e = ends[1] as { at: Point };
    return [s.at, e.at];
  }
  const cells: Point[] = [];
  let state: number | undefined = found;
  while (state !== undefined) {
    cells.push(at(Math.floor(state / 5)));
    state = prev.get(state);
  }
  cells.reverse();
  const first = cells[0] as Point;
  const last = cells[cells.length - 1] as Point;
  const s = starts.find((x) => x.out.x === first.x && x.out.y === first.y) as { at: Point };
  const e = ends.find((x) => x.out.x === last.x && x.out.y === last.y) as { at: Point };
  return simplify([s.at, ...cells, e.at]);
}

function pathLength(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot((points[i] as Point).x - (points[i - 1] as Point).x, (points[i] as Point).y - (points[i - 1] as Point).y);
  return total || 1;
}

/** The point `t` of the way along a path (by length), with the segment it lies on. */
export function alongPath(points: readonly Point[], t: number): { at: Point; horizontal: boolean } {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot((points[i] as Point).x - (points[i - 1] as Point).x, (points[i] as Point).y - (points[i - 1] as Point).y);
  let left = total * t;
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1] as Point;
    const q = points[i] as Point;
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    if (left <= len || i === points.length - 1) {
      const f = len === 0 ? 0 : Math.min(1, left / len);
      return { at: { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f }, horizontal: Math.abs(q.y - p.y) <= Math.abs(q.x - p.x) };
    }
    left -= len;
  }
  return { at: points[0] ?? { x: 0, y: 0 }, horizontal: true };
}

/** A label's box on the path, where it covers none of `avoid`: centred on the line, or beside it. */
export function placeLabel(points: readonly Point[], width: number, height: number, avoid: readonly Rect[]): Rect {
  let best: { r: Rect; cost: number } | undefined;
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88]) {
    const { at, horizontal } = alongPath(points, t);
    const spots = horizontal ? [[0, 0], [0, -(height / 2 + 3)], [0, height / 2 + 3], [0, -(1.5 * height + 6)], [0, 1.5 * height + 6]] : [[0, 0], [width / 2 + 4, 0], [-(width / 2 + 4), 0]];
    for (const [dx, dy] of spots as [number, number][]) {
      const r = { x: Math.round(at.x + dx - width / 2), y: Math.round(at.y + dy - height / 2), width, height };
      let cost = 0;
      for (const o of avoid) {
        if (!overlaps(r, o, 3)) continue;
        cost += (Math.min(r.x + r.width, o.x + o.width) - Math.max(r.x, o.x) + 3) * (Math.min(r.y + r.height, o.y + o.height) - Math.max(r.y, o.y) + 3);
      }
      cost += t === 0.5 ? 0 : 0.001;
      if (cost < 0.01) return r;
      if (!best || cost < best.cost) best = { r, cost };
    }
  }
  return best?.r ?? { x: 0, y: 0, width, height };
}

/** A boundary drawn as a line across the flows that cross it. */
export interface BoundaryLine {
  id: string;
  points: Point[];
  /** Where its name is written. */
  name: Rect;
}

export interface Drawing {
  routes: Map<string, Route>;
  lines: BoundaryLine[];
}

/** Flows that are drawn: between two different components the model has. */
export function drawnFlows(model: Model): Flow[] {
  const comps = new Set((model.components ?? []).map((c) => c.id));
  return (model.flows ?? []).filter((f) => comps.has(f.from) && comps.has(f.to) && f.from !== f.to);
}

/** Each flow's lane among the flows between the same two components, centred on 0: -0.5, +0.5; -1, 0, +1; … */
export function lanes(flows: readonly Flow[]): Map<string, number> {
  const pairs = new Map<string, Flow[]>();
  for (const f of flows) push(pairs, f.from < f.to ? `${f.from}\u0000${f.to}` : `${f.to}\u0000${f.from}`, f);
  const out = new Map<string, number>();
  for (const list of pairs.values()) {
    list.forEach((f, i) => {
      // Ports shift along a component's side in the diagram's coordinates, whichever way the flow
      // goes: a flow back keeps a lane of its own.
      out.set(f.id, i - (list.length - 1) / 2);
    });
  }
  return out;
}

/**
 * Every flow's route and label, and the line of each boundary drawn as one. Labels are placed in
 * the order of the flows, each clear of every component, every label placed before it, and the
 * boundaries' titles.
 */
export function routeFlows(model: Model, rects: ReadonlyMap<string, Rect>): Drawing {
  const flows = drawnFlows(model);
  const routes = new Map<string, Route>();
  const compRects = (model.components ?? []).map((c) => [c.id, rects.get(c.id)] as const).filter((x): x is readonly [string, Rect] => x[1] !== undefined);
  const titles: Rect[] = [];
  for (const b of model.boundaries ?? []) {
    const r = rects.get(b.id);
    if (r) titles.push({ x: r.x, y: r.y, width: r.width, height: 34 });
  }
  const avoid: Rect[] = [...compRects.map(([, r]) => r), ...titles];
  const lane = lanes(flows);
  if (flows.length > ROUTE_LIMIT) return { routes, lines: [] };
  const used: Used = { h: new Map(), v: new Map() };
  const pending: { f: Flow; points: Point[] }[] = [];
  // ELK's routes first: their labels are placed already, in room ELK kept for them.
  const placedLabels: Rect[] = [];
  for (const f of flows) {
    const a = rects.get(f.from) as Rect;
    const b = rects.get(f.to) as Rect;
    const elk = elkRoute(f.id, a, b);
    const others = compRects.filter(([id]) => id !== f.from && id !== f.to);
    if (elk && !others.some(([, r]) => pathHits(elk.points, r))) {
      markUsed(used, elk.points);
      const label = flowLabel(f);
      const clear = elk.label.width > 0 && !avoid.some((o) => overlaps(elk.label, o, 2)) && !placedLabels.some((o) => overlaps(elk.label, o, 2));
      if (clear) {
        const box = { ...elk.label, width: label.width, height: label.height };
        routes.set(f.id, { points: elk.points, label: box });
        placedLabels.push(box);
      } else pending.push({ f, points: elk.points });
    } else pending.push({ f, points: [] });
  }
  for (const p of pending) {
    const f = p.f;
    if (p.points.length === 0) {
      const a = rects.get(f.from) as Rect;
      const b = rects.get(f.to) as Rect;
      const others = compRects.filter(([id]) => id !== f.from && id !== f.to).map(([, r]) => r);
      p.points = orthogonalRoute(a, b, others, (lane.get(f.id) ?? 0) * LANE, used);
      markUsed(used, p.points);
    }
  }
  for (const p of pending) {
    const label = flowLabel(p.f);
    const box = placeLabel(p.points, label.width, label.height, [...avoid, ...placedLabels]);
    placedLabels.push(box);
    routes.set(p.f.id, { points: p.points, label: box });
  }
  return { routes, lines: boundaryLines(model, rects, routes, [...avoid]) };
}

/**
 * Boundaries drawn as lines: through a point on each flow that crosses it (away from the flow's
 * label and from components), carried a little past the first and last of them, so the line
 * visibly cuts exactly the flows that list it in `crosses`. Its name goes at one end, where it
 * covers no component, no label and no other name.
 */
function boundaryLines(model: Model, rects: ReadonlyMap<string, Rect>, routes: ReadonlyMap<string, Route>, avoid: Rect[]): BoundaryLine[] {
  const out: BoundaryLine[] = [];
  const names = new Map((model.boundaries ?? []).map((b) => [b.id, b.name]));
  const stored = positionsOf(model);
  const labels = [...routes.values()].map((r) => r.label);
  for (const id of lineBoundaries(model)) {
    const crossing = (model.flows ?? []).filter((f) => f.crosses?.includes(id) && routes.has(f.id));
    if (crossing.length === 0) continue;
    // The component most of its flows share is the one the curve goes round: each flow is cut a
    // little way from it, and the cuts are joined in order around it, like the curve was drawn.
    const count = new Map<string, number>();
    for (const f of crossing) for (const e of [f.from, f.to]) count.set(e, (count.get(e) ?? 0) + 1);
    // Between two equally shared ones, the one nearer the curve's stored extent, if it has one.
    const extent = stored[id];
    const near = (e: string) => {
      const r = rects.get(e);
      if (!r || extent?.width === undefined || extent.height === undefined) return 0;
      return Math.hypot(r.x + r.width / 2 - (extent.x + extent.width / 2), r.y + r.height / 2 - (extent.y + extent.height / 2));
    };
    let hub: string | undefined;
    for (const [e, n] of count) {
      const best = hub === undefined ? 1 : (count.get(hub) ?? 0);
      if (n >= 2 && (n > best || (n === best && hub !== undefined && near(e) < near(hub)))) hub = e;
    }
    const dot = (p: Point) => ({ x: p.x - 3, y: p.y - 3, width: 6, height: 6 });
    const clear = (p: Point, own: Rect) => !labels.some((l) => overlaps(dot(p), l, 6)) && !avoid.some((o) => overlaps(dot(p), o, 8)) && !overlaps(dot(p), own, 6);
    const cuts: { at: Point; horizontal: boolean }[] = [];
    for (const f of crossing) {
      const r = routes.get(f.id) as Route;
      const length = pathLength(r.points);
      // Fractions of the way along the flow: a little way from the hub's end, never past the middle.
      const ts = hub === undefined ? [0.3, 0.7, 0.5, 0.2, 0.8, 0.4, 0.6] : [40, 56, 28, 72, 90].map((d) => (hub === f.to ? Math.max(0.5, 1 - d / length) : Math.min(0.5, d / length)));
      const spot = ts.map((t) => alongPath(r.points, t)).find((x) => clear(x.at, r.label));
      cuts.push(spot ?? alongPath(r.points, ts[0] ?? 0.5));
    }
    const reach = 36;
    let points: Point[];
    if (cuts.length === 1) {
      const { at, horizontal } = cuts[0] as { at: Point; horizontal: boolean };
      points = horizontal ? [{ x: at.x, y: at.y - reach }, { x: at.x, y: at.y + reach }] : [{ x: at.x - reach, y: at.y }, { x: at.x + reach, y: at.y }];
    } else {
      const hubRect = hub !== undefined ? rects.get(hub) : undefined;
      let pts: Point[];
      if (hubRect) {
        const cx = hubRect.x + hubRect.width / 2;
        const cy = hubRect.y + hubRect.height / 2;
        const angle = (p: Point) => Math.atan2(p.y - cy, p.x - cx);
        pts = cuts.map((c) => c.at).sort((p, q) => angle(p) - angle(q));
        // Start after the widest gap between neighbours, so the line does not close on itself.
        let widest = 0;
        let at = 0;
        for (let i = 0; i < pts.length; i++) {
          const gap = (angle(pts[(i + 1) % pts.length] as Point) - angle(pts[i] as Point) + 2 * Math.PI) % (2 * Math.PI);
          if (gap > widest) {
            widest = gap;
            at = (i + 1) % pts.length;
          }
        }
        pts = [...pts.slice(at), ...pts.slice(0, at)];
        // Round the hub's corners between two cuts, so the line goes round it, never across it.
        const m = 24;
        const corners = [{ x: hubRect.x - m, y: hubRect.y - m }, { x: hubRect.x + hubRect.width + m, y: hubRect.y - m }, { x: hubRect.x + hubRect.width + m, y: hubRect.y + hubRect.height + m }, { x: hubRect.x - m, y: hubRect.y + hubRect.height + m }];
        const base = angle(pts[0] as Point);
        const rel = (p: Point) => (angle(p) - base + 4 * Math.PI) % (2 * Math.PI);
        const around: Point[] = [];
        for (let i = 0; i < pts.length; i++) {
          const p = pts[i] as Point;
          around.push(p);
          const q = pts[i + 1];
          if (!q) break;
          for (const c of corners.filter((k) => rel(k) > rel(p) && rel(k) < rel(q)).sort((k, l) => rel(k) - rel(l))) around.push(c);
        }
        pts = around;
      } else {
        const box = extentOf(cuts.map((c) => ({ ...c.at, width: 0, height: 0 })));
        const alongX = box.maxX - box.minX > box.maxY - box.minY;
        pts = cuts.map((c) => c.at).sort((p, q) => (alongX ? p.x - q.x : p.y - q.y));
      }
      const past = (a: Point, b: Point): Point => {
        const len = Math.hypot(a.x - b.x, a.y - b.y) || 1;
        return { x: Math.round(a.x + ((a.x - b.x) / len) * reach), y: Math.round(a.y + ((a.y - b.y) / len) * reach) };
      };
      points = [past(pts[0] as Point, pts[1] as Point), ...pts, past(pts[pts.length - 1] as Point, pts[pts.length - 2] as Point)];
    }
    const text = names.get(id) ?? id;
    const width = textWidth(text, 12.5, true) + 16;
    const height = 20;
    const ends = [points[0] as Point, points[points.length - 1] as Point];
    const spots = ends.flatMap((p) => [
      { x: p.x - width / 2, y: p.y - height - 4 },
      { x: p.x - width / 2, y: p.y + 4 },
      { x: p.x + 6, y: p.y - height / 2 },
      { x: p.x - width - 6, y: p.y - height / 2 },
    ]).map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), width, height }));
    const name = spots.find((r) => !avoid.some((o) => overlaps(r, o, 2)) && !labels.some((o) => overlaps(r, o, 2))) ?? { x: Math.round((ends[0] as Point).x - width / 2), y: Math.round((ends[0] as Point).y - height - 4), width, height };
    avoid.push(name);
    out.push({ id, points, name });
  }
  return out;
}

/** The SVG path of a route, with its corners rounded a little. */
export function routePath(points: readonly Point[], radius = 6): string {
  if (points.length === 0) return '';
  const p0 = points[0] as Point;
  const parts = [`M ${p0.x},${p0.y}`];
  for (let i = 1; i < points.length - 1; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const c = points[i + 1] as Point;
    const ab = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const bc = Math.hypot(c.x - b.x, c.y - b.y) || 1;
    const r = Math.min(radius, ab / 2, bc / 2);
    // Unit directions, not signs: a segment a fraction of a pixel off the vertical stays vertical.
    const ux = (b.x - a.x) / ab;
    const uy = (b.y - a.y) / ab;
    const vx = (c.x - b.x) / bc;
    const vy = (c.y - b.y) / bc;
    parts.push(`L ${b.x - ux * r},${b.y - uy * r} Q ${b.x},${b.y} ${b.x + vx * r},${b.y + vy * r}`);
  }
  const last = points[points.length - 1] as Point;
  parts.push(`L ${last.x},${last.y}`);
  return parts.join(' ');
}
