/**
 * Mapping of threat categories, statuses and severities as other tools write them (display
 * labels, translation keys, enum names) to the model's enums.
 */
import type { ThreatCategory, ThreatStatus } from '@threatwright/core';

/** Lower-case letters only: "Information disclosure", "informationDisclosure", "threats.model.stride.informationDisclosure" → "informationdisclosure". */
function squash(label: string): string {
  const last = label.includes('.') ? (label.split('.').pop() ?? label) : label;
  return last.toLowerCase().replace(/[^a-z]/g, '');
}

// Maps, not object literals: the keys come from the file, and "constructor" must not reach a prototype.
const CATEGORIES = new Map<string, ThreatCategory>(Object.entries({
  spoofing: 'spoofing',
  spoofingidentity: 'spoofing',
  s: 'spoofing',
  tampering: 'tampering',
  tamperingwithdata: 'tampering',
  t: 'tampering',
  repudiation: 'repudiation',
  r: 'repudiation',
  informationdisclosure: 'information-disclosure',
  disclosure: 'information-disclosure',
  i: 'information-disclosure',
  denialofservice: 'denial-of-service',
  dos: 'denial-of-service',
  d: 'denial-of-service',
  elevationofprivilege: 'elevation-of-privilege',
  elevationofprivileges: 'elevation-of-privilege',
  privilegeescalation: 'elevation-of-privilege',
  e: 'elevation-of-privilege',
  // LINDDUN (classic and GO names)
  linkability: 'linking',
  linking: 'linking',
  identifiability: 'identifying',
  identifying: 'identifying',
  nonrepudiation: 'non-repudiation',
  detectability: 'detecting',
  detecting: 'detecting',
  disclosureofinformation: 'data-disclosure',
  datadisclosure: 'data-disclosure',
  unawareness: 'unawareness',
  unawarenessandunintervenability: 'unawareness',
  noncompliance: 'non-compliance',
  // CIA, as Threat Dragon's CIA diagrams label threats
  confidentiality: 'information-disclosure',
  integrity: 'tampering',
  availability: 'denial-of-service',
} satisfies Record<string, ThreatCategory>));

/** The model category for a label, or undefined when it is not STRIDE, LINDDUN or CIA. */
export function mapCategory(label: string | undefined): ThreatCategory | undefined {
  if (!label) return undefined;
  return CATEGORIES.get(squash(label));
}

const STATUSES = new Map<string, ThreatStatus>(Object.entries({
  open: 'open',
  new: 'open',
  identified: 'open',
  notstarted: 'open',
  needsinvestigation: 'open',
  threatidentified: 'open',
  exposed: 'open',
  unchecked: 'open',
  inprogress: 'in-progress',
  inprogres: 'in-progress',
  inmitigation: 'in-progress',
  planned: 'in-progress',
  mitigated: 'mitigated',
  resolved: 'mitigated',
  closed: 'mitigated',
  fixed: 'mitigated',
  implemented: 'mitigated',
  threatresolved: 'mitigated',
  mitigationimplemented: 'mitigated',
  accepted: 'accepted',
  riskaccepted: 'accepted',
  transferred: 'transferred',
  falsepositive: 'false-positive',
  notapplicable: 'not-applicable',
  na: 'not-applicable',
  threatnotapplicable: 'not-applicable',
  notrelevant: 'not-applicable',
} satisfies Record<string, ThreatStatus>));

/** The model status for a status label ("Open", "NotApplicable", "N/A", "threatResolved", …). */
export function mapStatus(label: string | undefined): ThreatStatus | undefined {
  if (!label) return undefined;
  return STATUSES.get(label.toLowerCase().replace(/[^a-z]/g, ''));
}

const SEVERITIES = new Map<string, number>(Object.entries({ critical: 5, veryhigh: 5, high: 4, medium: 3, moderate: 3, low: 2, verylow: 1, info: 1, informational: 1, note: 1 }));

/** Impact (1–5) for a severity or priority label; undefined for labels like "TBD" or "". */
export function mapSeverity(label: string | undefined): number | undefined {
  if (!label) return undefined;
  return SEVERITIES.get(label.toLowerCase().replace(/[^a-z]/g, ''));
}

/** Label for an impact value, the inverse of `mapSeverity` for exporters. */
export function severityLabel(impact: number | undefined): 'Critical' | 'High' | 'Medium' | 'Low' | undefined {
  if (impact === undefined) return undefined;
  return impact >= 5 ? 'Critical' : impact >= 4 ? 'High' : impact >= 3 ? 'Medium' : 'Low';
}

/** Display labels of the model's categories (STRIDE and LINDDUN as the tools print them). */
export const CATEGORY_LABEL: Record<ThreatCategory, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  'information-disclosure': 'Information disclosure',
  'denial-of-service': 'Denial of service',
  'elevation-of-privilege': 'Elevation of privilege',
  linking: 'Linking',
  identifying: 'Identifying',
  'non-repudiation': 'Non-repudiation',
  detecting: 'Detecting',
  'data-disclosure': 'Data disclosure',
  unawareness: 'Unawareness',
  'non-compliance': 'Non-compliance',
};

/** A one-line title from free text: the first line, trimmed to a readable length. */
export function titleFrom(text: string, max = 120): string {
  const line = (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim().replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Collapses runs of whitespace (including line breaks drawn into diagram labels) to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
