/** The report page's stylesheet (inline; system fonts only, no web fonts or images). */
export const REPORT_CSS = `
:root {
  --bg: #f5f6f8; --card: #ffffff; --text: #1d2330; --muted: #5b6475; --border: #dde1e8; --head: #f0f2f6;
  --accent: #3b5bdb; --error: #c62828; --warning: #b36b00; --info: #1f6fbf; --ok: #2e7d32;
  --error-bg: #fdecea; --warning-bg: #fff4e0; --info-bg: #e8f1fb; --ok-bg: #e8f5e9;
  --code-bg: #f6f8fa; --add-bg: #e6ffec; --del-bg: #ffebe9; --hunk: #6f42c1; --row-hover: #eef2ff;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171c; --card: #1c2027; --text: #e3e6ea; --muted: #9aa3b2; --border: #2e3440; --head: #232833;
    --accent: #7c94ff; --error: #ff6b6b; --warning: #f0a830; --info: #5aa2f0; --ok: #66bb6a;
    --error-bg: #3a1f22; --warning-bg: #3a2e18; --info-bg: #1a2a3d; --ok-bg: #1d3320;
    --code-bg: #161a20; --add-bg: #163222; --del-bg: #3b1d20; --hunk: #b392f0; --row-hover: #232a3a;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--text); }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 0 24px 48px; }
header.page { background: var(--card); border-bottom: 1px solid var(--border); margin-bottom: 24px; }
header.page .inner { max-width: 1280px; margin: 0 auto; padding: 20px 24px 16px; }
h1 { font-size: 24px; margin: 0 0 4px; font-weight: 650; }
h2 { font-size: 18px; margin: 0 0 12px; font-weight: 620; }
h3 { font-size: 15px; margin: 16px 0 8px; font-weight: 620; }
h4 { font-size: 13px; margin: 12px 0 6px; font-weight: 620; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.subtitle { color: var(--muted); margin: 0 0 12px; }
.subtitle code { font-size: 13px; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
code { background: var(--code-bg); border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; margin: 4px 0 8px; overflow: auto; max-height: 420px; white-space: pre; }
a { color: var(--accent); }
section.card { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 18px 20px; margin-bottom: 20px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 4px 28px; }
.meta dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.repro { display: flex; gap: 8px; align-items: stretch; margin-top: 12px; }
.repro pre { flex: 1; margin: 0; max-height: none; white-space: pre-wrap; overflow-wrap: anywhere; }
button { font: inherit; font-size: 13px; color: var(--text); background: var(--head); border: 1px solid var(--border); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button:hover { border-color: var(--accent); }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 18px; }
.stat { border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; background: var(--head); }
.stat .n { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.stat .l { color: var(--muted); font-size: 12.5px; }
.stat.error .n { color: var(--error); } .stat.warning .n { color: var(--warning); } .stat.info .n { color: var(--info); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; align-items: start; }
figure.chart-box { margin: 0; border: 1px solid var(--border); border-radius: 8px; padding: 8px; background: var(--card); }
svg.chart { width: 100%; height: auto; display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg.chart text { fill: var(--text); font-size: 12px; }
svg.chart .chart-title { font-size: 14px; font-weight: 620; }
svg.chart .axis-label { fill: var(--muted); font-size: 12px; }
svg.chart .tick { fill: var(--muted); font-size: 11px; }
svg.chart .value { font-size: 11px; }
svg.chart .empty { fill: var(--muted); font-style: italic; }
svg.chart .grid { stroke: var(--border); stroke-width: 1; }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .legend text { font-size: 11px; fill: var(--muted); }
.fill-error { fill: var(--error); } .fill-warning { fill: var(--warning); } .fill-info { fill: var(--info); }
.fill-primary { fill: var(--accent); } .fill-s0 { fill: var(--error); } .fill-s1 { fill: var(--warning); } .fill-s2 { fill: var(--info); }
svg.chart rect.bar:hover { opacity: .8; }
svg.chart a.select { cursor: pointer; }
svg.chart a.select:hover rect.hit, svg.chart a.select:focus rect.hit { fill: var(--border); fill-opacity: .35; }
svg.chart a.select:focus { outline: none; }
svg.chart a.select:focus rect.hit { stroke: var(--accent); stroke-width: 2; }
svg.chart .break { stroke: var(--card); stroke-width: 3; fill: none; }
figure.chart-box figcaption { color: var(--muted); font-size: 12px; margin: 4px 8px 0; }
.filters .selection { display: inline-flex; gap: 6px; align-items: center; padding: 2px 4px 2px 10px; border: 1px solid var(--accent); border-radius: 999px; }
.filters .selection button { border: 0; background: none; color: inherit; font: inherit; cursor: pointer; padding: 0 6px; }
.checks { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; align-items: start; }
.check-box { border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; }
.check-box h3 { margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { background: var(--head); font-weight: 600; font-size: 12.5px; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.kv td:first-child { color: var(--muted); width: 1%; min-width: 9em; }
table.kv td { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.meta > div { min-width: 0; }
.headline { font-size: 15px; margin: 0 0 14px; max-width: 70em; }
.score-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(270px, 1fr)); gap: 10px; font-size: 13px; }
.score-card { border: 1px solid var(--border); border-radius: 8px; padding: 4px 14px 10px; background: var(--head); min-width: 0; }
.score-card h3 { margin: 8px 0 4px; }
table.figures td { border: 0; padding: 3px 6px 3px 0; overflow-wrap: anywhere; }
table.figures td.fig { font-size: 16px; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; width: 1%; padding-right: 12px; }
.table-wrap { overflow-x: auto; }
.badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 12px; font-weight: 600; line-height: 20px; white-space: nowrap; border: 1px solid transparent; }
.sev-error { color: var(--error); background: var(--error-bg); } .sev-warning { color: var(--warning); background: var(--warning-bg); }
.sev-info { color: var(--info); background: var(--info-bg); } .sev-ok { color: var(--ok); background: var(--ok-bg); }
.chip { display: inline-block; border: 1px solid var(--border); border-radius: 4px; padding: 0 6px; margin: 1px 3px 1px 0; font-size: 12px; font-family: var(--mono); background: var(--code-bg); white-space: nowrap; }
.chip.sev-error { border-color: var(--error); } .chip.sev-warning { border-color: var(--warning); } .chip.sev-info { border-color: var(--info); }
.muted { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 12px; }
.filters input[type=search] { flex: 1 1 260px; font: inherit; padding: 6px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--card); color: var(--text); }
.filters select { font: inherit; padding: 5px 8px; border: 1px solid var(--border); border-radius: 6px; background: var(--card); color: var(--text); }
.filters .count { color: var(--muted); margin-left: auto; font-variant-numeric: tabular-nums; }
#task-table th { cursor: pointer; user-select: none; position: sticky; top: 0; z-index: 1; }
#task-table th[aria-sort=ascending]::after { content: " ▲"; } #task-table th[aria-sort=descending]::after { content: " ▼"; }
#task-table tr.task-row { cursor: pointer; }
#task-table tr.task-row:hover, #task-table tr.task-row:focus { background: var(--row-hover); outline: none; }
#task-table tr.task-row.open { background: var(--row-hover); }
#task-table td.id { font-family: var(--mono); white-space: nowrap; }
#task-table td .zero { color: var(--border); }
tr.detail-row > td { background: var(--bg); padding: 12px 16px 16px; }
/* width 0 + min-width 100%: the drill-down never widens the task table; long lines scroll inside their blocks. */
.detail { display: grid; gap: 8px; width: 0; min-width: 100%; }
.detail .block { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; }
.finding { border-left: 3px solid var(--border); padding: 4px 0 4px 10px; margin: 8px 0; }
.finding.sev-error { border-left-color: var(--error); } .finding.sev-warning { border-left-color: var(--warning); } .finding.sev-info { border-left-color: var(--info); }
.finding.sev-error, .finding.sev-warning, .finding.sev-info { background: none; color: inherit; }
.finding .msg { margin: 2px 0 4px; color: var(--text); overflow-wrap: anywhere; }
.survivor { border: 1px solid var(--border); border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
.survivor .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 4px; }
pre.diff { padding: 0; }
pre.diff span { display: block; padding: 0 10px; }
pre.diff .add { background: var(--add-bg); } pre.diff .del { background: var(--del-bg); } pre.diff .hunk { color: var(--hunk); } pre.diff .file { color: var(--muted); }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.side > div { min-width: 0; }
.side .label { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
.io { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; align-items: baseline; }
.io > div:nth-child(odd) { color: var(--muted); font-size: 12.5px; }
.io pre { margin: 2px 0; }
details > summary { cursor: pointer; color: var(--muted); }
#js-errors { color: var(--error); background: var(--error-bg); border-color: var(--error); white-space: pre-wrap; }
.noscript { color: var(--warning); }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
@media print { .filters, button { display: none; } section.card { break-inside: avoid; box-shadow: none; } }
`;
