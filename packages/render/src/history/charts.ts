/**
 * Trend charts of a model's history as small inline SVG, drawn here (no chart library): open threats
 * by band per day, decisions per day, and mean time to remediate per band. All text goes through the
 * `html` template (escapeHtml); colours are the bands' own (BAND_COLOUR).
 */
import { BAND_PRIORITY, bandName, UNRATED, type BandMttr, type CountsBand, type DayRow } from '@threatwright/core';
import { BAND_COLOUR, FONT } from '../diagrams/style.js';
import { html, raw, type Raw } from '../escape/index.js';

const FONT_RAW = raw(`font-family="${FONT}"`);
const DAY_MS = 86_400_000;
const UNRATED_COLOUR = '#8a949e';
const AXIS = '#5b6b7a';
const GRID = '#e3e7eb';

/** More days than this are drawn one point a week (or sparser), always with the first and the last day. */
export const MAX_POINTS = 400;

/** The colour a band is drawn in. */
export function bandColour(band: CountsBand): string {
  return band === 'unrated' ? UNRATED_COLOUR : BAND_COLOUR[BAND_PRIORITY[band].priority].stroke;
}

/** "P1 high", or "unrated". */
export function countsBandName(band: CountsBand): string {
  return band === 'unrated' ? UNRATED : bandName(band);
}

/**
 * The days a chart draws: all of them up to `max`, else one every week (or every few weeks, so
 * that at most `max` remain), counted back from the last day so it is always kept, plus the first.
 */
export function sampleDays<T extends { readonly day: string }>(days: readonly T[], max = MAX_POINTS): readonly T[] {
  if (days.length <= max) return days;
  const step = 7 * Math.ceil(days.length / (7 * max));
  const last = days.length - 1;
  return days.filter((_d, i) => i === 0 || (last - i) % step === 0);
}

const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const round = (n: number): number => Math.round(n * 10) / 10;

/** The largest of the numbers and 0 (a loop: a long series would overflow a spread call). */
function maxOf(xs: Iterable<number>): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Tick {
  readonly at: number;
  readonly label: string;
  /** The year, under the first label and wherever the year changes. */
  readonly year?: string;
}

const MAX_X_TICKS = 7;

/** Date ticks between two day numbers: days, weeks (Mondays), months or years, whichever gives a few. */
export function dateTicks(from: number, to: number): Tick[] {
  const date = (d: number) => new Date(d * DAY_MS);
  const byDays = (step: number, offset: number): number[] => {
    const out: number[] = [];
    for (let d = Math.ceil((from + offset) / step) * step - offset; d <= to; d += step) out.push(d);
    return out;
  };
  const byMonths = (step: number): number[] => {
    const out: number[] = [];
    const start = date(from);
    for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
      const d = Math.round(Date.UTC(y, m, 1) / DAY_MS);
      if (d > to) break;
      if (d >= from && (new Date(d * DAY_MS).getUTCMonth() % step === 0)) out.push(d);
    }
    return out;
  };
  const byYears = (step: number): number[] => {
    const out: number[] = [];
    for (let y = Math.ceil(date(from).getUTCFullYear() / step) * step; ; y += step) {
      const d = Math.round(Date.UTC(y, 0, 1) / DAY_MS);
      if (d > to) break;
      if (d >= from) out.push(d);
    }
    return out;
  };
  // 1970-01-05, day 4, was a Monday: weeks start where (d + 3) is a multiple of 7.
  const candidates: { ticks: () => number[]; label: (d: Date) => string; years: boolean }[] = [
    ...[1, 2, 7, 14].map((step) => ({ ticks: () => byDays(step, step === 1 || step === 2 ? 0 : 3), label: (d: Date) => `${String(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''}`, years: true })),
    ...[1, 2, 3, 6].map((step) => ({ ticks: () => byMonths(step), label: (d: Date) => MONTHS[d.getUTCMonth()] ?? '', years: true })),
    ...[1, 2, 5, 10, 20, 50].map((step) => ({ ticks: () => byYears(step), label: (d: Date) => String(d.getUTCFullYear()), years: false })),
  ];
  for (const c of candidates) {
    const ticks = c.ticks();
    if (ticks.length > MAX_X_TICKS) continue;
    let year: number | undefined;
    return ticks.map((t) => {
      const d = date(t);
      const y = d.getUTCFullYear();
      const showYear = c.years && y !== year;
      year = y;
      return { at: t, label: c.label(d), ...(showYear ? { year: String(y) } : {}) };
    });
  }
  return [];
}

/** Round ticks from 0 to at least `max` (steps of 1, 2 or 5 times a power of ten; at most 6 ticks). */
export function countTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  let step: number | undefined;
  for (let p = 1; step === undefined; p *= 10) step = [1, 2, 5].map((k) => k * p).find((k) => Math.ceil(max / k) <= 5);
  const top = Math.ceil(max / step) * step;
  const out: number[] = [];
  for (let v = 0; v <= top; v += step) out.push(v);
  return out;
}

