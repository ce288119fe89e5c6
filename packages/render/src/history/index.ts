/**
 * A model's history as people read it: what each revision changed, the changelog, and the trend
 * charts and tables of the reports. Core derives the history; this only words and draws it.
 */
export { changeParts, changeSummaryText, LIST_AT_MOST, LIST_NOUN, type ChangeParts } from './summary.js';
export { changelogMarkdown, type ChangelogOptions } from './changelog.js';
export { bandColour, countTicks, countsBandName, dateTicks, decisionsTrendSvg, MAX_POINTS, mttrSvg, openTrendSvg, sampleDays } from './charts.js';
export { revisionChangeText, revisionDay, REVISION_ROWS_AT_MOST, REVISIONS_SHOWN, shortCommit, trendOutline, type OpenSample, type TrendOutline } from './outline.js';
