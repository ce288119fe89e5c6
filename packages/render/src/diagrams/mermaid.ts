/**
 * DiagramGraph -> Mermaid flowchart (renders on GitHub). Every label goes through `mermaidLabel`.
 *
 * Mermaid lays the picture out where it is shown, so what keeps it readable is written into the
 * text: flows between the same two elements are one edge with all their labels (Mermaid stacks
 * the labels of opposite edges on each other), boundary titles get a margin of their own so a
 * nested boundary's title does not sit on its parent's, and a key subgraph explains the shapes,
 * the trust colours of the boundaries, the line styles and the risk colours that the picture uses.
 */
import { MermaidIds, mermaidLabel } from '../escape/index.js';
import { bundleParallel, trustLevel, type DiagramCluster, type DiagramEdge, type DiagramGraph, type DiagramNode, type Legend, type NodeShape } from './graph.js';
import { BAND_COLOUR, SHAPE_STYLE, TRUST_COLOUR } from './style.js';

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

/** Front matter: room above and below each boundary title, so nested titles stay apart. */
const CONFIG = ['---', 'config:', '  flowchart:', '    wrappingWidth: 320', '    subGraphTitleMargin:', '      top: 6', '      bottom: 40', '---'];

/** The key as a subgraph of sample elements; returns the classes and styles it needs. */
function key(legend: Legend, direction: DiagramGraph['direction'], out: string[], ids: MermaidIds): string[] {
  const styles: string[] = [];
  const id = (k: string) => ids.get('key', k);
  const samples: string[] = [];
  for (const shape of legend.shapes) {
    const [open, close] = OPEN_CLOSE[shape];
    samples.push(`    ${id(shape)}${open}${mermaidLabel(SHAPE_STYLE[shape].name)}${close}`);
    styles.push(`  class ${id(shape)} ${['process', 'datastore', 'external', 'asset'].includes(shape) ? shape : 'tree'}`);
  }
  for (const t of legend.trust) {
    samples.push(`    ${id(`trust-${t}`)}[${mermaidLabel(t === 'unstated' ? 'boundary, trust not stated' : `${t} boundary`)}]`);
    styles.push(`  style ${id(`trust-${t}`)} fill:#ffffff,stroke:${TRUST_COLOUR[t]},stroke-width:2px,stroke-dasharray:6 4,color:${TRUST_COLOUR[t]}`);
  }
  for (const b of legend.bands) {
    samples.push(`    ${id(`risk-${b}`)}[${mermaidLabel(`${b} ${BAND_COLOUR[b].text} risk`)}]`);
    styles.push(`  class ${id(`risk-${b}`)} risk${b}`);
  }
  const glyph = { solid: '──', dotted: '┈┈', dashed: '╌╌' } as const;
  if (legend.lines.length > 0) samples.push(`    ${id('lines')}[${mermaidLabel(...legend.lines.map((l) => `${glyph[l.style]} ${l.meaning}`))}]`);
  if (samples.length === 0) return [];
  // A row under a top-to-bottom picture, a column beside a left-to-right one.
  out.push(`  subgraph ${id('key')} [${mermaidLabel('Key')}]`, `    direction ${direction === 'TB' ? 'LR' : 'TB'}`);
  for (const s of samples) out.push(s);
  out.push('  end');
  styles.push(`  style ${id('key')} fill:#ffffff,stroke:#bbbbbb`);
  if (legend.lines.length > 0) styles.push(`  style ${id('lines')} fill:#ffffff,stroke:#ffffff`);
  return styles;
}

export function toMermaid(g: DiagramGraph): string {
  const ids = new MermaidIds();
  const nodeId = (key: string) => ids.get('n', key);
  const clusterId = (key: string) => ids.get('g', key);
  // Excerpts without a key (a threat's neighbourhood, attack trees) stay plain flowcharts.
  const out: string[] = [...(g.legend ? CONFIG : []), `flowchart ${g.direction}`];
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
  const keyStyles = g.legend ? key(g.legend, g.direction, out, ids) : [];
  const nodeKeys = new Set(g.nodes.map((n) => n.key));
  // Only flows running both ways are bundled: Mermaid gives same-direction edges labels apart.
  const edges = bundleParallel({ ...g, edges: g.edges.filter((e) => nodeKeys.has(e.from) && nodeKeys.has(e.to)) }, 'opposite');
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
    const trust = TRUST_COLOUR[trustLevel(c.trust)];
    const fill = c.risk ? BAND_COLOUR[c.risk].fill : 'none';
    out.push(c.kind === 'boundary' ? `  style ${clusterId(c.key)} fill:${fill},stroke:${trust},stroke-width:${c.risk ? 3 : 2}px,stroke-dasharray:6 4,color:${trust}` : `  style ${clusterId(c.key)} fill:#fafafa,stroke:#999`);
  }
  for (const s of keyStyles) out.push(s);
  edges.forEach((e, i) => {
    const parts: string[] = [];
    if (e.risk) parts.push(`stroke:${BAND_COLOUR[e.risk].stroke}`, 'stroke-width:3px');
    if (e.style === 'dotted') parts.push('stroke-dasharray:2 4');
    if (parts.length > 0) out.push(`  linkStyle ${i} ${parts.join(',')}`);
  });
  return out.join('\n') + '\n';
}
