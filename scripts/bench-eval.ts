/**
 * One measured case of `npm run bench`, run in a fresh process so each pays its own module loads:
 *   bare                      require("@pulumi/pulumi") only: the floor of every preview
 *   program <config.json> <stack>    the precompiled entry point (bin/index.js) under the mock runtime
 *   ts-check <config.json> <stack>   index.ts through ts-node with type-checking (Pulumi's TypeScript default)
 *   ts-fast <config.json> <stack>    index.ts through ts-node, transpile-only
 * The config file is the stack's runtime config as the Pulumi CLI hands it to the program (a JSON
 * map of full keys to strings), so parsing the stack's YAML (the CLI's work) is not measured.
 * Prints the elapsed milliseconds of the case (from process start) on stdout.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

async function main(): Promise<void> {
  const [mode, configFile, stack] = process.argv.slice(2);
  if (mode === "bare") {
    require("@pulumi/pulumi");
  } else {
    const { evaluate } = await import("./mock-runtime");
    const config = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, string>;
    let entry = path.join(ROOT, "bin/index.js");
    if (mode === "ts-check" || mode === "ts-fast") {
      require("ts-node").register({
        transpileOnly: mode === "ts-fast",
        project: path.join(ROOT, "tsconfig.json"),
      });
      entry = path.join(ROOT, "index.ts");
    }
    await evaluate(config, stack, () => require(entry));
  }
  process.stdout.write(`${Math.round(performance.now())}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
