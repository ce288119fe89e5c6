/**
 * DOT -> SVG in-process with Graphviz compiled to WebAssembly: no system binary needed,
 * and pure (the WASM module is embedded in the package, nothing is read or fetched).
 *
 * `layoutDot` lets Graphviz lay the picture out both ways (left to right and top to bottom),
 * measures each, and keeps the one closest to a screen's shape. It also makes boundary titles
 * fit: dot does not widen a cluster for its title when ranks run left to right, so a title wider
 * than its box is wrapped to the box's width and the picture laid out again.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { toDot } from './dot.js';
import { wrapWords, type DiagramGraph } from './graph.js';

let graphviz: Promise<Graphviz> | undefined;

function load(): Promise<Graphviz> {
  graphviz ??= Graphviz.load();
  return graphviz;
}

/** Lays out and renders DOT as a standalone SVG document. */
export async function dotToSvg(dot: string): Promise<string> {
  const gv = await load();
  return gv.dot(dot, 'svg');
}

/** The SVG element alone (no XML prolog or DOCTYPE), for embedding inline in HTML. */
export async function dotToInlineSvg(dot: string): Promise<string> {
  const svg = await dotToSvg(dot);
  const start = svg.indexOf('<svg');
  return start >= 0 ? svg.slice(start) : svg;
}

interface Laid {
  dot: string;
  width: number;
  height: number;
}

interface JsonObject {
  name: string;
  bb?: string;
  lwidth?: number;
  nodes?: number[];
}

/** A screen is about 3:2; a picture far from it in either direction is hard to read at any size. */
const TARGET_RATIO = 1.5;

function box(bb: string | undefined): { w: number; h: number } {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = (bb ?? '').split(',').map(Number);
  return { w: x1 - x0, h: y1 - y0 };
}

/**
 * Graphviz's layout as JSON. Its JSON writer copies some HTML-like label styles with stray
 * control characters into strings we do not read; they are blanked so the rest parses.
 */
function laidOut(gv: Graphviz, dot: string): { bb?: string; objects?: JsonObject[] } {
  // eslint-disable-next-line no-control-regex
  return JSON.parse(gv.dot(dot, 'json').replace(/[\u0000-\u001f]/gu, ' ')) as { bb?: string; objects?: JsonObject[] };
}

function layOut(gv: Graphviz, g: DiagramGraph, direction: 'LR' | 'TB'): Laid {
  let graph = g;
  let dot = toDot(graph, { direction });
  for (let attempt = 0; attempt < 4; attempt++) {
    const json = laidOut(gv, dot);
    const { w, h } = box(json.bb);
    // Clusters whose title is wider than the box: wrap the title to the box and lay out again.
    const narrower = new Map<string, number>();
    for (const o of json.objects ?? []) {
      if (!o.name.startsWith('cluster_') || o.lwidth === undefined) continue;
      const title = o.lwidth * 72;
      // Room for the title with a margin on both sides: Graphviz may widen a box to the exact
      // width it estimates for the title, and browsers' fonts run a little wider.
      const room = box(o.bb).w - 28;
      if (title > room) narrower.set(o.name.slice('cluster_'.length), room / title);
    }
    if (narrower.size === 0 || attempt === 3) return { dot, width: w, height: h };
    graph = {
      ...graph,
      clusters: graph.clusters.map((c) => {
        const factor = narrower.get(c.key);
        if (factor === undefined) return c;
        const text = c.label.join(' ');
        const longest = c.label.reduce((m, l) => Math.max(m, Array.from(l).length), 0);
        return { ...c, label: wrapWords(text, Math.max(8, Math.floor(longest * factor) - 1)) };
      }),
    };
    dot = toDot(graph, { direction });
  }
  return { dot, width: 0, height: 0 };
}

/**
 * DOT for a graph, in the direction whose layout comes closest to a 3:2 picture (wider counts
 * as further than taller; ties go to the graph's own direction), with boundary titles that fit
 * their boxes.
 */
export async function layoutDot(g: DiagramGraph): Promise<string> {
  const gv = await load();
  const other = g.direction === 'LR' ? 'TB' : 'LR';
  // Too wide is worse than too tall: a page or a README scrolls down, not sideways.
  const off = (l: Laid) => {
    if (l.width <= 0 || l.height <= 0) return Number.POSITIVE_INFINITY;
    const r = Math.log(l.width / l.height / TARGET_RATIO);
    return r > 0 ? 1.5 * r : -r;
  };
  const own = layOut(gv, g, g.direction);
  const alt = layOut(gv, g, other);
  return off(alt) + 0.05 < off(own) ? alt.dot : own.dot;
}

/** The graph as a standalone SVG document, laid out by `layoutDot`. */
export async function diagramSvg(g: DiagramGraph): Promise<string> {
  return dotToSvg(await layoutDot(g));
}
