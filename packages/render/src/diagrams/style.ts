/** Colours shared by every diagram format and the report, so an overlay means the same everywhere. */
import type { Band } from './graph.js';

export const BAND_COLOUR: Record<Band, { stroke: string; fill: string; text: string }> = {
  P0: { stroke: '#b42318', fill: '#fde2e1', text: 'critical' },
  P1: { stroke: '#d9730d', fill: '#fdebd0', text: 'high' },
  P2: { stroke: '#b7950b', fill: '#fcf3cf', text: 'medium' },
  P3: { stroke: '#1e8449', fill: '#d5f5e3', text: 'low' },
};

export const BOUNDARY_COLOUR = '#b42318';
export const FONT = 'Helvetica,Arial,sans-serif';
