export { buildReportData, compareThreats, type BuildOptions, type FindingInput } from './build.js';
export { bandOf, scoreLxI, SCORING_METHOD, BAND_ORDER, type Score, type ScoreFn } from './risk.js';
export { isOpen, OPEN_STATUSES, type ReportData, type ReportMeta, type QuestionView, type RuleInfo, type ThreatView } from './types.js';
export { riskOverlay } from './overlay.js';
