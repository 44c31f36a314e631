/**
 * `npm run bench -- --baseline DIR [--baseline-node NODE]`: the same budgets measured, in the same
 * run and interleaved round by round, on another checkout of this project (DIR, installed and
 * built: `npm ci` there) under another Node (NODE, default this one), e.g. the commit before an
 * SDK or Node upgrade under the Node it ran on. Each side runs its own bench-eval, SDK and bundle;
 * both evaluate the same dev config.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { median, pairedRatio, Row } from "./bench-report";
import { Case, timeCommand } from "./bench-cases";

export interface Baseline {
  dir: string;
  node: string;
}

/** The baseline the arguments name; undefined without --baseline; a clear error when unusable. */
export function baselineFrom(argv: string[]): Baseline | undefined {
  const at = argv.indexOf("--baseline");
  if (at < 0) return undefined;
  const dir = path.resolve(argv[at + 1] ?? "");
  const nodeAt = argv.indexOf("--baseline-node");
  const node = nodeAt >= 0 ? path.resolve(argv[nodeAt + 1] ?? "") : process.execPath;
  for (const f of ["bin/scripts/bench-eval.js", "dist/index.js", "node_modules/@pulumi/pulumi"])
    if (!existsSync(path.join(dir, f)))
      throw new Error(
        `--baseline ${dir}: no ${f}; run npm ci there (it installs and builds) and try again`,
      );
  if (!existsSync(node)) throw new Error(`--baseline-node ${node}: no such file`);
  return { dir, node };
}

/** Its Node's version and its @pulumi/pulumi version, for the rows' labels. */
export function describe(b: Baseline): string {
  const r = spawnSync(
    b.node,
    [
      "-p",
      'process.version + " with @pulumi/pulumi " + require("@pulumi/pulumi/package.json").version',
    ],
    { cwd: b.dir, encoding: "utf8" },
  );
  return r.stdout.trim();
}

/** The baseline's cases: its bare import and its dev stack (its own bundle), same config. */
export function baselineCases(b: Baseline, devConfig: string): Record<string, Case> {
  const script = path.join(b.dir, "bin/scripts/bench-eval.js");
  return {
    "before-bare": { node: b.node, script, args: ["bare"] },
    "before-dev": {
      node: b.node,
      script,
      args: ["program", path.join(b.dir, "dist/index.js"), devConfig, "dev"],
    },
  };
}

type Times = Record<string, number[]>;

const ratioText = (t: Times, a: string, b: string, label: string) => {
  const { ratio, iqr } = pairedRatio(t[a]!, t[b]!);
  return {
    ratio,
    text: `${ratio.toFixed(2)}x ${label} (IQR ${iqr[0].toFixed(2)}-${iqr[1].toFixed(2)})`,
  };
};

/** The rows comparing this checkout with the baseline, from one run's times. */
export function baselineRows(t: Times, label: string): Row[] {
  const devBefore = ratioText(t, "before-dev", "before-bare", "its bare");
  const dev = ratioText(t, "dev", "before-dev", "before");
  const bare = ratioText(t, "bare", "before-bare", "before");
  return [
    [
      `before (${label}): bare require(@pulumi/pulumi)`,
      `${median(t["before-bare"]!)} ms`,
      "",
      undefined,
    ],
    [
      `before: dev stack, mock runtime`,
      `${median(t["before-dev"]!)} ms; ${devBefore.text}`,
      "<= 1.3x",
      devBefore.ratio <= 1.3,
    ],
    ["after vs before: bare require(@pulumi/pulumi)", bare.text, "", undefined],
    ["after vs before: dev stack, mock runtime", dev.text, "", undefined],
  ];
}

/** `npm run -s render -- dev` in a checkout, its Node first on PATH (timeCommand: wall or CPU). */
function renderOnce(dir: string, node: string | undefined): number {
  const out = mkdtempSync(path.join(tmpdir(), "okta-pomerium-bench-out-"));
  const env = node
    ? { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` }
    : process.env;
  try {
    return timeCommand("npm", ["run", "-s", "render", "--", "dev", "--out", out], {
      cwd: dir,
      env,
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `npm run render -- dev` (build up to date) here and in the baseline, alternating, `rounds` each. */
export function renderBaselineRows(root: string, b: Baseline, rounds: number): Row[] {
  const t: Times = { after: [], before: [] };
  for (let i = 0; i < rounds; i++) {
    // Alternate which goes first, so neither always runs on a warmer machine.
    const pair = [
      () => t.after!.push(renderOnce(root, undefined)),
      () => t.before!.push(renderOnce(b.dir, b.node)),
    ];
    if (i % 2) pair.reverse();
    pair.forEach((f) => f());
  }
  const r = ratioText(t, "after", "before", "before");
  return [
    [
      "npm run render -- dev, after vs before (build up to date)",
      `${median(t.after!)} ms vs ${median(t.before!)} ms; ${r.text}`,
      "<= 1x",
      r.ratio <= 1,
    ],
  ];
}
