/**
 * One measured case of `npm run bench`, run in a fresh process so each pays its own module loads:
 *   bare                      require("@pulumi/pulumi") only: the floor of every preview
 *   harness - <config.json> <stack>             the mock runtime with an empty program
 *   program <entry.js> <config.json> <stack>   a precompiled entry point under the mock runtime
 *                             (the bundle Pulumi.yaml names, or tsc's unbundled bin/index.js)
 *   ts-check <index.ts> <config.json> <stack>  through ts-node with type-checking (Pulumi's default)
 *   ts-fast <index.ts> <config.json> <stack>   through ts-node, transpile-only
 *   noop <N> <config.json> <stack>              N no-op resources (RandomBytes)
 *   replay <resources.json> <config.json> <stack>  the resources a stack registered, declared bare
 *                             with the provider SDKs' classes and the same inputs (bench-replay.ts)
 *   require <file,file,…>     require("@pulumi/pulumi"), then these modules (the library's import cost)
 *   loaded <entry.js> <config.json> <stack>    as `program`, but prints how many @pulumi/cloudflare
 *                             modules the evaluation loaded (0 for a stack without cloudflareAccess)
 * With a fifth argument `runner`, source-map-support is registered first, as Pulumi's runner
 * (`@pulumi/pulumi/cmd/run`) does before it loads a program.
 * The config file is the stack's runtime config as the Pulumi CLI hands it to the program (a JSON
 * map of full keys to strings), so parsing the stack's YAML (the CLI's work) is not measured.
 * Prints the elapsed milliseconds of the case (from process start) and the CPU milliseconds it used
 * (user + system) on stdout.
 */
// Each case loads its modules only when it runs (their load is what it measures): no static imports.
/* eslint-disable @typescript-eslint/no-require-imports */
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

async function main(): Promise<void> {
  const [mode, entry, configFile, stack, runner] = process.argv.slice(2);
  if (runner === "runner") {
    // Resolved from the SDK, so it is the copy Pulumi's runner loads.
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    require(require.resolve("source-map-support/register", { paths: [sdk] }));
  }
  if (mode === "bare") {
    require("@pulumi/pulumi");
  } else if (mode === "require") {
    require("@pulumi/pulumi");
    for (const file of entry.split(",")) require(path.resolve(file));
  } else {
    const { evaluate } = await import("./render/mock-runtime");
    const config = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, string>;
    if (mode === "ts-check" || mode === "ts-fast") {
      require("ts-node").register({
        transpileOnly: mode === "ts-fast",
        project: path.join(ROOT, "tsconfig.json"),
      });
    }
    await evaluate(config, stack, () => {
      if (mode === "harness") return {};
      if (mode === "replay") {
        const { declareBare } = require("./bench-replay");
        declareBare(JSON.parse(readFileSync(entry, "utf8")));
        return {};
      }
      if (mode === "noop") {
        const { RandomBytes } = require("@pulumi/random/randomBytes");
        for (let i = 0; i < Number(entry); i++) new RandomBytes(`noop-${i}`, { length: 32 });
        return {};
      }
      return require(path.resolve(entry));
    });
    if (mode === "loaded") {
      const cf = Object.keys(require.cache).filter((k) => /@pulumi[\\/]cloudflare[\\/]/.test(k));
      process.stdout.write(`${cf.length}\n`);
      return;
    }
  }
  // Wall-clock ms since the process started, then CPU ms (user + system, every thread of it).
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${Math.round(performance.now())} ${Math.round((cpu.user + cpu.system) / 1000)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
