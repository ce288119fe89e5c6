/** The editor's pure building blocks (used by the app, the tests and the bench). */
export { analyzeModel, filterRows, heatmap, isOpenRow, worstBandByElement, BANDS, OPEN_FILTER, type Analysis, type Band, type ThreatRow, type ThreatFilter } from './model/analysis.js';
export { resolveRects, autoLayout, gridLayout, elkGraph, positionsFromElk, boundaryAt, needsAutoLayout, type Rect } from './model/layout.js';
export { mergeModels, type MergeResult } from './model/merge.js';
export { lineDiff, type DiffLine } from './model/diff.js';
export { diagramSvg, escapeXml } from './model/export-svg.js';
export * from './model/ops.js';
export * from './model/history.js';
