/**
 * `npm run bench`: the cost of this program, as ratios within one run (never absolute budgets in
 * tests). Cases run interleaved, each in a fresh process; medians are reported.
 * Options: --rounds N (default 15), --quick (skip the ts-node and `npm test` measurements).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { program } from "../components/program";
import { evaluate, Recording } from "./mock-runtime";
import { criticalPath } from "./render-lib";
import { readStackConfig } from "./stack-config";

const ROOT = path.resolve(__dirname, "../..");
const EVAL = path.join(__dirname, "bench-eval.js");
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const median = (xs: number[]) => quantile(xs, 0.5);

/** A stack file with `routes` routes and `groups` groups (created, or by id / by name). */
export function syntheticStack(
  stack: string,
  routes: number,
  groups: number,
  kind: "create" | "id" | "name" = "create",
): Record<string, unknown> {
  const names = Array.from({ length: groups }, (_, i) => `pomerium-${stack}-g${i}`);
  return {
    "okta:orgName": "dev-123456",
    "okta:baseUrl": "okta.com",
    "okta:apiToken": "bench-token",
    "okta-pomerium:authenticateUrl": "https://authenticate.bench.example.com",
    "okta-pomerium:groups": names.map((name, i) =>
      kind === "create"
        ? { name, create: true }
        : kind === "id"
          ? { name, id: `00g${String(i).padStart(17, "0")}` }
          : { name },
    ),
    "okta-pomerium:routes": Array.from({ length: routes }, (_, i) => ({
      from: `https://app${i}.bench.example.com`,
      to: `http://app${i}.apps.svc.cluster.local:8080`,
      allowGroups: [names[i % groups]],
      pass_identity_headers: true,
    })),
  };
}

