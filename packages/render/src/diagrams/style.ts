/** Colours shared by every diagram format and the report, so an overlay means the same everywhere. */
import type { Band, NodeShape, TrustLevel } from './graph.js';

export const BAND_COLOUR: Record<Band, { stroke: string; fill: string; text: string }> = {
  P0: { stroke: '#b42318', fill: '#fde2e1', text: 'critical' },
  P1: { stroke: '#d9730d', fill: '#fdebd0', text: 'high' },
  P2: { stroke: '#b7950b', fill: '#fcf3cf', text: 'medium' },
  P3: { stroke: '#1e8449', fill: '#d5f5e3', text: 'low' },
};

/**
 * A boundary's outline and title by the trust inside it: red where nothing is trusted (the
 * internet) through amber, purple and blue to teal for fully trusted zones; grey when unstated.
 * Kept apart from the risk colours, which fill elements rather than outline boxes.
 */
export const TRUST_COLOUR: Record<TrustLevel, string> = {
  untrusted: '#b42318',
  low: '#a05a00',
  medium: '#7d3c98',
  high: '#1f5f99',
  trusted: '#117a65',
  unstated: '#666666',
};

/** How each kind of element is drawn, and what the key calls it. */
export const SHAPE_STYLE: Record<NodeShape, { fill: string; stroke: string; name: string }> = {
  process: { fill: '#eef4fb', stroke: '#2f5d8a', name: 'process (oval)' },
  datastore: { fill: '#f1f8ee', stroke: '#3d7a2f', name: 'data store (cylinder)' },
  external: { fill: '#f6f6f6', stroke: '#555555', name: 'external entity (box)' },
  asset: { fill: '#fff8e6', stroke: '#a87b00', name: 'data asset (note)' },
  goal: { fill: '#fde2e1', stroke: '#b42318', name: 'attack goal' },
  and: { fill: '#f6f6f6', stroke: '#555555', name: 'AND gate' },
  or: { fill: '#f6f6f6', stroke: '#555555', name: 'OR gate' },
  leaf: { fill: '#ffffff', stroke: '#555555', name: 'attack step' },
};

export const BOUNDARY_COLOUR = TRUST_COLOUR.untrusted;
export const FONT = 'Helvetica,Arial,sans-serif';
