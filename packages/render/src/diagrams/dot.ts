/**
 * DiagramGraph -> Graphviz DOT. Every quoted string goes through `dotString`, every piece of text
 * in an HTML-like label (the title and key) through `dotHtml`.
 *
 * Layout is Graphviz's: spline routing around nodes, labels as part of the layout (so they are
 * placed apart from each other and from nodes), edges drawn under nodes. What Graphviz cannot do
 * on its own is done to the graph before it: flows between the same two elements become one edge
 * that carries all their labels (dot overprints the labels of parallel flat edges), and the title
 * and key are one label above the picture, so Graphviz reserves room for them.
 */
import { dotHtml, dotString } from '../escape/index.js';
import { bundleParallel, trustLevel, type DiagramCluster, type DiagramGraph, type DiagramNode, type Legend, type NodeShape } from './graph.js';
import { BAND_COLOUR, FONT, SHAPE_STYLE, TRUST_COLOUR } from './style.js';

const SHAPE: Record<NodeShape, string> = {
  process: 'shape=ellipse',
  datastore: 'shape=cylinder',
  external: 'shape=box',
  asset: 'shape=note',
  goal: 'shape=box, style="filled,bold"',
  and: 'shape=box, style="filled,rounded"',
  or: 'shape=box, style="filled,rounded"',
  leaf: 'shape=box, style="filled,rounded"',
};

export interface DotOptions {
  /** Overrides the graph's direction (the SVG writer tries both and keeps the better shape). */
  direction?: 'LR' | 'TB';
}

function attrs(list: (string | undefined | false)[]): string {
  return list.filter((x): x is string => typeof x === 'string' && x !== '').join(', ');
}

/** The title and, below it, the key: one HTML-like label, so the layout keeps room for both. */
function titleAndKey(title: string, legend: Legend | undefined): string {
  const rows: string[] = [`<TR><TD><FONT POINT-SIZE="16"><B>${dotHtml(title)}</B></FONT></TD></TR>`];
  if (legend) {
    const row = (heading: string, cells: string[]) =>
      cells.length === 0 ? '' : `<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="6" CELLPADDING="5"><TR><TD ALIGN="RIGHT" WIDTH="110"><FONT COLOR="#444444">${heading}</FONT></TD>${cells.join('')}</TR></TABLE></TD></TR>`;
    const shapes = legend.shapes.map((s) => `<TD BGCOLOR="${SHAPE_STYLE[s].fill}" COLOR="${SHAPE_STYLE[s].stroke}" BORDER="1">${dotHtml(SHAPE_STYLE[s].name)}</TD>`);
    const trust = legend.trust.map((t) => `<TD COLOR="${TRUST_COLOUR[t]}" BORDER="1" STYLE="dashed"><FONT COLOR="${TRUST_COLOUR[t]}">${t === 'unstated' ? 'trust not stated' : t}</FONT></TD>`);
    const glyph = { solid: '────', dotted: '┈┈┈┈', dashed: '╌╌╌╌' } as const;
    const lines = legend.lines.map((l) => `<TD>${glyph[l.style]} ${dotHtml(l.meaning)}</TD>`);
    const bands = legend.bands.map((b) => `<TD BGCOLOR="${BAND_COLOUR[b].fill}" COLOR="${BAND_COLOUR[b].stroke}" BORDER="2">${b} ${BAND_COLOUR[b].text}</TD>`);
    rows.push(row('Elements', shapes), row('Trust boundaries', trust), row('Lines', lines), row('Highest open risk', bands));
  }
  return `<<FONT POINT-SIZE="10"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">${rows.join('')}</TABLE></FONT>>`;
}

/**
 * Space between ranks, in inches. Labelled flows get room from their labels; many unlabelled
 * lines (the asset view) need room of their own to fan out instead of running as one cable.
 */
function ranksep(g: DiagramGraph, direction: 'LR' | 'TB'): string {
  const unlabelled = g.edges.filter((e) => e.label.length === 0).length;
  const base = direction === 'LR' ? 0.75 : 0.6;
  return Math.min(3, base + Math.max(0, unlabelled - 4) * 0.08).toFixed(2);
}

