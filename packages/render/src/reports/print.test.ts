import { describe, expect, it } from 'vitest';
import { MIN_TEXT_PT, numberContents, placeFigure, svgMetrics } from './print.js';

const svg = (w: number, h: number, fonts: number[] = [14, 9]) => `<svg width="${w}pt" height="${h}pt" viewBox="0 0 ${w} ${h}">${fonts.map((f) => `<text font-size="${f.toFixed(2)}">x</text>`).join('')}</svg>`;

describe('placing a diagram on the printed page', () => {
  it('reads the size and the smallest font Graphviz wrote', () => {
    expect(svgMetrics(svg(1264, 514, [14, 10, 9]))).toEqual({ width: 1264, height: 514, minFont: 9 });
    expect(svgMetrics('<svg viewBox="0 0 1 1"></svg>')).toBeUndefined();
  });

  it('keeps a small diagram in the text column at its size', () => {
    const p = placeFigure(svg(400, 300), 'sheet-1');
    expect(p).toMatchObject({ inline: true, page: undefined, widthPt: 400, heightPt: 300, minTextPt: 9 });
  });

  it('gives a wide diagram a landscape page of its own, as small a paper as keeps its text legible', () => {
    // Too wide for the A4 column at 7 pt, fits A4 landscape.
    expect(placeFigure(svg(800, 400), 'sheet-1')?.page).toMatchObject({ paper: 'A4 landscape', widthMm: 297, heightMm: 210 });
    // The web-login DFD: A4 landscape would print its 9 pt labels at 5.5 pt, so A3 landscape.
    const dfd = placeFigure(svg(1264, 514), 'sheet-2');
    expect(dfd?.page).toMatchObject({ paper: 'A3 landscape', widthMm: 420, heightMm: 297 });
    expect(dfd?.minTextPt).toBeGreaterThanOrEqual(MIN_TEXT_PT);
  });

  it('gives a tall diagram a portrait page, and one larger than A3 a page of its own size', () => {
    expect(placeFigure(svg(500, 1100), 'sheet-1')?.page?.paper).toMatch(/portrait$/u);
    const huge = placeFigure(svg(6000, 900), 'sheet-3');
    expect(huge?.page?.paper).toMatch(/^\d+ × \d+ mm$/u);
    expect(huge?.minTextPt).toBeCloseTo(MIN_TEXT_PT, 5);
    expect((huge?.page?.widthMm ?? 0) * (72 / 25.4)).toBeGreaterThan(huge?.widthPt ?? Infinity);
  });
});

describe('numbering the table of contents', () => {
  it('fills the slots of the sections it knows and leaves the others', () => {
    const page = '<li>1.<span class="toc-page" data-section="s1"></span></li><li>2.<span class="toc-page" data-section="s2"></span></li>';
    expect(numberContents(page, new Map([['s1', 3]]))).toBe('<li>1.<span class="toc-page" data-section="s1">3</span></li><li>2.<span class="toc-page" data-section="s2"></span></li>');
  });
});
