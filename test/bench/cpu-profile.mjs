// Self time of a `node --cpu-prof` profile, by file and by function, idle left out. Usage:
// node test/bench/cpu-profile.mjs PROFILE.cpuprofile [ROWS]. See docs/performance.md.
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const rows = Number(process.argv[3] ?? 25);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const byFile = new Map();
const byFunction = new Map();
let busy = 0;
profile.samples.forEach((id, i) => {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  if (functionName === '(idle)') return;
  const us = profile.timeDeltas[i] ?? 0;
  const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/dist\//, 'dist/') || `(${functionName})`;
  const fn = `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
  busy += us;
  byFile.set(file, (byFile.get(file) ?? 0) + us);
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
});
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, rows).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${k}`);
console.log([`busy ${(busy / 1000).toFixed(0)} ms`, '', 'by file:', ...top(byFile), '', 'by function:', ...top(byFunction)].join('\n'));
