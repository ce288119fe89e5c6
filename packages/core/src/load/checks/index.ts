/** The semantic checks, in the order they run. Each is a small named function over the merged model. */
import { boundaryCycles } from './boundary-cycles.js';
import type { Check } from './context.js';
import { duplicateIds } from './duplicate-ids.js';
import { properties } from './properties.js';
import { references } from './references.js';
import { selfFlows } from './self-flows.js';
import { threatEntries } from './threat-entries.js';
import { componentWithoutFlows, flowsWithoutData, mitigationsWithoutOwner, reviewOverdue, staleLayout, unusedAssets } from './warnings.js';

export const CHECKS: readonly { name: string; check: Check }[] = [
  { name: 'duplicate-ids', check: duplicateIds },
  { name: 'references', check: references },
  { name: 'boundary-cycles', check: boundaryCycles },
  { name: 'self-flows', check: selfFlows },
  { name: 'threat-entries', check: threatEntries },
  { name: 'properties', check: properties },
  { name: 'component-without-flows', check: componentWithoutFlows },
  { name: 'unused-assets', check: unusedAssets },
  { name: 'flows-without-data', check: flowsWithoutData },
  { name: 'mitigations-without-owner', check: mitigationsWithoutOwner },
  { name: 'review-overdue', check: reviewOverdue },
  { name: 'stale-layout', check: staleLayout },
];

export { buildContext, type Check, type CheckContext, type CheckIssue, type SetAside } from './context.js';
export { addInterval } from './warnings.js';
export { FINGERPRINT_PATTERN } from './threat-entries.js';