function projectDir(stacks: Record<string, Record<string, unknown>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-bench-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  copyFileSync(path.join(ROOT, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
  for (const [name, config] of Object.entries(stacks))
    writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify({ config }));
  return dir;
}

function runCase(args: string[]): number {
  const res = spawnSync(process.execPath, [EVAL, ...args], { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`bench case ${args.join(" ")} failed:\n${res.stderr}`);
  return Number(res.stdout.trim());
}

async function record(dir: string, stack: string): Promise<Recording> {
  const { config } = readStackConfig(dir, stack);
  return (await evaluate(config, stack, () => program())).recording;
}

const oktaCount = (r: Recording) =>
  r.registrations.filter((x) => x.custom && x.type.startsWith("okta:")).length;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rounds = Number(argv[argv.indexOf("--rounds") + 1]) || 15;
  const quick = argv.includes("--quick");
  const dir = projectDir({
    large: syntheticStack("large", 300, 60),
    largeids: syntheticStack("largeids", 300, 60, "id"),
    r3: syntheticStack("r3", 3, 2),
    r300: syntheticStack("r300", 300, 2),
    g1: syntheticStack("g1", 3, 1),
    g10: syntheticStack("g10", 10, 10),
    g60: syntheticStack("g60", 60, 60),
    ids: syntheticStack("ids", 3, 10, "id"),
    names: syntheticStack("names", 3, 10, "name"),
  });

  const configFile = (stack: string) => {
    const file = path.join(dir, `${stack}.config.json`);
    writeFileSync(file, JSON.stringify(readStackConfig(dir, stack).config));
    return file;
  };
  // What Pulumi runs: the entry point Pulumi.yaml names (the esbuild bundle).
  const main = path.join(
    ROOT,
    (
      parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
        main: string;
      }
    ).main,
  );
  const dev = configFile("dev");
  // One evaluation at a time: the mock runtime is process-global.
  const rec: Record<string, Recording> = {};
  for (const s of ["dev", "r3", "r300", "g1", "g10", "g60", "ids", "names"])
    rec[s] = await record(dir, s);
  const n = String(rec.dev.registrations.length);
  const cases: Record<string, string[]> = {
    bare: ["bare"],
    harness: ["harness", "-", dev, "dev"],
    dev: ["program", main, dev, "dev"],
    unbundled: ["program", path.join(ROOT, "bin/index.js"), dev, "dev"],
    large: ["program", main, configFile("large"), "large"],
    largeids: ["program", main, configFile("largeids"), "largeids"],
    noop: ["noop", n, dev, "dev"],
    "runner-dev": ["program", main, dev, "dev", "runner"],
    "runner-noop": ["noop", n, dev, "dev", "runner"],
  };
  const ts = path.join(ROOT, "index.ts");
  if (!quick)
    Object.assign(cases, {
      "ts-check": ["ts-check", ts, dev, "dev"],
      "ts-fast": ["ts-fast", ts, dev, "dev"],
    });
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(cases).map((k) => [k, []]),
  );
  const names = Object.keys(cases);
  for (let i = 0; i < rounds; i++) {
    // Each round runs every case back to back, starting at a different case each time.
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      if (name.startsWith("ts-") && times[name].length >= 3) continue; // seconds each: 3 suffice
      times[name].push(runCase(cases[name]));
    }
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  // A ratio is the median of the per-round ratios (cases of one round ran seconds apart, so a
  // machine slowing down for a while cancels out), with its interquartile range.
  const ratio = (a: string, b: string) => {
    const rs = times[a].map((t, i) => t / times[b][i]);
    return {
      r: median(rs),
      text: `${median(rs).toFixed(2)}x ${b} (IQR ${quantile(rs, 0.25).toFixed(2)}-${quantile(rs, 0.75).toFixed(2)})`,
    };
  };
  const [devBare, harnessBare, unbundledBare, largeDev, largeidsDev] = [
    ratio("dev", "bare"),
    ratio("harness", "bare"),
    ratio("unbundled", "bare"),
    ratio("large", "dev"),
    ratio("largeids", "dev"),
  ];
  const [noopBare, runnerDevBare, runnerNoopBare] = [
    ratio("noop", "bare"),
    ratio("runner-dev", "bare"),
    ratio("runner-noop", "bare"),
  ];

  const chain = criticalPath(rec.dev);

  const rows: Array<[string, string, string, boolean | undefined]> = [
    ["bare require(@pulumi/pulumi)", `${m.bare} ms`, "the floor", undefined],
    ["mock runtime, empty program", `${m.harness} ms; ${harnessBare.text}`, "", undefined],
    [
      `dev stack, mock runtime (${path.relative(ROOT, main)})`,
      `${m.dev} ms; ${devBare.text}`,
      "<= 1.3x",
      devBare.r <= 1.3,
    ],
    [
      "same, tsc output unbundled (bin/index.js)",
      `${m.unbundled} ms; ${unbundledBare.text}`,
      "",
      undefined,
    ],
    [
      `${n} no-op resources (the SDK's share of dev)`,
      `${m.noop} ms; ${noopBare.text}`,
      "",
      undefined,
    ],
    [
      "dev stack as Pulumi's runner loads it (source-map-support)",
      `${m["runner-dev"]} ms; ${runnerDevBare.text}`,
      "",
      undefined,
    ],
    [
      `${n} no-op resources, same runner`,
      `${m["runner-noop"]} ms; ${runnerNoopBare.text}`,
      "",
      undefined,
    ],
    [
      "large stack (300 routes, 60 groups created)",
      `${m.large} ms; ${largeDev.text}`,
      "<= 1.2x",
      largeDev.r <= 1.2,
    ],
    [
      "large stack (300 routes, 60 groups by id)",
      `${m.largeids} ms; ${largeidsDev.text}`,
      "<= 1.2x",
      largeidsDev.r <= 1.2,
    ],
    [
      "Okta resources, 3 vs 300 routes",
      `${oktaCount(rec.r3)} vs ${oktaCount(rec.r300)}`,
      "equal",
      oktaCount(rec.r3) === oktaCount(rec.r300),
    ],
    [
      "Okta resources, 1 / 10 / 60 groups created",
      `${oktaCount(rec.g1)} / ${oktaCount(rec.g10)} / ${oktaCount(rec.g60)}`,
      "constant + groups",
      oktaCount(rec.g10) - oktaCount(rec.g1) === 9 && oktaCount(rec.g60) - oktaCount(rec.g1) === 59,
    ],
    [
      "Okta invokes: created / by id / by name (10 groups)",
      `${rec.g10.invokes.length} / ${rec.ids.invokes.length} / ${rec.names.invokes.length}`,
      "0 / 0 / 10",
      rec.g10.invokes.length === 0 &&
        rec.ids.invokes.length === 0 &&
        rec.names.invokes.length === 10,
    ],
    ["critical path (dev)", `${chain.length}: ${chain.join(" -> ")}`, "<= 4", chain.length <= 4],
  ];
  if (!quick) {
    rows.push([
      "preview start: ts-node type-check vs precompiled",
      `${m["ts-check"]} ms vs ${m.dev} ms; ${(m["ts-check"] / m.dev).toFixed(1)}x`,
      "precompiled",
      undefined,
    ]);
    rows.push([
      "preview start: ts-node transpile-only vs precompiled",
      `${m["ts-fast"]} ms vs ${m.dev} ms; ${(m["ts-fast"] / m.dev).toFixed(1)}x`,
      "",
      undefined,
    ]);
    const t0 = performance.now();
    execFileSync(process.execPath, [
      require.resolve("typescript/bin/tsc"),
      "-p",
      ROOT,
      "--noEmit",
      "--incremental",
      "false",
    ]);
    const tsc = performance.now() - t0;
    const t1 = performance.now();
    execFileSync("npm", ["test"], { cwd: ROOT, stdio: "ignore" });
    const test = performance.now() - t1;
    rows.push(["tsc --noEmit (cold)", `${(tsc / 1000).toFixed(1)} s`, "", undefined]);
    rows.push(["npm test wall time", `${(test / 1000).toFixed(1)} s`, "< 60 s", test < 60000]);
  }
  const width = (i: 0 | 1 | 2) => Math.max(...rows.map((r) => r[i].length));
  console.log(
    `okta-pomerium bench: ${rounds} rounds, medians; node ${process.version}, ${require("node:os").cpus().length} cores`,
  );
  for (const [what, value, goal, ok] of rows) {
    const verdict = ok === undefined ? "" : ok ? "ok" : "MISSED";
    console.log(
      `${what.padEnd(width(0))}  ${value.padEnd(width(1))}  ${goal.padEnd(width(2))}  ${verdict}`,
    );
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
