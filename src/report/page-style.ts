/** The report page's stylesheet, inline: screen, and a print layout for audits (no controls, every row drawn, headers repeated). */
export const PAGE_STYLE = `
:root { --fg: #1d2430; --muted: #5b6575; --line: #d9dee6; --warn: #b3261e; --bg-warn: #fdecea; --accent: #1b5fb4; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0 auto; padding: 16px 24px; max-width: 1600px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; }
.meta, .none { color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.tile b { display: block; font-size: 20px; } .tile span { color: var(--muted); }
.tile.warn { border-color: var(--warn); background: var(--bg-warn); }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 360px; }
th { background: #f3f5f8; }
.grid th { cursor: pointer; user-select: none; position: sticky; top: 0; z-index: 1; }
.grid th[aria-sort="ascending"]::after { content: " \\25B2"; } .grid th[aria-sort="descending"]::after { content: " \\25BC"; }
.grid { height: 70vh; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.grid tr.row { height: 26px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.controls input[type=search] { flex: 1 1 320px; padding: 6px 8px; font: inherit; }
.controls select { padding: 5px; font: inherit; }
.count { color: var(--muted); }
.flag { display: inline-block; padding: 0 6px; margin-right: 4px; border-radius: 8px; font-size: 12px; background: #eef1f5; }
.flag.admin, .flag.expired, .flag.entity_missing { background: var(--bg-warn); color: var(--warn); font-weight: 600; }
.flag.expiring { background: #fff4d6; }
@media print {
  body { max-width: none; padding: 0; font-size: 10px; }
  .controls, .grid th::after { display: none; }
  .grid { height: auto; overflow: visible; border: none; }
  .grid th { position: static; }
  th, td { white-space: normal; max-width: none; }
  tr { break-inside: avoid; }
  section { break-before: auto; }
  .tile.warn { background: none; }
}
`;
