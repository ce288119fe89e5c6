/** DiagramGraph -> Graphviz DOT. Every string goes through `dotString`. */
import { dotString } from '../escape/index.js';
import type { DiagramCluster, DiagramGraph, DiagramNode, NodeShape } from './graph.js';
import { BAND_COLOUR, BOUNDARY_COLOUR, FONT } from './style.js';

const SHAPE: Record<NodeShape, string> = {
  process: 'shape=ellipse, fillcolor="#eef4fb", color="#2f5d8a"',
  datastore: 'shape=cylinder, fillcolor="#f1f8ee", color="#3d7a2f"',
  external: 'shape=box, fillcolor="#f6f6f6", color="#555555"',
  asset: 'shape=note, fillcolor="#fff8e6", color="#a87b00"',
  goal: 'shape=box, style="filled,bold", fillcolor="#fde2e1", color="#b42318"',
  and: 'shape=box, style="filled,rounded", fillcolor="#f6f6f6", color="#555555"',
  or: 'shape=box, style="filled,rounded", fillcolor="#f6f6f6", color="#555555"',
  leaf: 'shape=box, style="filled,rounded", fillcolor="#ffffff", color="#555555"',
};

function attrs(list: (string | undefined | false)[]): string {
  return list.filter((x): x is string => typeof x === 'string' && x !== '').join(', ');
}

export function toDot(g: DiagramGraph): string {
  const out: string[] = [];
  out.push(`digraph ${dotString('threatwright')} {`);
  out.push(`  graph [rankdir=${g.direction}, fontname=${dotString(FONT)}, fontsize=14, label=${dotString(g.title)}, labelloc=t, nodesep=0.45, ranksep=0.9, compound=true, tooltip=${dotString(g.title)}]`);
  out.push(`  node [fontname=${dotString(FONT)}, fontsize=10, style=filled, margin="0.15,0.08"]`);
  out.push(`  edge [fontname=${dotString(FONT)}, fontsize=9, color="#555555", fontcolor="#333333"]`);
  const known = new Set(g.clusters.map((c) => c.key));
  const node = (n: DiagramNode, indent: string) => {
    const risk = n.risk ? BAND_COLOUR[n.risk] : undefined;
    out.push(
      `${indent}${dotString(n.key)} [${attrs([
        `label=${dotString(...n.label)}`,
        SHAPE[n.shape],
        risk && `fillcolor="${risk.fill}", color="${risk.stroke}", penwidth=2.5`,
        n.dim && 'fontcolor="#777777", style="filled,dashed"',
        n.tooltip !== undefined && `tooltip=${dotString(n.tooltip)}`,
        `id=${dotString(n.key)}`,
      ])}]`,
    );
  };
  const cluster = (c: DiagramCluster, indent: string, depth: number) => {
    const colour = c.risk ? BAND_COLOUR[c.risk].stroke : c.kind === 'boundary' ? BOUNDARY_COLOUR : '#999999';
    out.push(`${indent}subgraph ${dotString(`cluster_${c.key}`)} {`);
    out.push(
      `${indent}  graph [${attrs([
        `label=${dotString(...c.label)}`,
        c.kind === 'boundary' ? 'style="dashed,rounded"' : 'style="rounded,filled", fillcolor="#fafafa"',
        `color="${colour}"`,
        `fontcolor="${colour}"`,
        'penwidth=1.6',
        'margin=14',
        'fontsize=11',
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
  for (const e of g.edges) {
    if (!nodeKeys.has(e.from) || !nodeKeys.has(e.to)) continue;
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
