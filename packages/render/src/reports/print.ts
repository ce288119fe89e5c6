/**
 * How the printed report (PDF) places a diagram: inline in the text when it fits the A4 portrait
 * column with its text still legible, else on a page of its own, landscape or portrait, as small as
 * keeps the smallest label at {@link MIN_TEXT_PT}; a diagram too large for A3 gets a page of its own
 * size. A figure is never split across pages and never shrunk below that size. Pure: it reads the
 * sizes Graphviz writes into the SVG (points, with font sizes in the same units).
 */

/** The smallest text a printed diagram may show, in points. */
export const MIN_TEXT_PT = 7;

const PT_PER_MM = 72 / 25.4;
/** The report's own A4 portrait page: 16 mm top and bottom, 14 mm left and right (see the CSS). */
const COLUMN = { width: (210 - 28) * PT_PER_MM, height: (297 - 32) * PT_PER_MM };
/** Margin of a diagram's own page, and the room its heading and caption take. */
const SHEET_MARGIN_MM = 12;
const SHEET_TEXT_PT = 64;
/** A diagram inline in the text takes at most this share of the column's height. */
const INLINE_SHARE = 0.6;

const PAPERS: readonly { name: string; width: number; height: number }[] = [
  { name: 'A4 landscape', width: 297, height: 210 },
  { name: 'A4 portrait', width: 210, height: 297 },
  { name: 'A3 landscape', width: 420, height: 297 },
  { name: 'A3 portrait', width: 297, height: 420 },
];

export interface FigurePlacement {
  /** In the text column, or on a page of its own (`page`). */
  inline: boolean;
  /** The page of its own: its name in the CSS, its paper and size in millimetres. */
  page: { name: string; paper: string; widthMm: number; heightMm: number } | undefined;
  /** The printed size of the drawing, in points. */
  widthPt: number;
  heightPt: number;
  /** The smallest label as printed, in points. */
  minTextPt: number;
}

/** The drawing's natural size and its smallest font size, from the SVG Graphviz wrote. */
export function svgMetrics(svg: string): { width: number; height: number; minFont: number } | undefined {
  const root = /<svg\b[^>]*>/u.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)(?:pt|px)?"/u.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)(?:pt|px)?"/u.exec(root)?.[1]);
  if (!(width > 0) || !(height > 0)) return undefined;
  let minFont = Infinity;
  for (const m of svg.matchAll(/font-size="([\d.]+)"/gu)) minFont = Math.min(minFont, Number(m[1]));
  return { width, height, minFont: Number.isFinite(minFont) ? minFont : 14 };
}

/** Where the printed report puts a diagram, and at what size. `name` names its page in the CSS. */
export function placeFigure(svg: string, name: string): FigurePlacement | undefined {
  const metrics = svgMetrics(svg);
  if (!metrics) return undefined;
  const m = metrics;
  const sheet = (paper: string, widthMm: number, heightMm: number, scale: number): FigurePlacement => ({ inline: false, page: { name, paper, widthMm, heightMm }, widthPt: m.width * scale, heightPt: m.height * scale, minTextPt: m.minFont * scale });
  const fit = (w: number, h: number) => Math.min(1, w / m.width, h / m.height);
  const inline = fit(COLUMN.width, COLUMN.height * INLINE_SHARE);
  if (inline * m.minFont >= MIN_TEXT_PT) return { inline: true, page: undefined, widthPt: m.width * inline, heightPt: m.height * inline, minTextPt: m.minFont * inline };
  const room = (mm: number) => (mm - 2 * SHEET_MARGIN_MM) * PT_PER_MM;
  // The smallest paper that keeps the text legible; of its two orientations, the one that shows the drawing larger.
  for (let k = 0; k < PAPERS.length; k += 2) {
    const options = PAPERS.slice(k, k + 2).map((p) => ({ p, s: Math.min(1.5, room(p.width) / m.width, (room(p.height) - SHEET_TEXT_PT) / m.height) }));
    const best = options.sort((a, b) => b.s - a.s)[0];
    if (best && best.s * m.minFont >= MIN_TEXT_PT) return sheet(best.p.name, best.p.width, best.p.height, best.s);
  }
  // Larger than A3 allows: a page of the drawing's own size at the smallest legible scale.
  const s = MIN_TEXT_PT / m.minFont;
  const widthMm = Math.ceil((m.width * s) / PT_PER_MM + 2 * SHEET_MARGIN_MM);
  const heightMm = Math.ceil((m.height * s + SHEET_TEXT_PT) / PT_PER_MM + 2 * SHEET_MARGIN_MM);
  return sheet(`${widthMm} × ${heightMm} mm`, widthMm, heightMm, s);
}

/** The print CSS for one figure: its page, and the drawing's printed size. `id` is the figure element's id. */
export function figureCss(id: string, p: FigurePlacement): string {
  const size = `#${id} svg { width: ${p.widthPt.toFixed(1)}pt; height: ${p.heightPt.toFixed(1)}pt; max-width: none; }`;
  if (!p.page) return size;
  return `@page ${p.page.name} { size: ${p.page.widthMm}mm ${p.page.heightMm}mm; margin: ${SHEET_MARGIN_MM}mm; }\n#${id} { page: ${p.page.name}; }\n${size}`;
}

/**
 * Writes the page numbers into the printed table of contents: `pages` maps a section's id (`s1`…)
 * to the page it starts on, as a first printing found. The numbers take the room the empty slots
 * already had, so the pages do not move.
 */
export function numberContents(page: string, pages: ReadonlyMap<string, number>): string {
  return page.replace(/<span class="toc-page" data-section="(s\d+)"><\/span>/gu, (slot, id: string) => {
    const n = pages.get(id);
    return n === undefined ? slot : `<span class="toc-page" data-section="${id}">${n}</span>`;
  });
}
