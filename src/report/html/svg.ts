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
/**
 * The value axis is broken when the tallest column is more than this many times the next one:
 * otherwise one dominant column (most tasks at a mutation score of 1.0) flattens the rest to slivers.
 */
const BREAK_RATIO = 3;
/** With a broken axis, the scale's top sits this much above the second-tallest column. */
const BREAK_HEADROOM = 1.25;
/** Width of the gap before a separate column (e.g. "exactly 1.0"), in column slots. */
const SEPARATE_GAP = 0.6;

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

/** The tasks behind a column: clicking it filters the page's task table to exactly these. */
export interface Selection {
  /** Stable key, used in the URL fragment (`#sel=<key>`). */
  key: string;
  /** What the selection is, in words (shown above the filtered table). */
  label: string;
  taskIds: string[];
}

export interface Bin {
  /** Label under the column (ignored when `edges` labels the boundaries instead, unless `separate`). */
  label: string;
  /** One value per series, stacked bottom-up in series order. */
  values: number[];
  select?: Selection;
  /** Drawn after a gap and labelled at its centre: a value that is not a range (e.g. exactly 1.0). Only trailing bins. */
  separate?: boolean;
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

/** Link markup around a chart element that selects tasks (keyboard-focusable: an SVG link with an href). */
export function selectionLink(sel: Selection, count: string): [string, string] {
  const words = `${sel.label}: ${count}`;
  return [
    `<a class="select" href="#sel=${escapeHtml(encodeURIComponent(sel.key))}" data-sel="${escapeHtml(sel.key)}" data-sel-label="${escapeHtml(sel.label)}" data-tasks="${escapeHtml(JSON.stringify(sel.taskIds))}" aria-label="${escapeHtml(`${words}; show these tasks in the table`)}">`,
    '</a>',
  ];
}

/** Two short white strokes across a column cut by a broken axis. */
function breakMark(x: number, w: number, y: number): string {
  const d = `M${r1(x - 2)} ${r1(y + 3)} L${r1(x + w + 2)} ${r1(y - 3)} M${r1(x - 2)} ${r1(y + 9)} L${r1(x + w + 2)} ${r1(y + 3)}`;
  return `<path class="break" d="${d}"/>`;
}

/**
 * Vertical columns (a histogram when the bins are ranges). With `edges` (one more label than the
 * non-separate bins) the x-axis labels the bin boundaries; otherwise each column is labelled at its
 * centre. Every non-empty column is labelled with its total; a column with a `select` is a link
 * that filters the task table. One column far taller than the rest breaks the value axis (see BREAK_RATIO).
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
  const sorted = [...totals].sort((a, b) => b - a);
  const second = sorted[1] ?? 0;
  const broken = second > 0 && max > BREAK_RATIO * second;
  const ticks = niceTicks(broken ? second * BREAK_HEADROOM : max);
  const top = ticks[ticks.length - 1];
  const y = (v: number) => m.t + plotH - (Math.min(v, top) / top) * plotH;
  const body: string[] = [...legend(o.series, w - m.r, 38)];
  for (const t of ticks) {
    body.push(`<line class="grid" x1="${m.l}" x2="${w - m.r}" y1="${r1(y(t))}" y2="${r1(y(t))}"/>`);
    body.push(`<text class="tick" x="${m.l - 6}" y="${r1(y(t) + 4)}" text-anchor="end">${t}</text>`);
  }
  const firstSeparate = o.bins.findIndex((b) => b.separate === true);
  const gap = firstSeparate >= 0 ? SEPARATE_GAP : 0;
  const slot = plotW / (Math.max(1, o.bins.length) + gap);
  const barW = slot * BAR_FILL;
  const left = (i: number) => m.l + (i + (firstSeparate >= 0 && i >= firstSeparate ? gap : 0)) * slot;
  o.bins.forEach((bin, i) => {
    const x = left(i) + (slot - barW) / 2;
    const total = totals[i];
    const parts: string[] = [];
    let base = 0;
    bin.values.forEach((v, s) => {
      if (v <= 0) return;
      const series = o.series[s];
      const label = `${bin.label}: ${v}${o.series.length > 1 ? ` ${series.name}` : ''}`;
      parts.push(
        `<rect class="bar ${series.className}" fill="${series.fill}" x="${r1(x)}" y="${r1(y(base + v))}" width="${r1(barW)}" height="${r1(y(base) - y(base + v))}"><title>${escapeHtml(label)}</title></rect>`,
      );
      base += v;
    });
    if (total > top) parts.push(breakMark(x, barW, m.t + plotH * 0.12));
    if (total > 0) parts.push(`<text class="value" x="${r1(x + barW / 2)}" y="${r1(y(total) - 4)}" text-anchor="middle">${total}</text>`);
    if (bin.select !== undefined && bin.select.taskIds.length > 0) {
      // A transparent target the height of the plot, so that a one-task column is as easy to hit as a tall one.
      const [open, close] = selectionLink(bin.select, `${bin.select.taskIds.length} task${bin.select.taskIds.length === 1 ? '' : 's'}`);
      body.push(`${open}<rect class="hit" x="${r1(left(i))}" y="${m.t - 14}" width="${r1(slot)}" height="${r1(plotH + 14)}" fill="transparent"/>${parts.join('')}${close}`);
    } else body.push(...parts);
  });
  body.push(`<line class="axis" x1="${m.l}" x2="${w - m.r}" y1="${m.t + plotH}" y2="${m.t + plotH}"/>`);
  body.push(`<line class="axis" x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${m.t + plotH}"/>`);
  const ranged = firstSeparate >= 0 ? o.bins.slice(0, firstSeparate) : o.bins;
  const labels = o.edges ?? ranged.map((b) => b.label);
  const every = Math.ceil(labels.length / MAX_X_LABELS);
  const rotate = o.edges === undefined && labels.some((l) => l.length > 5) && labels.length > 6;
  const ty = m.t + plotH + 16;
  labels.forEach((label, i) => {
    if ((i % every !== 0 && i !== labels.length - 1) || label === '') return;
    const x = o.edges ? m.l + i * slot : m.l + (i + 0.5) * slot;
    body.push(
      rotate
        ? `<text class="tick" x="${r1(x)}" y="${ty}" text-anchor="end" transform="rotate(-35 ${r1(x)} ${ty})">${escapeHtml(clip(label))}</text>`
        : `<text class="tick" x="${r1(x)}" y="${ty}" text-anchor="middle">${escapeHtml(clip(label))}</text>`,
    );
  });
  if (firstSeparate >= 0) {
    for (let i = firstSeparate; i < o.bins.length; i++) body.push(`<text class="tick sep" x="${r1(left(i) + slot / 2)}" y="${ty}" text-anchor="middle">${escapeHtml(clip(o.bins[i].label))}</text>`);
  }
  if (max === 0) body.push(`<text class="empty" x="${r1(m.l + plotW / 2)}" y="${r1(m.t + plotH / 2)}" text-anchor="middle">${escapeHtml(o.emptyText)}</text>`);
  body.push(`<text class="axis-label" x="${r1(m.l + plotW / 2)}" y="${h - 10}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`);
  const yLabel = broken ? `${o.yLabel} (axis cut: see ≈ column)` : o.yLabel;
  body.push(`<text class="axis-label" x="14" y="${r1(m.t + plotH / 2)}" text-anchor="middle" transform="rotate(-90 14 ${r1(m.t + plotH / 2)})">${escapeHtml(yLabel)}</text>`);
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
    const open = b.href !== undefined ? `<a class="select" href="${escapeHtml(b.href)}" aria-label="${escapeHtml(`${b.label}: ${b.value}; show these tasks in the table`)}">` : '';
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
