/**
 * Inline SVG charts for the HTML report, drawn at render time (no chart library, no script).
 * Pure and deterministic: the same data gives the same markup (coordinates rounded to 0.1 px).
 * Colours come from CSS classes the page defines (with a fill attribute as a fallback), so the
 * charts follow the page's light/dark palette.
 */
import { escapeHtml } from './escape.js';

/** Chart width in SVG user units; the page scales charts to their container. */
const CHART_WIDTH = 560;
/** Column-chart height: room for ~6 tick rows and two lines of axis text. */
const COLUMN_CHART_HEIGHT = 300;
/** Height of one bar row in the horizontal bar chart (12 px text plus padding). */
const BAR_ROW_HEIGHT = 24;
/** Approximate advance of one character at the 12 px system font, for label margins. */
const CHAR_WIDTH = 6.6;
/** Longer category labels are cut with an ellipsis (the full label is in the tooltip). */
const MAX_LABEL_CHARS = 30;
/** Target number of value-axis intervals (the step is rounded to 1, 2 or 5 x 10^k). */
const TARGET_TICKS = 5;
/** At most this many x-axis labels are drawn; the others are skipped evenly. */
const MAX_X_LABELS = 12;
/** Share of a column slot filled by the bar; the rest is the gap between bars. */
const BAR_FILL = 0.82;

export interface Series {
  name: string;
  /** CSS class of the bars (the page's palette); `fill` is used where CSS is absent. */
  className: string;
  fill: string;
}

export interface Bar {
  label: string;
  value: number;
  series: Series;
  /** Where clicking the bar goes (a fragment of this page). */
  href?: string;
}

export interface Bin {
  /** Label under the column (ignored when `edges` labels the boundaries instead). */
  label: string;
  /** One value per series, stacked bottom-up in series order. */
  values: number[];
}

const r1 = (x: number): string => String(Math.round(x * 10) / 10);

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Value-axis ticks from 0 covering `max` (counts: the step is at least 1). */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const step = Math.max(1, niceStep(max / TARGET_TICKS));
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

function clip(label: string): string {
  const chars = [...label];
  return chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…` : label;
}

function frame(id: string, title: string, width: number, height: number, body: string[]): string {
  const t = escapeHtml(title);
  return [
    `<svg class="chart" id="${escapeHtml(id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${escapeHtml(id)}-title" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${escapeHtml(id)}-title">${t}</title>`,
    `<text class="chart-title" x="${r1(width / 2)}" y="20" text-anchor="middle">${t}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}

function legend(series: Series[], width: number, y: number): string[] {
  if (series.length < 2) return [];
  const widths = series.map((s) => 18 + [...s.name].length * CHAR_WIDTH + 14);
  let x = width - widths.reduce((a, b) => a + b, 0);
  return series.map((s, i) => {
    const out = `<g class="legend"><rect class="${s.className}" fill="${s.fill}" x="${r1(x)}" y="${y - 9}" width="10" height="10"/><text x="${r1(x + 14)}" y="${y}">${escapeHtml(s.name)}</text></g>`;
    x += widths[i];
    return out;
  });
}

/**
 * Vertical columns (a histogram when the bins are ranges). With `edges` (bins + 1 labels) the
 * x-axis labels the bin boundaries; otherwise each column is labelled at its centre.
 */
export function columnChart(o: { id: string; title: string; xLabel: string; yLabel: string; bins: Bin[]; series: Series[]; edges?: string[]; emptyText: string }): string {
  const legendRow = o.series.length > 1;
  // Margins: left for value ticks and the rotated y label, top for the title (and legend), bottom for x ticks and the x label.
  const m = { l: 56, r: 16, t: legendRow ? 48 : 36, b: 64 };
  const w = CHART_WIDTH;
  const h = COLUMN_CHART_HEIGHT;
  const plotW = w - m.l - m.r;
  const plotH = h - m.t - m.b;
  const totals = o.bins.map((b) => b.values.reduce((a, v) => a + v, 0));
  const max = Math.max(0, ...totals);
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const y = (v: number) => m.t + plotH - (v / top) * plotH;
  const body: string[] = [...legend(o.series, w - m.r, 38)];
  for (const t of ticks) {
    body.push(`<line class="grid" x1="${m.l}" x2="${w - m.r}" y1="${r1(y(t))}" y2="${r1(y(t))}"/>`);
    body.push(`<text class="tick" x="${m.l - 6}" y="${r1(y(t) + 4)}" text-anchor="end">${t}</text>`);
  }
  const n = Math.max(1, o.bins.length);
  const slot = plotW / n;
  const barW = slot * BAR_FILL;
  o.bins.forEach((bin, i) => {
    let base = 0;
    bin.values.forEach((v, s) => {
      if (v <= 0) return;
      const series = o.series[s];
      const x = m.l + i * slot + (slot - barW) / 2;
      const label = `${bin.label}: ${v}${o.series.length > 1 ? ` ${series.name}` : ''}`;
      body.push(
        `<rect class="bar ${series.className}" fill="${series.fill}" x="${r1(x)}" y="${r1(y(base + v))}" width="${r1(barW)}" height="${r1(y(base) - y(base + v))}"><title>${escapeHtml(label)}</title></rect>`,
      );
      base += v;
    });
  });
  body.push(`<line class="axis" x1="${m.l}" x2="${w - m.r}" y1="${m.t + plotH}" y2="${m.t + plotH}"/>`);
  body.push(`<line class="axis" x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${m.t + plotH}"/>`);
  const labels = o.edges ?? o.bins.map((b) => b.label);
  const every = Math.ceil(labels.length / MAX_X_LABELS);
  const rotate = o.edges === undefined && labels.some((l) => l.length > 5) && labels.length > 6;
  labels.forEach((label, i) => {
    if (i % every !== 0 && i !== labels.length - 1) return;
    const x = o.edges ? m.l + i * slot : m.l + (i + 0.5) * slot;
    const ty = m.t + plotH + 16;
    body.push(
      rotate
        ? `<text class="tick" x="${r1(x)}" y="${ty}" text-anchor="end" transform="rotate(-35 ${r1(x)} ${ty})">${escapeHtml(clip(label))}</text>`
        : `<text class="tick" x="${r1(x)}" y="${ty}" text-anchor="middle">${escapeHtml(clip(label))}</text>`,
    );
  });
  if (max === 0) body.push(`<text class="empty" x="${r1(m.l + plotW / 2)}" y="${r1(m.t + plotH / 2)}" text-anchor="middle">${escapeHtml(o.emptyText)}</text>`);
  body.push(`<text class="axis-label" x="${r1(m.l + plotW / 2)}" y="${h - 10}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`);
  body.push(`<text class="axis-label" x="14" y="${r1(m.t + plotH / 2)}" text-anchor="middle" transform="rotate(-90 14 ${r1(m.t + plotH / 2)})">${escapeHtml(o.yLabel)}</text>`);
  return frame(o.id, o.title, w, h, body);
}

