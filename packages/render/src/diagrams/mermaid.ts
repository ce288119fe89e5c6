/** DiagramGraph -> Mermaid flowchart (renders on GitHub). Every label goes through `mermaidLabel`. */
import { MermaidIds, mermaidLabel } from '../escape/index.js';
import type { DiagramCluster, DiagramEdge, DiagramGraph, DiagramNode, NodeShape } from './graph.js';
import { BAND_COLOUR, BOUNDARY_COLOUR } from './style.js';

const OPEN_CLOSE: Record<NodeShape, [string, string]> = {
  process: ['((', '))'],
  datastore: ['[(', ')]'],
  external: ['[', ']'],
  asset: ['{{', '}}'],
  goal: ['[[', ']]'],
  and: ['[', ']'],
  or: ['[', ']'],
  leaf: ['(', ')'],
};

function arrow(e: DiagramEdge): string {
  const dashed = e.style !== 'solid';
  if (e.undirected) return dashed ? '-.-' : '---';
  const body = dashed ? '-.->' : '-->';
  return e.bidirectional ? `<${body}` : body;
}

export function toMermaid(g: DiagramGraph): string {
  const ids = new MermaidIds();
  const nodeId = (key: string) => ids.get('n', key);
  const clusterId = (key: string) => ids.get('g', key);
  const out: string[] = [`flowchart ${g.direction}`];
  const childrenOf = (parent: string | undefined) => g.clusters.filter((c) => c.parent === parent);
  const known = new Set(g.clusters.map((c) => c.key));
  const nodesIn = (cluster: string | undefined) => g.nodes.filter((n) => (n.cluster !== undefined && known.has(n.cluster) ? n.cluster : undefined) === cluster);
  const node = (n: DiagramNode, indent: string) => {
    const [open, close] = OPEN_CLOSE[n.shape];
    out.push(`${indent}${nodeId(n.key)}${open}${mermaidLabel(...n.label)}${close}`);
  };
  const cluster = (c: DiagramCluster, indent: string, depth: number) => {
    out.push(`${indent}subgraph ${clusterId(c.key)} [${mermaidLabel(...c.label)}]`);
    if (depth < 40) for (const child of childrenOf(c.key)) cluster(child, `${indent}  `, depth + 1);
    for (const n of nodesIn(c.key)) node(n, `${indent}  `);
    out.push(`${indent}end`);
  };
  for (const c of childrenOf(undefined)) cluster(c, '  ', 0);
  for (const n of nodesIn(undefined)) node(n, '  ');
  const nodeKeys = new Set(g.nodes.map((n) => n.key));
  const edges = g.edges.filter((e) => nodeKeys.has(e.from) && nodeKeys.has(e.to));
  for (const e of edges) {
    const label = e.label.length > 0 ? `|${mermaidLabel(...e.label)}|` : '';
    out.push(`  ${nodeId(e.from)} ${arrow(e)}${label} ${nodeId(e.to)}`);
  }
  out.push('  classDef process fill:#eef4fb,stroke:#2f5d8a,color:#1b2a3a');
  out.push('  classDef datastore fill:#f1f8ee,stroke:#3d7a2f,color:#1b2a3a');
  out.push('  classDef external fill:#f6f6f6,stroke:#555,color:#1b2a3a');
  out.push('  classDef asset fill:#fff8e6,stroke:#a87b00,color:#1b2a3a');
  out.push('  classDef tree fill:#f6f6f6,stroke:#555,color:#1b2a3a');
  out.push('  classDef dim opacity:0.55,stroke-dasharray:3 3');
  for (const [band, c] of Object.entries(BAND_COLOUR)) out.push(`  classDef risk${band} fill:${c.fill},stroke:${c.stroke},stroke-width:3px`);
  const byClass = new Map<string, string[]>();
  const add = (cls: string, id: string) => byClass.set(cls, [...(byClass.get(cls) ?? []), id]);
  for (const n of g.nodes) {
    const id = nodeId(n.key);
    add(['process', 'datastore', 'external', 'asset'].includes(n.shape) ? n.shape : 'tree', id);
    if (n.dim) add('dim', id);
    if (n.risk) add(`risk${n.risk}`, id);
  }
  for (const [cls, list] of byClass) out.push(`  class ${list.join(',')} ${cls}`);
  for (const c of g.clusters) {
    const risk = c.risk ? BAND_COLOUR[c.risk].stroke : undefined;
    out.push(c.kind === 'boundary' ? `  style ${clusterId(c.key)} fill:none,stroke:${risk ?? BOUNDARY_COLOUR},stroke-width:2px,stroke-dasharray:6 4` : `  style ${clusterId(c.key)} fill:#fafafa,stroke:#999`);
  }
  edges.forEach((e, i) => {
    const parts: string[] = [];
    if (e.risk) parts.push(`stroke:${BAND_COLOUR[e.risk].stroke}`, 'stroke-width:3px');
    if (e.style === 'dotted') parts.push('stroke-dasharray:2 4');
    if (parts.length > 0) out.push(`  linkStyle ${i} ${parts.join(',')}`);
  });
  return out.join('\n') + '\n';
}
