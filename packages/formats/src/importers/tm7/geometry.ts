/**
 * Geometry for .tm7 drawings: the file does not say which element sits in which trust boundary,
 * so membership is computed from shapes (border boundaries are rectangles; line boundaries and
 * flows are quadratic curves through a handle point).
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A curve from `source` to `target` bent towards `handle` (the tool's connector shape). */
export interface Curve {
  source: Point;
  target: Point;
  handle: Point | undefined;
}

export function area(r: Rect): number {
  return Math.max(0, r.width) * Math.max(0, r.height);
}

export function center(r: Rect): Point {
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.left && p.x <= r.left + r.width && p.y >= r.top && p.y <= r.top + r.height;
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  return inner.left >= outer.left && inner.top >= outer.top && inner.left + inner.width <= outer.left + outer.width && inner.top + inner.height <= outer.top + outer.height;
}

/**
 * The innermost rectangle (smallest area) among `candidates` that holds `shape`. Elements count as
 * inside when fully inside or, when drawn across a border, by their centre; a boundary is nested
 * only when fully inside a strictly larger one.
 */
export function innermost<T extends { rect: Rect }>(shape: Rect, candidates: readonly T[], options: { self?: T; byCentre: boolean }): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (c === options.self) continue;
    const inside = options.byCentre ? containsRect(c.rect, shape) || containsPoint(c.rect, center(shape)) : containsRect(c.rect, shape) && area(c.rect) > area(shape);
    if (inside && (!best || area(c.rect) < area(best.rect))) best = c;
  }
  return best;
}

/**
 * The curve as a polyline. The tool's handle is the point the curve passes through at its middle,
 * so the quadratic Bézier control point is 2·handle − (source + target)/2.
 */
export function polyline(curve: Curve, segments = 24): Point[] {
  const { source: s, target: t, handle: h } = curve;
  if (!h) return [s, t];
  const c = { x: 2 * h.x - (s.x + t.x) / 2, y: 2 * h.y - (s.y + t.y) / 2 };
  const out: Point[] = [];
  for (let i = 0; i <= segments; i++) {
    const u = i / segments;
    const a = (1 - u) * (1 - u);
    const b = 2 * (1 - u) * u;
    const d = u * u;
    out.push({ x: a * s.x + b * c.x + d * t.x, y: a * s.y + b * c.y + d * t.y });
  }
  return out;
}

function orientation(p: Point, q: Point, r: Point): number {
  const v = (q.y - p.y) * (r.x - q.x) - (q.x - p.x) * (r.y - q.y);
  return Math.abs(v) < 1e-9 ? 0 : v > 0 ? 1 : 2;
}

function onSegment(p: Point, q: Point, r: Point): boolean {
  return q.x <= Math.max(p.x, r.x) && q.x >= Math.min(p.x, r.x) && q.y <= Math.max(p.y, r.y) && q.y >= Math.min(p.y, r.y);
}

export function segmentsIntersect(p1: Point, q1: Point, p2: Point, q2: Point): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, q2, q1)) return true;
  if (o3 === 0 && onSegment(p2, p1, q2)) return true;
  if (o4 === 0 && onSegment(p2, q1, q2)) return true;
  return false;
}

/** Whether two curves cross (each approximated by a polyline). */
export function curvesCross(a: Curve, b: Curve): boolean {
  const pa = polyline(a);
  const pb = polyline(b);
  for (let i = 0; i + 1 < pa.length; i++) {
    for (let j = 0; j + 1 < pb.length; j++) {
      if (segmentsIntersect(pa[i] as Point, pa[i + 1] as Point, pb[j] as Point, pb[j + 1] as Point)) return true;
    }
  }
  return false;
}
