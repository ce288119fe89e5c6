export { buildReportData, compareThreats, type AnalysisInput, type AnalysisThreatInput, type BuildOptions } from './build.js';
export { scoreLxI, SCORING_METHOD, BAND_ORDER, BAND_OF, bandText, PRIORITY_OF, type Score, type ScoreFn } from './risk.js';
export { isBaseline, isOpen, type MitigationState, type ReportData, type ReportMeta, type QuestionView, type RuleInfo, type ThreatView } from './types.js';
export { riskOverlay } from './overlay.js';
export { baselineByElement, questionsApart, withoutBaseline, type BaselineEntryView, type BaselineGroup } from './baseline.js';
