/** Statistics and the table of `npm run bench`. */

export const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
export const median = (xs: number[]) => quantile(xs, 0.5);

/**
 * The median of the per-round ratios a[i] / b[i], with its interquartile range. Cases of one round
 * ran seconds apart, so a machine slowing down for a while cancels out.
 */
export function pairedRatio(a: number[], b: number[]): { ratio: number; iqr: [number, number] } {
  const rs = a.map((t, i) => t / b[i]);
  return { ratio: median(rs), iqr: [quantile(rs, 0.25), quantile(rs, 0.75)] };
}

/** One line of the table: what, the figure, the goal, and whether it is met (undefined: no goal). */
export type Row = [string, string, string, boolean | undefined];

export function printTable(header: string, rows: readonly Row[]): void {
  const width = (i: 0 | 1 | 2) => Math.max(...rows.map((r) => r[i].length));
  console.log(header);
  for (const [what, value, goal, ok] of rows) {
    const verdict = ok === undefined ? "" : ok ? "ok" : "MISSED";
    console.log(
      `${what.padEnd(width(0))}  ${value.padEnd(width(1))}  ${goal.padEnd(width(2))}  ${verdict}`,
    );
  }
}