/** Horizontal bars, one row per category, value written at the end of each bar. */
export function barChart(o: { id: string; title: string; xLabel: string; yLabel: string; bars: Bar[]; legend: Series[]; emptyText: string }): string {
  const longest = Math.max(8, ...o.bars.map((b) => [...clip(b.label)].length));
  const legendRow = o.legend.length > 1;
  // Margins: left for category labels and the rotated y label, right for the value written after the longest bar.
  const m = { l: 34 + longest * CHAR_WIDTH, r: 40, t: legendRow ? 48 : 36, b: 48 };
  const w = CHART_WIDTH;
  const rows = Math.max(1, o.bars.length);
  const plotH = rows * BAR_ROW_HEIGHT;
  const h = m.t + plotH + m.b;
  const plotW = w - m.l - m.r;
  const max = Math.max(0, ...o.bars.map((b) => b.value));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const x = (v: number) => m.l + (v / top) * plotW;
  const body: string[] = [...legend(o.legend, w - m.r, 38)];
  for (const t of ticks) {
    body.push(`<line class="grid" x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${m.t}" y2="${m.t + plotH}"/>`);
    body.push(`<text class="tick" x="${r1(x(t))}" y="${m.t + plotH + 16}" text-anchor="middle">${t}</text>`);
  }
  o.bars.forEach((b, i) => {
    const yTop = m.t + i * BAR_ROW_HEIGHT + 4;
    const bh = BAR_ROW_HEIGHT - 8;
    const mid = r1(yTop + bh / 2 + 4);
    // A bar with a link (e.g. a finding kind) opens the task table filtered to it.
    const open = b.href !== undefined ? `<a href="${escapeHtml(b.href)}">` : '';
    const close = b.href !== undefined ? '</a>' : '';
    body.push(`${open}<text class="tick" x="${r1(m.l - 6)}" y="${mid}" text-anchor="end">${escapeHtml(clip(b.label))}<title>${escapeHtml(b.label)}</title></text>`);
    body.push(
      `<rect class="bar ${b.series.className}" fill="${b.series.fill}" x="${r1(m.l)}" y="${yTop}" width="${r1(x(b.value) - m.l)}" height="${bh}"><title>${escapeHtml(`${b.label}: ${b.value} (${b.series.name})`)}</title></rect>`,
    );
    body.push(`<text class="value" x="${r1(x(b.value) + 4)}" y="${mid}">${b.value}</text>${close}`);
  });
  body.push(`<line class="axis" x1="${r1(m.l)}" x2="${r1(m.l)}" y1="${m.t}" y2="${m.t + plotH}"/>`);
  body.push(`<line class="axis" x1="${r1(m.l)}" x2="${w - m.r}" y1="${m.t + plotH}" y2="${m.t + plotH}"/>`);
  if (o.bars.length === 0) body.push(`<text class="empty" x="${r1(m.l + plotW / 2)}" y="${r1(m.t + plotH / 2 + 4)}" text-anchor="middle">${escapeHtml(o.emptyText)}</text>`);
  body.push(`<text class="axis-label" x="${r1(m.l + plotW / 2)}" y="${h - 10}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`);
  body.push(`<text class="axis-label" x="14" y="${r1(m.t + plotH / 2)}" text-anchor="middle" transform="rotate(-90 14 ${r1(m.t + plotH / 2)})">${escapeHtml(o.yLabel)}</text>`);
  return frame(o.id, o.title, w, h, body);
}
