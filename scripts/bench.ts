/**
 * `npm run bench`: the cost of this program, as ratios within one run (never absolute budgets in
 * tests). Each case runs in a fresh process (scripts/bench-eval.ts); a round runs every case back
 * to back, starting at a different case each round. Times are medians over rounds, ratios are
 * medians of per-round ratios. Options: --rounds N (default 15), --quick (skip the ts-node and
 * `npm test` measurements), --baseline DIR [--baseline-node NODE] (the same budgets on another
 * checkout under another Node, interleaved: ./bench-baseline), --real (add the real engine's
 * preview rows: scripts/bench-real.ts), --cpu (time every case that runs as processes of its own,
 * the program, render, access and baseline cases, by the CPU time they use, user + system, which a
 * loaded machine disturbs far less than wall-clock time; verify, real and tsc rows stay wall-clock).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { program } from "../stack/program";
import {
  baselineCases,
  baselineFrom,
  baselineRows,
  describe,
  renderBaselineRows,
} from "./bench-baseline";
import { median, pairedRatio, printTable, Row } from "./bench-report";
import { CPU, measure, runCase } from "./bench-cases";
import { realRows } from "./bench-real";
import { accessRows } from "./bench-access";
import { renderRows } from "./bench-render";
import { benchVerify } from "./bench-verify";
import { projectDir, syntheticStack, withCloudflare } from "./bench-stacks";
import { fromTemplate } from "./new-stack";
import { templateFile } from "./stacks";
import { evaluate, Recording } from "./render/mock-runtime";
import { criticalPath } from "./render/render-lib";
import { readStackConfig } from "./render/stack-config";

const ROOT = path.resolve(__dirname, "../..");
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
  const baseline = baselineFrom(argv);
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
    cf1: withCloudflare(syntheticStack("cf1", 3, 2), 1),
    cf5: withCloudflare(syntheticStack("cf5", 3, 2), 5),
    cflookup: withCloudflare(syntheticStack("cflookup", 3, 2), 2, false),
    // The bench's dev stack (the quickstart template, as new-stack writes it, so the names carry
    // the stack) with Cloudflare Access in front of two more hosts.
    devcf: withCloudflare(
      parse(
        fromTemplate(readFileSync(templateFile(ROOT, "quickstart"), "utf8"), "quickstart", "devcf")
          .text,
      ).config,
      2,
    ),
  });
  // The config as the Pulumi CLI hands it to the program (a JSON map of full keys to strings).
  const configFile = (stack: string) => {
    const file = path.join(dir, `${stack}.config.json`);
    writeFileSync(file, JSON.stringify(readStackConfig(dir, stack).config));
    return file;
  };
  // What Pulumi runs: the entry point Pulumi.yaml names (the esbuild bundle).
  const pulumiYaml = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
  const main = path.join(ROOT, (pulumiYaml as { main: string }).main);

  // One evaluation at a time: the mock runtime is process-global.
  const rec: Record<string, Recording> = {};
  for (const s of [
    "dev",
    "large",
    "r3",
    "r300",
    "g1",
    "g10",
    "g60",
    "ids",
    "names",
    "cf1",
    "cf5",
    "cflookup",
  ])
    rec[s] = await record(dir, s);
  const n = String(rec.dev.registrations.length);
  const dev = configFile("dev");
  // What each stack registered, for the replay cases (bench-replay.ts).
  const replay = (stack: string) => {
    const file = path.join(dir, `${stack}.resources.json`);
    writeFileSync(file, JSON.stringify(rec[stack].registrations));
    return file;
  };
  const ts = path.join(ROOT, "index.ts");
  const times = measure(
    {
      bare: ["bare"],
      harness: ["harness", "-", dev, "dev"],
      dev: ["program", main, dev, "dev"],
      unbundled: ["program", path.join(ROOT, "bin/index.js"), dev, "dev"],
      noop: ["noop", n, dev, "dev"],
      replay: ["replay", replay("dev"), dev, "dev"],
      "replay-large": ["replay", replay("large"), dev, "dev"],
      "runner-dev": ["program", main, dev, "dev", "runner"],
      "runner-noop": ["noop", n, dev, "dev", "runner"],
      library: ["require", path.join(ROOT, "bin/components/index.js")],
      components: [
        "require",
        [
          "okta/app",
          "okta/authorization-server",
          "okta/groups",
          "okta/api-token",
          "pomerium/pomerium",
          "pomerium/controller",
          "cloudflare/access",
          "openmetadata/openmetadata",
        ]
          .map((f) => path.join(ROOT, `bin/components/${f}.js`))
          .join(","),
      ],
      devcf: ["program", main, configFile("devcf"), "devcf"],
      large: ["program", main, configFile("large"), "large"],
      largeids: ["program", main, configFile("largeids"), "largeids"],
      ...(quick
        ? {}
        : { "ts-check": ["ts-check", ts, dev, "dev"], "ts-fast": ["ts-fast", ts, dev, "dev"] }),
      ...(baseline ? baselineCases(baseline, dev) : {}),
    },
    rounds,
  );
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  // verify on the dev stack's shape, against loopback servers (after the program cases: the
  // servers run in this process).
  const devOut = (await evaluate(readStackConfig(dir, "dev").config, "dev", () => program()))
    .result;
  const verifyMs = median(await benchVerify(devOut, Math.min(rounds, 7)));
  /** `<median> ms; <ratio>x <b> (IQR …)`, with the goal when there is one. */
  const timeRow = (what: string, a: string, b: string, goal?: number): Row => {
    const { ratio, iqr } = pairedRatio(times[a], times[b]);
    const text = `${m[a]} ms; ${ratio.toFixed(2)}x ${b} (IQR ${iqr[0].toFixed(2)}-${iqr[1].toFixed(2)})`;
    return [what, text, goal ? `<= ${goal}x` : "", goal ? ratio <= goal : undefined];
  };
  const chain = criticalPath(rec.dev);
  const [g1, g10, g60] = [rec.g1, rec.g10, rec.g60].map(oktaCount);
  const invokes = [rec.g10, rec.ids, rec.names].map((r) => r.invokes.length);
  const count = (r: Recording, prefix: string) =>
    r.registrations.filter((x) => x.custom && x.type.startsWith(prefix)).length;
  const cf = [rec.cf1, rec.cf5].map((r) => `${count(r, "okta:")}/${count(r, "cloudflare:")}`);
  const cfOk =
    // The app, its assignments, and Cloudflare's own server (scope, claim, policy, rule): groups go
    // per front door, and a claim belongs to its server (docs/cloudflare-access.md).
    count(rec.cf1, "okta:") - count(rec.r3, "okta:") === 7 &&
    count(rec.cf5, "okta:") === count(rec.cf1, "okta:") &&
    count(rec.cf1, "cloudflare:") === 3 &&
    count(rec.cf5, "cloudflare:") === 11;
  const cfInvokes = [rec.cf5, rec.cflookup].map((r) => r.invokes.length);
  const loaded = runCase(["loaded", main, dev, "dev"], true);

  const rows: Row[] = [
    ["bare require(@pulumi/pulumi)", `${m.bare} ms`, "the floor", undefined],
    timeRow("mock runtime, empty program", "harness", "bare"),
    timeRow(`dev stack, mock runtime (${path.relative(ROOT, main)})`, "dev", "bare", 1.3),
    timeRow("same, tsc output unbundled (bin/index.js)", "unbundled", "bare"),
    timeRow(`${n} no-op resources (RandomBytes)`, "noop", "bare"),
    timeRow("dev's resources declared bare (the SDK's share of dev)", "replay", "bare"),
    timeRow("dev stack vs its resources declared bare (this program's share)", "dev", "replay"),
    timeRow("dev stack as Pulumi's runner loads it (source-map-support)", "runner-dev", "bare"),
    timeRow(`${n} no-op resources, same runner`, "runner-noop", "bare"),
    timeRow("import the library surface (okta-pomerium)", "library", "components", 1.05),
    timeRow("import its eight component modules directly", "components", "bare"),
    timeRow("large stack (300 routes, 60 groups created)", "large", "dev", 1.2),
    timeRow("its resources declared bare vs dev's (the SDK's share)", "replay-large", "replay"),
    timeRow("large stack (300 routes, 60 groups by id)", "largeids", "dev", 1.2),
    [
      "Okta resources, 3 vs 300 routes",
      `${oktaCount(rec.r3)} vs ${oktaCount(rec.r300)}`,
      "equal",
      oktaCount(rec.r3) === oktaCount(rec.r300),
    ],
    [
      "Okta resources, 1 / 10 / 60 groups created",
      `${g1} / ${g10} / ${g60}`,
      "constant + groups",
      g10 - g1 === 9 && g60 - g1 === 59,
    ],
    [
      "Okta invokes: created / by id / by name (10 groups)",
      invokes.join(" / "),
      "0 / 0 / 10",
      invokes.join() === "0,0,10",
    ],
    ["critical path (dev)", `${chain.length}: ${chain.join(" -> ")}`, "<= 4", chain.length <= 4],
    timeRow("dev stack + cloudflareAccess (2 apps, teamDomain set)", "devcf", "dev"),
    [
      "Okta/Cloudflare resources: none vs 1 vs 5 Cloudflare apps",
      `${count(rec.r3, "okta:")}/0 vs ${cf.join(" vs ")}`,
      "+7 Okta; 1 + 2 per app",
      cfOk,
    ],
    [
      "Cloudflare invokes: teamDomain set / looked up",
      cfInvokes.join(" / "),
      "0 / 1",
      cfInvokes.join() === "0,1",
    ],
    ["@pulumi/cloudflare modules loaded by dev", String(loaded), "0", loaded === 0],
    [
      `verify, dev stack's shape on loopback (${devOut.routeUrls.length} routes; one checker process)`,
      `${verifyMs} ms`,
      "< 2 s",
      verifyMs < 2000,
    ],
  ];
  if (!quick) {
    for (const [c, what] of [
      ["ts-check", "type-check"],
      ["ts-fast", "transpile-only"],
    ])
      rows.push([
        `preview start: ts-node ${what} vs precompiled`,
        `${m[c]} ms vs ${m.dev} ms; ${(m[c] / m.dev).toFixed(1)}x`,
        c === "ts-check" ? "precompiled" : "",
        undefined,
      ]);
    const tsc = ["-p", ROOT, "--noEmit", "--incremental", "false"];
    const t0 = performance.now();
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), ...tsc]);
    const t1 = performance.now();
    execFileSync("npm", ["test"], { cwd: ROOT, stdio: "ignore" });
    const test = performance.now() - t1;
    rows.push(["tsc --noEmit (cold)", `${((t1 - t0) / 1000).toFixed(1)} s`, "", undefined]);
    rows.push(["npm test wall time", `${(test / 1000).toFixed(1)} s`, "< 60 s", test < 60000]);
  }
  rows.push(...accessRows(dir, "large", "300 routes, 60 groups", quick ? 3 : 7));
  rows.push(...renderRows(quick ? 3 : 7));
  // The real engine (scripts/bench-real.ts): needs Go; the first run builds the real tier.
  if (argv.includes("--real"))
    rows.push(...(await realRows(quick ? 3 : 7, (s) => process.stderr.write(`[real] ${s}\n`))));
  if (baseline) {
    rows.push(...baselineRows(times, describe(baseline)));
    rows.push(...renderBaselineRows(ROOT, baseline, quick ? 3 : 7));
  }
  const measured = CPU
    ? "CPU time (user + system; verify, real and tsc rows wall-clock)"
    : "wall-clock";
  const header = `okta-pomerium bench: ${rounds} rounds, medians, ${measured}; node ${process.version}, ${cpus().length} cores`;
  printTable(header, rows);
  rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
