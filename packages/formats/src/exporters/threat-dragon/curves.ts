/**
 * Where to draw a trust boundary that encloses nothing and that flows cross: as Threat Dragon's
 * trust boundary curve, a line across those flows, never as an empty box (a box says what is
 * inside it, and Threat Dragon and our importer read membership from boxes).
 *
 * A curve imported from Threat Dragon keeps only its extent (`layout.positions`); its bend points
 * are gone. It is drawn from corner to opposite corner of that extent (straight, along two sides,
 * or through the middles of its flows), whichever crosses the most of its flows and the fewest
 * others, so an import finds the same extent and, as far as a line can show it, the same crossings. A boundary with no position is drawn through the middle of
 * the flows that cross it.
 */
import { crossesLine, line, MAX_SEGMENT_PAIRS, type Point } from '../../shared/crossings.js';
import type { Box } from './layout.js';

export interface Curve {
  source: Point;
  target: Point;
  vertices: Point[];
}

/** A flow as drawn: from its source's centre through its bend points to its target's centre. */
export type FlowPath = readonly Point[];

/** How far a curve drawn for one flow reaches on each side of it. */
const HALF_LENGTH = 50;
/** How far a curve drawn through several flows reaches past the outermost ones. */
const OVERHANG = 40;

export function centre(b: Box): Point {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * The curve for a boundary: along a diagonal of its stored extent when it has one, else through the
 * middle of the flows that cross it. `crossing` are the paths of those flows, `others` the paths
 * of the other flows of its diagram. Undefined when there is nothing to draw it from.
 */
export function curveFor(extent: Box | undefined, crossing: readonly FlowPath[], others: readonly FlowPath[]): Curve | undefined {
  if (extent) return diagonal(extent, crossing, others);
  return through(crossing.filter((p) => p.length >= 2));
}

function diagonal(b: Box, crossing: readonly FlowPath[], others: readonly FlowPath[]): Curve {
  const [x0, y0, x1, y1] = [b.x, b.y, b.x + b.width, b.y + b.height];
  const corners: Point[] = [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 },
  ];
  // Every candidate has two opposite corners among its points and nothing outside the extent.
  const candidates: Point[][] = [];
  for (const [from, to] of [
    [0, 2],
    [3, 1],
  ] as const) {
    const a = corners[from] as Point;
    const z = corners[to] as Point;
    candidates.push([a, z]);
    // Through the middles of the flows it crosses, in order along the diagonal.
    const dx = z.x - a.x;
    const dy = z.y - a.y;
    const middles = distinct(crossing.map((p) => middleOf(p)?.at).filter((m): m is Point => m !== undefined && m.x >= x0 && m.x <= x1 && m.y >= y0 && m.y <= y1))
      .sort((p, q) => (p.x - a.x) * dx + (p.y - a.y) * dy - ((q.x - a.x) * dx + (q.y - a.y) * dy));
    if (middles.length > 0) candidates.push([a, ...middles, z]);
  }
  // Along two sides, turning at one corner.
  for (let i = 0; i < 4; i++) candidates.push([corners[(i + 3) % 4] as Point, corners[i] as Point, corners[(i + 1) % 4] as Point]);
  const budget = { pairs: MAX_SEGMENT_PAIRS };
  const score = (points: readonly Point[]) => {
    const l = line(points);
    let s = 0;
    for (const p of crossing) if (p.length >= 2 && crossesLine(line(p), l, budget) === true) s++;
    for (const p of others) if (p.length >= 2 && crossesLine(line(p), l, budget) === true) s--;
    return s;
  };
  let best = candidates[0] as Point[];
  let bestScore = score(best);
  for (const c of candidates.slice(1)) {
    const s = score(c);
    if (s > bestScore) [best, bestScore] = [c, s];
  }
  return { source: best[0] as Point, target: best[best.length - 1] as Point, vertices: best.slice(1, -1) };
}

function through(paths: readonly FlowPath[]): Curve | undefined {
  const middles: { at: Point; along: Point }[] = [];
  for (const p of paths) {
    const m = middleOf(p);
    if (m && !middles.some((o) => near(o.at, m.at))) middles.push(m);
  }
  const first = middles[0];
  if (!first) return undefined;
  if (middles.length === 1) {
    // Square to the flow, through its middle.
    const n = unit({ x: -first.along.y, y: first.along.x });
    return {
      source: round({ x: first.at.x - n.x * HALF_LENGTH, y: first.at.y - n.y * HALF_LENGTH }),
      target: round({ x: first.at.x + n.x * HALF_LENGTH, y: first.at.y + n.y * HALF_LENGTH }),
      vertices: [],
    };
  }
  // Through the middles in order along the direction they spread most in, a little past both ends.
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { at } of middles) {
    x0 = Math.min(x0, at.x);
    x1 = Math.max(x1, at.x);
    y0 = Math.min(y0, at.y);
    y1 = Math.max(y1, at.y);
  }
  const byX = x1 - x0 >= y1 - y0;
  const points = middles.map((m) => m.at).sort((a, b) => (byX ? a.x - b.x || a.y - b.y : a.y - b.y || a.x - b.x));
  const a = points[0] as Point;
  const a2 = points[1] as Point;
  const z = points[points.length - 1] as Point;
  const z2 = points[points.length - 2] as Point;
  const out = unit({ x: a.x - a2.x, y: a.y - a2.y });
  const on = unit({ x: z.x - z2.x, y: z.y - z2.y });
  return {
    source: round({ x: a.x + out.x * OVERHANG, y: a.y + out.y * OVERHANG }),
    target: round({ x: z.x + on.x * OVERHANG, y: z.y + on.y * OVERHANG }),
    vertices: points.map(round),
  };
}

/** The point halfway along a path, and the direction of the path there. */
function middleOf(path: FlowPath): { at: Point; along: Point } | undefined {
  let total = 0;
  for (let i = 0; i + 1 < path.length; i++) total += dist(path[i] as Point, path[i + 1] as Point);
  if (total === 0) return undefined;
  let left = total / 2;
  for (let i = 0; i + 1 < path.length; i++) {
    const p = path[i] as Point;
    const q = path[i + 1] as Point;
    const d = dist(p, q);
    if (d >= left && d > 0) {
      const t = left / d;
      return { at: { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t }, along: { x: q.x - p.x, y: q.y - p.y } };
    }
    left -= d;
  }
  return undefined;
}

/** Flows drawn both ways between the same elements share a middle: one point for them all. */
function distinct(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) if (!out.some((o) => near(o, p))) out.push(p);
  return out;
}

function near(p: Point, q: Point): boolean {
  return Math.abs(p.x - q.x) < 1 && Math.abs(p.y - q.y) < 1;
}

function dist(p: Point, q: Point): number {
  return Math.hypot(q.x - p.x, q.y - p.y);
}

function unit(v: Point): Point {
  const d = Math.hypot(v.x, v.y);
  return d === 0 ? { x: 0, y: 1 } : { x: v.x / d, y: v.y / d };
}

function round(p: Point): Point {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
