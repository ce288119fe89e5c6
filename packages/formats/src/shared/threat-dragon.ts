/**
 * How Threat Dragon's own threat fields are written, shared by its exporter and importer, so an
 * import can tell a value someone edited in Threat Dragon from the one the export wrote.
 */
import { bandLabel, type Band, type ThreatStatus } from '@threatwright/core';
import { severityLabel } from './threats.js';

export type TdStatus = 'Open' | 'Mitigated' | 'NotApplicable';
export type TdSeverity = 'Critical' | 'High' | 'Medium' | 'Low' | 'TBD';

/** Threat Dragon has three statuses: mitigated, dismissed (NotApplicable), and open for everything else. */
export function tdStatus(status: ThreatStatus | undefined): TdStatus {
  return status === 'mitigated' ? 'Mitigated' : status === 'not-applicable' || status === 'false-positive' ? 'NotApplicable' : 'Open';
}

/**
 * Threat Dragon's severity is the residual band, one to one (its Critical, High, Medium and Low are
 * the four bands); a threat without a band shows its impact's label, else TBD (to be determined).
 */
export function tdSeverity(band: Band | undefined, impact: number | undefined): TdSeverity {
  return band !== undefined ? (bandLabel(band) as TdSeverity) : (severityLabel(impact) ?? 'TBD');
}

/** A short digest of a text (FNV-1a, 32 bits), to tell later whether it was edited without storing it twice. */
export function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
