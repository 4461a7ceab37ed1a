/** The page's stylesheet, inlined so the page needs nothing from the network. */
export const dashboardStyles = `
:root {
  --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --page: #f4f6f9; --card: #fff; --accent: #2563eb;
  --good: #15803d; --warn: #b45309; --bad: #b91c1c;
  --grade-A: #1a9850; --grade-B: #91cf60; --grade-C: #f6d55c; --grade-D: #fc8d59; --grade-F: #d73027;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
header { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: 8px 24px;
  padding: 18px 32px; background: #111827; color: #f9fafb; }
header h1 { margin: 0; font-size: 20px; font-weight: 600; letter-spacing: .2px; }
header h1 span { color: #93c5fd; font-weight: 700; }
header p { margin: 0; color: #d1d5db; font-size: 13px; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 32px 40px; display: grid; gap: 20px; grid-template-columns: repeat(2, minmax(0, 1fr)); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; box-shadow: 0 1px 2px rgba(0,0,0,.04); min-width: 0; }
.wide { grid-column: 1 / -1; }
.card h2 { margin: 0 0 2px; font-size: 15px; font-weight: 600; }
.card .sub { margin: 0 0 14px; color: var(--muted); font-size: 12.5px; }
.chart { width: 100%; height: auto; display: block; font-size: 13px; }
.chart .axis-label { fill: var(--ink); font-weight: 600; }
.chart .bar-value { fill: var(--ink); font-weight: 700; font-size: 15px; font-variant-numeric: tabular-nums; }
.chart .rate { fill: var(--muted); font-size: 12.5px; }
.chart .rate-strong { fill: var(--ink); font-weight: 700; font-size: 16px; }
.chart .tick { fill: var(--muted); font-size: 11.5px; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .track { fill: #f3f4f6; }
.funnel-bar-0 { fill: #1e3a8a; } .funnel-bar-1 { fill: #1d4ed8; } .funnel-bar-2 { fill: #2563eb; }
.funnel-bar-3 { fill: #3b82f6; } .funnel-bar-4 { fill: #0d9488; } .funnel-bar-5 { fill: #15803d; }
.grade-A { fill: var(--grade-A); background: var(--grade-A); } .grade-B { fill: var(--grade-B); background: var(--grade-B); }
.grade-C { fill: var(--grade-C); background: var(--grade-C); } .grade-D { fill: var(--grade-D); background: var(--grade-D); }
.grade-F { fill: var(--grade-F); background: var(--grade-F); }
.sla-met { fill: #16a34a; background: #16a34a; } .sla-breached { fill: #dc2626; background: #dc2626; } .sla-open { fill: #cbd5e1; background: #cbd5e1; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 10px 0 0; padding: 0; font-size: 12.5px; color: var(--muted); }
.legend b { color: var(--ink); font-variant-numeric: tabular-nums; }
.legend .legend-note { margin-left: auto; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin-top: 12px; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 11.5px; text-transform: uppercase; letter-spacing: .4px;
  border-bottom: 1px solid var(--line); padding: 6px 8px; white-space: nowrap; }
td { border-bottom: 1px solid #f1f3f5; padding: 7px 8px; white-space: nowrap; }
tbody tr:hover { background: #f9fafb; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.strong { font-weight: 700; }
.key { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.scroll { overflow-x: auto; }
.split { display: grid; grid-template-columns: minmax(0, .8fr) minmax(0, 1.2fr); gap: 28px; align-items: start; }
.split table { margin-top: 0; }
.badge { display: inline-block; min-width: 22px; text-align: center; border-radius: 4px; padding: 0 6px; font-weight: 700; font-size: 12px; color: #111827; }
details { margin-top: 10px; font-size: 12.5px; }
summary { cursor: pointer; color: var(--accent); }
.empty { color: var(--muted); margin: 14px 0; }
.note { margin: 12px 0 0; color: var(--muted); font-size: 12.5px; }
.note b { color: var(--ink); }
.empty.good { color: var(--good); }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 14px; }
.tile { background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--muted); border-radius: 10px; padding: 14px 16px; }
.tile h3 { margin: 0; font-size: 13px; font-weight: 600; color: var(--muted); }
.tile-value { margin: 6px 0 0; font-size: 30px; font-weight: 700; font-variant-numeric: tabular-nums; }
.tile-from { margin: 0; color: var(--muted); font-size: 12.5px; font-variant-numeric: tabular-nums; }
.tile-goal { margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; color: var(--muted); }
.tile .standing { font-weight: 700; flex-basis: 100%; }
.tile.on-target { border-top-color: var(--good); } .tile.on-target .standing { color: var(--good); }
.tile.above-baseline { border-top-color: #f59e0b; } .tile.above-baseline .standing { color: var(--warn); }
.tile.below-baseline { border-top-color: var(--bad); } .tile.below-baseline .standing { color: var(--bad); }
@media (max-width: 900px) { main, .split { grid-template-columns: 1fr; } main { padding: 16px; } header { padding: 16px; } }
`;
