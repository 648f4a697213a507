/** Timing, medians and the compact tables the benchmarks print. */

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** `1 234 ms` below 10 s, `12.3 s` above. */
export function ms(x: number): string {
  return x < 10_000 ? `${Math.round(x).toLocaleString('en-US')} ms` : `${(x / 1000).toFixed(1)} s`;
}

export function int(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

export function ratio(x: number): string {
  return `${x.toFixed(2)}×`;
}

/** Every run's figure, for the reader to judge the spread behind a median. */
export function spread(xs: readonly number[]): string {
  return xs.map((x) => (x < 10_000 ? Math.round(x) : `${(x / 1000).toFixed(1)}s`)).join('/');
}

/** A fixed-width table; numbers (cells starting with a digit) are right-aligned. */
export function table(title: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d-]/.test(r[i] ?? '-')));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [`\n${title}`, line(header), rule, ...rows.map(line)].join('\n');
}
