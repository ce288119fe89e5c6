/** Small inline SVG charts for the HTML report. All text goes through the `html` template (escapeHtml). */
import { scoreLxI } from '../data/risk.js';
import { BAND_COLOUR } from '../diagrams/style.js';
import { html, raw, type Raw } from '../escape/index.js';
import type { Outline } from './outline.js';

const FONT_RAW = raw('font-family="Helvetica,Arial,sans-serif"');

/** Likelihood (rows, 5 at the top) × impact (columns) grid of open threats, cells coloured by band. */
export function heatmapSvg(grid: number[][]): Raw {
  const cell = 56;
  const left = 70;
  const top = 20;
  const cells: Raw[] = [];
  for (let l = 5; l >= 1; l--) {
    for (let i = 1; i <= 5; i++) {
      const n = grid[l - 1]?.[i - 1] ?? 0;
      const c = BAND_COLOUR[scoreLxI(l, i)?.band ?? 'P3'];
      const x = left + (i - 1) * cell;
      const y = top + (5 - l) * cell;
      cells.push(html`<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" rx="4" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${n > 0 ? 2 : 0.5}"><title>${`likelihood ${l} × impact ${i}: ${n} open`}</title></rect>`);
      if (n > 0) cells.push(html`<text x="${x + cell / 2 - 1}" y="${y + cell / 2 + 6}" text-anchor="middle" font-size="18" font-weight="bold" fill="#222" ${FONT_RAW}>${String(n)}</text>`);
    }
  }
  const axes: Raw[] = [];
  for (let k = 1; k <= 5; k++) {
    axes.push(html`<text x="${left - 10}" y="${top + (5 - k) * cell + cell / 2 + 4}" text-anchor="end" font-size="12" ${FONT_RAW}>${String(k)}</text>`);
    axes.push(html`<text x="${left + (k - 1) * cell + cell / 2 - 1}" y="${top + 5 * cell + 16}" text-anchor="middle" font-size="12" ${FONT_RAW}>${String(k)}</text>`);
  }
  const w = left + 5 * cell + 10;
  const h = top + 5 * cell + 44;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="Likelihood by impact heatmap of open threats" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">
<text x="${left - 52}" y="${top + 2.5 * cell}" font-size="12" transform="rotate(-90 ${left - 52} ${top + 2.5 * cell})" text-anchor="middle" ${FONT_RAW}>Likelihood</text>
${cells}${axes}<text x="${left + 2.5 * cell}" y="${h - 6}" text-anchor="middle" font-size="12" ${FONT_RAW}>Impact</text></svg>`;
}


/** Horizontal bars: open and closed threats per STRIDE/LINDDUN category. */
export function categorySvg(categories: Outline['categories']): Raw {
  const rowH = 26;
  const labelW = 170;
  const barW = 300;
  let max = 1;
  for (const c of categories) max = Math.max(max, c.open + c.closed);
  const rows = categories.map((c, k) => {
    const y = 10 + k * rowH;
    const wOpen = (c.open / max) * barW;
    const wClosed = (c.closed / max) * barW;
    return html`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="12" ${FONT_RAW}>${c.category}</text>
<rect x="${labelW}" y="${y}" width="${wOpen}" height="18" fill="#d9730d"><title>${`${c.category}: ${c.open} open`}</title></rect>
<rect x="${labelW + wOpen}" y="${y}" width="${wClosed}" height="18" fill="#1e8449"><title>${`${c.category}: ${c.closed} closed`}</title></rect>
<text x="${labelW + wOpen + wClosed + 6}" y="${y + 14}" font-size="11" ${FONT_RAW}>${`${c.open} open, ${c.closed} closed`}</text>`;
  });
  const h = 20 + Math.max(1, categories.length) * rowH;
  const w = labelW + barW + 130;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="Threats by category" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${rows}</svg>`;
}

/** One stacked bar: open, in progress, mitigated, accepted/transferred, other. */
export function statusSvg(s: Outline['statuses']): Raw {
  const parts = [
    { label: 'open', n: s.open, colour: '#b42318' },
    { label: 'in progress', n: s.inProgress, colour: '#d9730d' },
    { label: 'mitigated', n: s.mitigated, colour: '#1e8449' },
    { label: 'accepted / transferred', n: s.accepted, colour: '#5b6b7a' },
    { label: 'false positive / not applicable', n: s.other, colour: '#b0b7be' },
  ];
  const total = Math.max(1, parts.reduce((a, p) => a + p.n, 0));
  const width = 460;
  let x = 0;
  const bars: Raw[] = [];
  const legend: Raw[] = [];
  parts.forEach((p, k) => {
    const w = (p.n / total) * width;
    if (p.n > 0) bars.push(html`<rect x="${x}" y="0" width="${w}" height="26" fill="${p.colour}"><title>${`${p.label}: ${p.n}`}</title></rect>`);
    x += w;
    legend.push(html`<rect x="${(k % 3) * 160}" y="${40 + Math.floor(k / 3) * 20}" width="12" height="12" fill="${p.colour}"></rect><text x="${(k % 3) * 160 + 16}" y="${50 + Math.floor(k / 3) * 20}" font-size="11" ${FONT_RAW}>${`${p.label}: ${p.n}`}</text>`);
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="Open versus mitigated threats" viewBox="0 0 ${width + 20} 90" width="${width + 20}" height="90">${bars}${legend}</svg>`;
}
