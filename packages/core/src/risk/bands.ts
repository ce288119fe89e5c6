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

const BY_PRIORITY: ReadonlyMap<string, Band> = new Map(BANDS.map((b) => [BAND_PRIORITY[b].priority.toLowerCase(), b]));

/**
 * A band written either way: its word (`high`) or its priority (`P1`), in any case. Every option and
 * input that names a band reads it through here, so `--fail-on P1` and `--fail-on high` are the same.
 */
export function parseBand(value: string): Band | undefined {
  const v = value.trim().toLowerCase();
  return isBand(v) ? v : BY_PRIORITY.get(v);
}

/** The band a priority stands for: P1 → high. */
export function bandOfPriority(priority: Priority): Band {
  return BY_PRIORITY.get(priority.toLowerCase()) as Band;
}

/** Every spelling `parseBand` reads, for help texts and completion: critical, high, …, P0, P1, … */
export const BAND_CHOICES: readonly string[] = [...BANDS, ...BANDS.map((b) => BAND_PRIORITY[b].priority)];

/** The one way a band is shown to people: the priority and the word, "P1 high". */
export function bandName(band: Band): string {
  return `${BAND_PRIORITY[band].priority} ${band}`;
}

/** What a threat without a band (no likelihood or impact, no other score) is called everywhere. */
export const UNRATED = 'unrated';

/** "P0 critical (immediate)": the band as every output names it, with what it asks for. */
export function bandSummary(band: Band): string {
  return `${bandName(band)} (${BAND_PRIORITY[band].action})`;
}
