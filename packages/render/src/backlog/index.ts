export {
  atRisk,
  backlogItems,
  contentHash,
  currentBand,
  mitigationDone,
  threatsByMitigation,
  unlinkedMitigations,
  BACKLOG_LABEL,
  BACKLOG_PER,
  type BacklogItem,
  type BacklogKind,
  type BacklogOptions,
  type BacklogPer,
  type Block,
  type Inline,
} from './items.js';
export { markerText, parseMarker, type Marker } from './marker.js';
export { markdownBody, adfBody, adfText } from './bodies.js';
export { planBacklog, type BacklogAction, type ExistingIssue, type PlanOptions } from './plan.js';
export { backlogJson, backlogMarkdown, type PrintOptions } from './print.js';