interface Series {
  readonly label: string;
  readonly colour: string;
  readonly values: readonly number[];
  readonly dash?: string;
  /** The tooltip of its path. */
  readonly title: string;
}

const WIDTH = 660;
const HEIGHT = 250;
const LEFT = 44;
const RIGHT = 180;
const TOP = 14;
const BOTTOM = 44;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

/**
 * A chart over time: axes, grid, date ticks, a legend on the right and the series, stacked as areas
 * (first series at the bottom) or drawn as lines. One day is drawn across the whole width.
 */
function timeChart(label: string, days: readonly DayRow[], series: readonly Series[], stacked: boolean, empty: string): Raw {
  const xs = days.map((d) => dayNumber(d.day));
  const from = xs[0] ?? 0;
  const to = xs[xs.length - 1] ?? from;
  const span = to - from;
  const x = (d: number): number => round(LEFT + (span === 0 ? 0 : ((d - from) / span) * PLOT_W));
  // With one day, each value is drawn from the left edge to the right.
  const at = (i: number): number[] => (span === 0 ? [LEFT, LEFT + PLOT_W] : [x(xs[i] ?? from)]);
  const tops: number[] = days.map((_d, i) => (stacked ? series.reduce((a, s) => a + (s.values[i] ?? 0), 0) : maxOf(series.map((s) => s.values[i] ?? 0))));
  const max = maxOf(tops);
  const yTicks = countTicks(max);
  const yTop = yTicks[yTicks.length - 1] ?? 1;
  const y = (v: number): number => round(TOP + PLOT_H - (v / yTop) * PLOT_H);

  const grid = yTicks.map((v) => html`<line x1="${LEFT}" y1="${y(v)}" x2="${LEFT + PLOT_W}" y2="${y(v)}" stroke="${v === 0 ? AXIS : GRID}" stroke-width="1"></line><text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="${AXIS}" ${FONT_RAW}>${String(v)}</text>`);
  const xTicks = (days.length === 0 ? [] : dateTicks(from, to)).map(
    (t) => html`<line x1="${x(t.at)}" y1="${TOP + PLOT_H}" x2="${x(t.at)}" y2="${TOP + PLOT_H + 4}" stroke="${AXIS}"></line><text x="${x(t.at)}" y="${TOP + PLOT_H + 16}" text-anchor="middle" font-size="11" fill="${AXIS}" ${FONT_RAW}>${t.label}</text>${t.year !== undefined ? html`<text x="${x(t.at)}" y="${TOP + PLOT_H + 30}" text-anchor="middle" font-size="10" fill="${AXIS}" ${FONT_RAW}>${t.year}</text>` : html``}`,
  );
  // With one day and no tick on it, its date under the axis says when.
  const only = days.length === 1 && xTicks.length === 0 ? html`<text x="${LEFT + PLOT_W / 2}" y="${TOP + PLOT_H + 16}" text-anchor="middle" font-size="11" fill="${AXIS}" ${FONT_RAW}>${days[0]?.day ?? ''}</text>` : html``;

  const shapes: Raw[] = [];
  const below = days.map(() => 0);
  for (const s of series) {
    const upper = days.map((_d, i) => (stacked ? (below[i] ?? 0) : 0) + (s.values[i] ?? 0));
    const points = (vals: readonly number[]) => days.flatMap((_d, i) => at(i).map((px) => `${String(px)},${String(y(vals[i] ?? 0))}`));
    const line = points(upper);
    if (stacked) {
      if (s.values.some((v) => v > 0)) {
        const base = points(below).reverse();
        shapes.push(html`<path d="${`M${line.join(' L')} L${base.join(' L')} Z`}" fill="${s.colour}" fill-opacity="0.55" stroke="none"><title>${s.title}</title></path>`);
        shapes.push(html`<path d="${`M${line.join(' L')}`}" fill="none" stroke="${s.colour}" stroke-width="1.5"><title>${s.title}</title></path>`);
      }
      upper.forEach((v, i) => (below[i] = v));
    } else {
      shapes.push(html`<path d="${`M${line.join(' L')}`}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dash !== undefined ? raw(` stroke-dasharray="${s.dash}"`) : raw('')}><title>${s.title}</title></path>`);
    }
  }
  const none = max === 0 ? html`<text x="${LEFT + PLOT_W / 2}" y="${TOP + PLOT_H / 2}" text-anchor="middle" font-size="12" fill="${AXIS}" ${FONT_RAW}>${empty}</text>` : html``;
  // Legend: top of the stack first, each with its value on the last day.
  const legendX = LEFT + PLOT_W + 16;
  const ordered = stacked ? [...series].reverse() : series;
  const lastDay = days[days.length - 1]?.day;
  const legendHead = lastDay !== undefined ? html`<text x="${legendX}" y="${TOP + 8}" font-size="10" fill="${AXIS}" ${FONT_RAW}>${`On ${lastDay}:`}</text>` : html``;
  const legend = ordered.map((s, k) => {
    const ly = TOP + 16 + k * 20;
    const last = s.values[s.values.length - 1] ?? 0;
    return html`<line x1="${legendX}" y1="${ly + 6}" x2="${legendX + 18}" y2="${ly + 6}" stroke="${s.colour}" stroke-width="${stacked ? 8 : 2.5}"${s.dash !== undefined ? raw(` stroke-dasharray="${s.dash}"`) : raw('')}></line><text x="${legendX + 24}" y="${ly + 10}" font-size="11" fill="#1b2a3a" ${FONT_RAW}>${`${s.label}: ${String(last)}`}</text>`;
  });
  const legendH = TOP + 16 + ordered.length * 20 + 8;
  const h = Math.max(HEIGHT, legendH);
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${label}" viewBox="0 0 ${WIDTH} ${h}" width="${WIDTH}" height="${h}"><title>${label}</title>${grid}${shapes}${xTicks}${only}${none}${legendHead}${legend}</svg>`;
}

