/**
 * The access review's row of `npm run bench`: `npm run access -- <stack>` against `npm run render --
 * <stack>` for the same stack (both their CLIs in processes of their own, the build up to date,
 * rounds interleaved, the ratio the median of per-round ratios).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { median, pairedRatio, Row } from "./bench-report";
import { timeCommand } from "./bench-cases";

// The bundles `npm run access` and `npm run render` run (scripts/build.js).
const DIST = path.resolve(__dirname, "../../dist");

const time = (args: string[], dir: string) =>
  timeCommand(process.execPath, args, { env: { ...process.env, OKTA_POMERIUM_DIR: dir } });

/** Rows: the access matrix of `stack` in project `dir` vs its render, with the 1.2x goal. */
export function accessRows(dir: string, stack: string, what: string, rounds: number): Row[] {
  const out = mkdtempSync(path.join(tmpdir(), "okta-pomerium-bench-access-"));
  try {
    const t: Record<string, number[]> = { access: [], render: [] };
    for (let i = 0; i < rounds; i++) {
      const cases: Array<[string, string[]]> = [
        ["access", [path.join(DIST, "access.js"), stack]],
        ["render", [path.join(DIST, "render.js"), stack, "--out", out]],
      ];
      // Alternate which runs first, so neither always runs on a warmer machine.
      for (const [k, args] of i % 2 ? cases.reverse() : cases) t[k].push(time(args, dir));
    }
    const { ratio, iqr } = pairedRatio(t.access, t.render);
    return [
      [
        `npm run access -- ${stack} (${what}) vs render of it`,
        `${median(t.access)} ms vs ${median(t.render)} ms; ${ratio.toFixed(2)}x (IQR ${iqr[0].toFixed(2)}-${iqr[1].toFixed(2)})`,
        "<= 1.2x",
        ratio <= 1.2,
      ],
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
