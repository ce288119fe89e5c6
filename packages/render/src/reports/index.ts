import type { ReportData } from '../data/types.js';
import { toHtml } from './html.js';
import { toMarkdown } from './markdown.js';

export { toMarkdown } from './markdown.js';
export { toHtml } from './html.js';
export { outline, type Outline } from './outline.js';
export { MIN_TEXT_PT, numberContents, placeFigure, svgMetrics, type FigurePlacement } from './print.js';

export type ReportFormat = 'md' | 'html';

/** The dispatch table of text reports. PDF is HTML printed by a browser, which only the CLI may start. */
export async function renderReport(data: ReportData, format: ReportFormat): Promise<string> {
  switch (format) {
    case 'md':
      return toMarkdown(data);
    case 'html':
      return toHtml(data);
  }
}
