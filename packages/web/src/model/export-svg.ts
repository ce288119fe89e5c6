/**
 * The diagram as a standalone SVG, drawn from the same rectangles as the canvas. Every piece of
 * model text goes through `escapeXml`: names are data, never markup.
 */
import type { Model } from '@threatwright/core';
import type { Band } from './analysis.js';
import { boundaryOrder, extentOf, flowLabel, lineBoundaries, type Rect } from './layout.js';
import { routeFlows, routePath } from './routing.js';

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export const TRUST_COLORS = { untrusted: '#dc2626', low: '#ea580c', medium: '#ca8a04', high: '#2563eb', trusted: '#16a34a' } as const;
export const BAND_COLORS: Record<Band, string> = { critical: '#b91c1c', high: '#ea580c', medium: '#ca8a04', low: '#15803d' };

/** 0–100 from a boundary's `trust` (a number or a level). */
export function trustValue(trust: number | string | undefined): number | undefined {
  if (trust === undefined) return undefined;
  if (typeof trust === 'number') return trust;
  return { untrusted: 0, low: 25, medium: 50, high: 75, trusted: 100 }[trust];
}

export function trustLevel(trust: number | string | undefined): keyof typeof TRUST_COLORS | undefined {
  const v = trustValue(trust);
  if (v === undefined) return undefined;
  if (v < 25) return 'untrusted';
  if (v < 50) return 'low';
  if (v < 75) return 'medium';
  if (v < 100) return 'high';
  return 'trusted';
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * Flows are drawn along the routes the canvas draws (`routeFlows`), each label in its own box, so
 * the labels of parallel flows never print over each other; boundaries drawn as lines on the
 * canvas are lines here too.
 */
export function diagramSvg(model: Model, rects: ReadonlyMap<string, Rect>): string {
  const drawing = routeFlows(model, rects);
  const all = [...rects.values(), ...[...drawing.routes.values()].map((r) => r.label), ...drawing.lines.flatMap((l) => [l.name, ...l.points.map((p) => ({ ...p, width: 0, height: 0 }))]), ...[...drawing.routes.values()].flatMap((r) => r.points.map((p) => ({ ...p, width: 0, height: 0 })))];
  const pad = 24;
  const box = extentOf(all, { minX: 0, minY: 0, maxX: 100, maxY: 100 });
  const [minX, minY, maxX, maxY] = [box.minX - pad, box.minY - pad, box.maxX + pad, box.maxY + pad];
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${maxX - minX} ${maxY - minY}" width="${maxX - minX}" height="${maxY - minY}" font-family="Inter, Segoe UI, Helvetica, Arial, sans-serif">`);
  out.push(`<title>${escapeXml(model.system.name)}</title>`);
  out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#475569"/></marker></defs>');
  out.push(`<rect x="${minX}" y="${minY}" width="${maxX - minX}" height="${maxY - minY}" fill="#ffffff"/>`);
  const byId = new Map((model.boundaries ?? []).map((b) => [b.id, b]));
  const lines = lineBoundaries(model);
  for (const id of boundaryOrder(model).filter((x) => !lines.has(x))) {
    const r = rects.get(id);
    const b = byId.get(id);
    if (!r || !b) continue;
    const level = trustLevel(b.trust);
    const color = level ? TRUST_COLORS[level] : '#64748b';
    out.push(`<g><rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="10" fill="${color}" fill-opacity="0.05" stroke="${color}" stroke-width="1.5" stroke-dasharray="7 5"/>`);
    out.push(`<text x="${r.x + 12}" y="${r.y + 22}" font-size="13" font-weight="600" fill="${color}">${escapeXml(truncate(b.name, 60))}${level ? ` · ${level}` : ''}</text></g>`);
  }
  for (const line of drawing.lines) {
    const b = byId.get(line.id);
    if (!b) continue;
    const level = trustLevel(b.trust);
    const color = level ? TRUST_COLORS[level] : '#64748b';
    const n = line.name;
    out.push(`<g><polyline points="${line.points.map((p) => `${p.x},${p.y}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2.5" stroke-dasharray="8 5"/><rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="4" fill="#ffffff" fill-opacity="0.9" stroke="${color}"/><text x="${n.x + n.width / 2}" y="${n.y + n.height / 2 + 4}" font-size="11.5" font-weight="600" text-anchor="middle" fill="${color}">${escapeXml(truncate(b.name, 40))}</text></g>`);
  }
  for (const f of model.flows ?? []) {
    const route = drawing.routes.get(f.id);
    if (!route) continue;
    out.push(`<path d="${routePath(route.points)}" fill="none" stroke="#475569" stroke-width="1.5"${f.encrypted === false ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow)"${f.bidirectional ? ' marker-start="url(#arrow)"' : ''}/>`);
  }
  // Labels after every path, so no flow is drawn across another's label.
  for (const f of model.flows ?? []) {
    const route = drawing.routes.get(f.id);
    if (!route) continue;
    const l = route.label;
    out.push(`<g><rect x="${l.x}" y="${l.y}" width="${l.width}" height="${l.height}" rx="5" fill="#ffffff" stroke="#cbd5e1"/><text x="${l.x + l.width / 2}" y="${l.y + l.height / 2 + 4}" font-size="11" text-anchor="middle" fill="#334155">${escapeXml(flowLabel(f).text)}</text></g>`);
  }
  for (const c of model.components ?? []) {
    const r = rects.get(c.id);
    if (!r) continue;
    const shape =
      c.kind === 'process'
        ? `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="${r.height / 2}" fill="#eef2ff" stroke="#4f46e5" stroke-width="1.5"/>`
        : c.kind === 'datastore'
          ? `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="#f0fdfa" stroke="none"/><line x1="${r.x}" y1="${r.y}" x2="${r.x + r.width}" y2="${r.y}" stroke="#0f766e" stroke-width="2"/><line x1="${r.x}" y1="${r.y + r.height}" x2="${r.x + r.width}" y2="${r.y + r.height}" stroke="#0f766e" stroke-width="2"/>`
          : `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="#f8fafc" stroke="#334155" stroke-width="2"/>`;
    out.push(`<g>${shape}<text x="${r.x + r.width / 2}" y="${r.y + r.height / 2 - 2}" font-size="13" font-weight="600" text-anchor="middle" fill="#0f172a">${escapeXml(truncate(c.name, Math.max(12, Math.floor((r.width - 24) / 8))))}</text><text x="${r.x + r.width / 2}" y="${r.y + r.height / 2 + 15}" font-size="10.5" text-anchor="middle" fill="#64748b">${escapeXml(truncate(`${c.id}${c.type ? ` · ${c.type}` : ''}`, 32))}</text></g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Where the line from the centre of `from` towards the centre of `to` leaves `from`'s rectangle. */
export function edgePoint(from: Rect, to: Rect): [number, number] {
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  const dx = to.x + to.width / 2 - cx;
  const dy = to.y + to.height / 2 - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : from.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : from.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}
