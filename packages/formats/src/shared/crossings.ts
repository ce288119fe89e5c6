/**
 * Which flows a boundary line crosses, from the drawing: Threat Dragon draws a trust boundary as a
 * box or as a curve (a line with bend points) across the flows it separates, and only boxes say
 * what is inside them. A flow is drawn from its source's centre through its bend points to its
 * target's centre; it crosses a curve when the two polylines intersect an odd number of times (a
 * flow that goes over the line and back ends on the side it started).
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Most segment pairs tested in one import: far above any drawing, and a bound on hostile files. */
export const MAX_SEGMENT_PAIRS = 20_000_000;

/** Bend points read per line; a drawing has a handful. */
export const MAX_POINTS = 10_000;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function boundsOf(points: readonly Point[]): Box {
  const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const p of points) {
    if (p.x < b.x0) b.x0 = p.x;
    if (p.x > b.x1) b.x1 = p.x;
    if (p.y < b.y0) b.y0 = p.y;
    if (p.y > b.y1) b.y1 = p.y;
  }
  return b;
}

function overlap(a: Box, b: Box): boolean {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

function cross(ox: number, oy: number, ax: number, ay: number, bx: number, by: number): number {
  return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
}

/**
 * Where segment p→p2 meets segment q→q2: true when they cross at a parameter in [0, 1) along each
 * (the end of one segment is the start of the next, so a crossing at a shared bend point counts
 * once); `lastP`/`lastQ` close the interval for the last segment of a line. Collinear overlaps
 * (a flow drawn along the boundary) do not count as crossings.
 */
function segmentsCross(p: Point, p2: Point, q: Point, q2: Point, lastP: boolean, lastQ: boolean): boolean {
  const rx = p2.x - p.x;
  const ry = p2.y - p.y;
  const sx = q2.x - q.x;
  const sy = q2.y - q.y;
  const denom = rx * sy - ry * sx;
  if (denom === 0) return false;
  const qpx = q.x - p.x;
  const qpy = q.y - p.y;
  const t = (qpx * sy - qpy * sx) / denom;
  const u = (qpx * ry - qpy * rx) / denom;
  return t >= 0 && (lastP ? t <= 1 : t < 1) && u >= 0 && (lastQ ? u <= 1 : u < 1);
}

export interface Line {
  readonly points: readonly Point[];
  readonly bounds: Box;
}

export function line(points: readonly Point[]): Line {
  return { points, bounds: boundsOf(points) };
}

/**
 * Whether `flow` crosses `curve` (an odd number of intersections); undefined when testing it would
 * exceed the budget, which is spent as segments are compared.
 */
export function crossesLine(flow: Line, curve: Line, budget: { pairs: number }): boolean | undefined {
  const a = flow.points;
  const b = curve.points;
  if (a.length < 2 || b.length < 2 || !overlap(flow.bounds, curve.bounds)) return false;
  const pairs = (a.length - 1) * (b.length - 1);
  if (pairs > budget.pairs) return undefined;
  budget.pairs -= pairs;
  let count = 0;
  for (let i = 0; i + 1 < a.length; i++) {
    const p = a[i] as Point;
    const p2 = a[i + 1] as Point;
    const lastP = i + 2 === a.length;
    const sb = { x0: Math.min(p.x, p2.x), y0: Math.min(p.y, p2.y), x1: Math.max(p.x, p2.x), y1: Math.max(p.y, p2.y) };
    if (!overlap(sb, curve.bounds)) continue;
    for (let j = 0; j + 1 < b.length; j++) {
      const q = b[j] as Point;
      const q2 = b[j + 1] as Point;
      if (Math.max(q.x, q2.x) < sb.x0 || Math.min(q.x, q2.x) > sb.x1 || Math.max(q.y, q2.y) < sb.y0 || Math.min(q.y, q2.y) > sb.y1) continue;
      // Orientation first: most pairs near each other still do not cross.
      const d1 = cross(q.x, q.y, q2.x, q2.y, p.x, p.y);
      const d2 = cross(q.x, q.y, q2.x, q2.y, p2.x, p2.y);
      if ((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0)) continue;
      if (segmentsCross(p, p2, q, q2, lastP, j + 2 === b.length)) count++;
    }
  }
  return count % 2 === 1;
}
