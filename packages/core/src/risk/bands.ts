/**
 * Risk bands and the priorities they map to. Every scoring method ends in one of four bands;
 * the band decides the priority, and the gate compares bands.
 */
export type Band = 'critical' | 'high' | 'medium' | 'low';
export type Priority = 'P0' | 'P1' | 'P2' | 'P3';

/** Highest first. */
export const BANDS: readonly Band[] = ['critical', 'high', 'medium', 'low'];

export const BAND_PRIORITY: Readonly<Record<Band, { readonly priority: Priority; readonly action: string }>> = {
  critical: { priority: 'P0', action: 'immediate' },
  high: { priority: 'P1', action: 'next sprint' },
  medium: { priority: 'P2', action: 'plan' },
  low: { priority: 'P3', action: 'monitor or accept' },
};

const RANK: Readonly<Record<Band, number>> = { critical: 3, high: 2, medium: 1, low: 0 };

/** 3 for critical … 0 for low, to sort and compare. */
export function bandRank(band: Band): number {
  return RANK[band];
}

/** The band is the threshold or worse. */
export function atOrAbove(band: Band, threshold: Band): boolean {
  return RANK[band] >= RANK[threshold];
}

export function bandLabel(band: Band): string {
  return band.charAt(0).toUpperCase() + band.slice(1);
}

export function isBand(value: string): value is Band {
  return (BANDS as readonly string[]).includes(value);
}

/** "Critical → P0 (immediate)" */
export function bandSummary(band: Band): string {
  const p = BAND_PRIORITY[band];
  return `${bandLabel(band)} → ${p.priority} (${p.action})`;
}