export function toDot(g: DiagramGraph, options: DotOptions = {}): string {
  const direction = options.direction ?? g.direction;
  const out: string[] = [];
  out.push(`digraph ${dotString('threatwright')} {`);
  out.push(
    `  graph [${attrs([
      `rankdir=${direction}`,
      `fontname=${dotString(FONT)}`,
      'fontsize=10',
      `label=${titleAndKey(g.title, g.legend)}`,
      'labelloc=t',
      'labeljust=c',
      // Splines route around nodes; labels are laid out with the edges and never overprinted.
      'splines=spline',
      'nodesep=0.5',
      `ranksep=${ranksep(g, direction)}`,
      'newrank=true',
      'compound=true',
      'outputorder=edgesfirst',
      'pad=0.25',
      `tooltip=${dotString(g.title)}`,
    ])}]`,
  );
  out.push(`  node [fontname=${dotString(FONT)}, fontsize=11, style=filled, margin="0.18,0.08"]`);
  out.push(`  edge [fontname=${dotString(FONT)}, fontsize=10, color="#555555", fontcolor="#333333", arrowsize=0.8]`);
  const known = new Set(g.clusters.map((c) => c.key));
  const node = (n: DiagramNode, indent: string) => {
    const risk = n.risk ? BAND_COLOUR[n.risk] : undefined;
    const look = SHAPE_STYLE[n.shape];
    out.push(
      `${indent}${dotString(n.key)} [${attrs([
        `label=${dotString(...n.label)}`,
        SHAPE[n.shape],
        `fillcolor="${risk?.fill ?? look.fill}", color="${risk?.stroke ?? look.stroke}"`,
        risk && 'penwidth=2.5',
        n.dim && 'fontcolor="#777777", style="filled,dashed"',
        n.tooltip !== undefined && `tooltip=${dotString(n.tooltip)}`,
        `id=${dotString(n.key)}`,
      ])}]`,
    );
  };
  const cluster = (c: DiagramCluster, indent: string, depth: number) => {
    const colour = c.kind === 'boundary' ? TRUST_COLOUR[trustLevel(c.trust)] : '#999999';
    const risk = c.risk ? BAND_COLOUR[c.risk] : undefined;
    out.push(`${indent}subgraph ${dotString(`cluster_${c.key}`)} {`);
    out.push(
      `${indent}  graph [${attrs([
        `label=${dotString(...c.label)}`,
        c.kind === 'boundary' ? (risk ? `style="dashed,rounded,filled", fillcolor="${risk.fill}"` : 'style="dashed,rounded"') : 'style="rounded,filled", fillcolor="#fafafa"',
        `color="${colour}"`,
        `fontcolor="${colour}"`,
        risk ? 'penwidth=2.5' : 'penwidth=1.6',
        'margin=16',
        'fontsize=12',
        `id=${dotString(c.key)}`,
      ])}]`,
    );
    if (depth < 40) for (const child of g.clusters.filter((x) => x.parent === c.key)) cluster(child, `${indent}  `, depth + 1);
    for (const n of g.nodes.filter((x) => x.cluster === c.key)) node(n, `${indent}  `);
    out.push(`${indent}}`);
  };
  for (const c of g.clusters.filter((x) => x.parent === undefined)) cluster(c, '  ', 0);
  for (const n of g.nodes.filter((x) => x.cluster === undefined || !known.has(x.cluster))) node(n, '  ');
  const nodeKeys = new Set(g.nodes.map((n) => n.key));
  for (const e of bundleParallel({ ...g, edges: g.edges.filter((x) => nodeKeys.has(x.from) && nodeKeys.has(x.to)) })) {
    const risk = e.risk ? BAND_COLOUR[e.risk] : undefined;
    out.push(
      `  ${dotString(e.from)} -> ${dotString(e.to)} [${attrs([
        e.label.length > 0 && `label=${dotString(...e.label)}`,
        e.style !== 'solid' && `style=${e.style}`,
        e.bidirectional && 'dir=both',
        e.undirected && 'dir=none',
        risk && `color="${risk.stroke}", fontcolor="${risk.stroke}", penwidth=2.5`,
        e.tooltip !== undefined && `tooltip=${dotString(e.tooltip)}`,
        `id=${dotString(e.key)}`,
      ])}]`,
    );
  }
  out.push('}');
  return out.join('\n') + '\n';
}