const STACK: readonly CountsBand[] = ['unrated', 'low', 'medium', 'high', 'critical'];

/** Open threats by band per day, stacked: critical on top of high, medium, low and unrated (unrated only when there were some). */
export function openTrendSvg(days: readonly DayRow[]): Raw {
  const shown = sampleDays(days);
  const series: Series[] = STACK.filter((b) => b !== 'unrated' || shown.some((d) => d.counts.open.unrated > 0)).map((band) => {
    const values = shown.map((d) => d.counts.open[band]);
    const name = countsBandName(band);
    return { label: name, colour: bandColour(band), values, title: `${name}: ${String(values[values.length - 1] ?? 0)} open on ${shown[shown.length - 1]?.day ?? ''}, at most ${String(maxOf(values))}` };
  });
  return timeChart('Open threats by band per day', shown, series, true, 'No open threats on any day');
}

/** Decisions per day: threats mitigated, accepted or transferred, decisions expired, and mitigations overdue. */
export function decisionsTrendSvg(days: readonly DayRow[]): Raw {
  const shown = sampleDays(days);
  const make = (label: string, colour: string, values: number[], dash?: string): Series => ({ label, colour, values, ...(dash !== undefined ? { dash } : {}), title: `${label}: ${String(values[values.length - 1] ?? 0)} on ${shown[shown.length - 1]?.day ?? ''}, at most ${String(maxOf(values))}` });
  const series = [
    make('mitigated', '#1e8449', shown.map((d) => d.counts.mitigated)),
    make('accepted or transferred', '#2f5d8a', shown.map((d) => d.counts.accepted + d.counts.transferred)),
    make('decisions expired', '#b42318', shown.map((d) => d.counts.expired), '6 3'),
    make('mitigations overdue', '#d9730d', shown.map((d) => d.counts.overdue), '2 3'),
  ];
  return timeChart('Decisions and overdue mitigations per day', shown, series, false, 'No decisions and nothing overdue on any day');
}

/** Mean days to remediate per band as horizontal bars, with the median and how many were remediated. */
export function mttrSvg(mttr: readonly BandMttr[]): Raw {
  const rows = mttr.filter((r) => r.band !== 'unrated' || r.remediated + r.decided + r.stillOpen > 0);
  const labelW = 100;
  const barW = 300;
  const rowH = 28;
  const max = maxOf(rows.map((r) => r.meanDays ?? 0));
  const bars = rows.map((r, k) => {
    const yy = 8 + k * rowH;
    const name = countsBandName(r.band);
    const w = max > 0 && r.meanDays !== null ? Math.max(2, round((r.meanDays / max) * barW)) : 0;
    const text =
      r.meanDays === null
        ? `none remediated${r.stillOpen > 0 ? `, ${String(r.stillOpen)} still open` : ''}`
        : `${String(r.meanDays)} days mean, median ${String(r.medianDays ?? r.meanDays)} (${String(r.remediated)} remediated)`;
    return html`<text x="${labelW - 8}" y="${yy + 14}" text-anchor="end" font-size="12" fill="#1b2a3a" ${FONT_RAW}>${name}</text>${w > 0 ? html`<rect x="${labelW}" y="${yy}" width="${w}" height="18" fill="${bandColour(r.band)}" fill-opacity="0.8"><title>${`${name}: ${text}`}</title></rect>` : html``}<text x="${labelW + w + 6}" y="${yy + 14}" font-size="11" fill="${r.meanDays === null ? AXIS : '#1b2a3a'}" ${FONT_RAW}>${text}</text>`;
  });
  const h = 16 + Math.max(1, rows.length) * rowH;
  const w = labelW + barW + 250;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="Mean days to remediate per band" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"><title>Mean days to remediate per band</title>${bars}</svg>`;
}
