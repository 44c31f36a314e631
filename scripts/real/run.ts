/**
 * `npm run test:real`: the real tier. Builds (or takes from the cache) the control plane, the
 * Pulumi CLI, the Kubernetes provider, the stand-in providers and the Pomerium checker; starts the
 * control plane on free loopback ports; installs the Gateway API CRDs (from the pinned
 * sigs.k8s.io/gateway-api module) and a Pomerium CRD (built from the project's model of it,
 * test/pomerium/pomerium-crd.ts: no served module has one); runs test/real/*.real.ts with node:test;
 * stops every process it started, also on failure or Ctrl-C; ends with `N passed, N failed`.
 * `-- <filter> [<filter> ...]` runs only the test files whose name contains one of them.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { buildAll } from "./build";
import { running, startCluster, stopProcess } from "./cluster";
import { installCrds, kwokStages } from "./crds";
import { pathDir } from "./plugins";
import { stopTree } from "./processes";
import { Tally } from "./tally";

const TESTS = path.resolve(__dirname, "../../test/real");
const ALL = ["kube", "provider", "pulumi", "pomerium"];
/** The modules each test file needs (the others need them all). */
const NEEDS: Readonly<Record<string, string[]>> = {
  "render.real.js": ["kube"],
  "access.real.js": ["pomerium"],
  "pomerium.real.js": ["pomerium"],
};
const log = (s: string) => process.stderr.write(`[real] ${s}\n`);

/** Ends every process the run started: the test files', theirs (Pulumi, plugins), the cluster. */
async function stopAll(): Promise<void> {
  await stopTree();
  await Promise.all([...running].map(stopProcess));
}

/** Ends the test files' processes (node:test kills what it spawned when this aborts). */
const tests = new AbortController();

let stopping = false;
/** The run's work directory, once made. */
let workDir = "";
function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping every process this run started`);
  tests.abort();
  void stopAll().then(() => {
    // The interruption counts as one failure: what it cut short did not pass.
    tally.failed++;
    log(`interrupted by ${signal}; logs and state kept in ${workDir}`);
    console.log(tally.line());
    process.exit(130);
  });
}

const tally = new Tally();
/**
 * How many test files run side by side (REAL_FILES_CONCURRENCY to choose): all of them, since each
 * spends most of its time waiting on the engine and the API server; what shares a cluster-wide
 * object takes a run-wide lock (test/real/harness.ts `exclusive`).
 */
const FILES_CONCURRENCY = Number(process.env.REAL_FILES_CONCURRENCY ?? 0) || Infinity;

async function main(): Promise<number> {
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const filters = process.argv.slice(2);
  const files = readdirSync(TESTS)
    .filter(
      (f) => f.endsWith(".real.js") && (filters.length === 0 || filters.some((x) => f.includes(x))),
    )
    .sort()
    .map((f) => path.join(TESTS, f));
  const start = Date.now();
  // Only what the selected files need (`npm run test:real -- render` needs the control plane alone).
  const needed = [...new Set(files.flatMap((f) => NEEDS[path.basename(f)] ?? ALL))];
  const { bins, failed: unbuilt } = await buildAll(log, needed);
  log(`builds done in ${Math.round((Date.now() - start) / 1000)} s`);
  // A file runs only when every module it needs built; the others count as failed, with the reason.
  const missing = (f: string) => (NEEDS[path.basename(f)] ?? ALL).filter((m) => m in unbuilt);
  const runnable = files.filter((f) => missing(f).length === 0);
  for (const f of files.filter((f) => missing(f).length > 0)) {
    tally.failed++;
    console.log(`✖ ${path.basename(f)}: not run, ${missing(f).join(" and ")} did not build`);
  }
  const work = mkdtempSync(path.join(os.tmpdir(), "okta-pomerium-real-"));
  workDir = work;
  const cluster =
    !needed.includes("kube") || "kube" in unbuilt || runnable.length === 0
      ? undefined
      : await startCluster(bins, kwokStages(), path.join(work, "cluster"));
  try {
    if (cluster) {
      log(
        `control plane ready at ${cluster.server} (${Math.round((Date.now() - start) / 1000)} s)`,
      );
      await installCrds(cluster);
      Object.assign(process.env, {
        REAL_KUBECONFIG: cluster.kubeconfig,
        REAL_PATH: pathDir(bins, work),
        REAL_KUBECTL: bins.kubectl,
      });
    }
    Object.assign(process.env, { REAL_WORK: work, REAL_POMERIUM_CHECK: bins["pomerium-check"] });
    // Files side by side; inside stacks.real.ts and modes.real.ts, stacks side by side too.
    const concurrency = Math.min(FILES_CONCURRENCY, runnable.length || 1);
    const stream = run({ files: runnable, concurrency, signal: tests.signal });
    stream.on("test:pass", (t) => tally.add(t, true));
    stream.on("test:fail", (t) => tally.add(t, false));
    await new Promise<void>((resolve) => {
      stream.pipe(new spec()).pipe(process.stdout);
      stream.on("end", resolve);
    });
  } finally {
    // After a signal the handler stops everything and ends the run with its own line.
    if (stopping) await new Promise<never>(() => undefined);
    await stopAll();
    await cluster?.stop();
    if (!tally.failed) rmSync(work, { recursive: true, force: true });
    else log(`logs and state kept in ${work}`);
  }
  log(`took ${Math.round((Date.now() - start) / 1000)} s`);
  console.log(tally.line());
  return tally.failed === 0 && tally.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    log(`failed: ${(e as Error).stack ?? e}`);
    await stopAll();
    tally.failed++;
    console.log(tally.line());
    process.exit(1);
  },
);
