export { backlogItems, contentHash, BACKLOG_LABEL, type BacklogItem, type BacklogOptions, type Block, type Inline } from './items.js';
export { markerText, parseMarker } from './marker.js';
export { markdownBody, adfBody, adfText } from './bodies.js';
export { planBacklog, type BacklogAction, type ExistingIssue } from './plan.js';
