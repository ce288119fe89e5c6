import type { Model } from '@threatwright/core';
import { buildDiagram, type DiagramOptions } from './graph.js';
import { toMermaid } from './mermaid.js';
import { diagramSvg, layoutDot } from './svg.js';

export { buildDiagram, attackTreeGraph, parseView, DiagramError, VIEW_HELP } from './graph.js';
export type { Band, DiagramGraph, DiagramNode, DiagramEdge, DiagramCluster, DiagramOptions, Legend, TrustLevel, ViewSpec } from './graph.js';
export { toMermaid } from './mermaid.js';
export { toDot, type DotOptions } from './dot.js';
export { dotToSvg, dotToInlineSvg, layoutDot, diagramSvg } from './svg.js';
export { BAND_COLOUR, TRUST_COLOUR } from './style.js';

export type DiagramFormat = 'mermaid' | 'dot' | 'svg';
export const DIAGRAM_FORMATS: readonly DiagramFormat[] = ['mermaid', 'dot', 'svg'];

/** The dispatch table: model + view -> text in one format. */
export async function renderDiagram(model: Model, format: DiagramFormat, options: DiagramOptions = {}): Promise<string> {
  const graph = buildDiagram(model, options);
  switch (format) {
    case 'mermaid':
      return toMermaid(graph);
    case 'dot':
      return layoutDot(graph);
    case 'svg':
      return diagramSvg(graph);
  }
}
