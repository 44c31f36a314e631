/**
 * `npm run render -- <stack> [--out DIR | --stdout]`: evaluates index.ts's program for a stack under
 * Pulumi's mock runtime (no CLI, no credentials, no network) and writes DIR/<stack>/kubernetes.yaml,
 * okta.yaml and graph.mmd; with `--stdout`, only the Kubernetes YAML, to standard output (like
 * `helm template`), everything else to standard error. On invalid settings it prints every problem,
 * writes nothing, exits 1.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { program } from "../../components/program";
import { SettingsError } from "../../components/settings/error";
import { evaluate } from "./mock-runtime";
import { kubernetesYaml, mermaid, oktaYaml, summary } from "./render-lib";
import { readStackConfig } from "./stack-config";

const ROOT = path.resolve(__dirname, "../../..");
const USAGE = "usage: npm run render -- <stack> [--out DIR | --stdout]";

function parseArgs(argv: string[]): { stack: string; out: string; stdout: boolean } {
  let stack: string | undefined;
  let out: string | undefined;
  let stdout = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = argv[++i] ?? "";
    else if (argv[i].startsWith("--out=")) out = argv[i].slice(6);
    else if (argv[i] === "--stdout") stdout = true;
    else if (!stack && !argv[i].startsWith("-")) stack = argv[i];
    else throw new Error(`unexpected argument "${argv[i]}"\n${USAGE}`);
  }
  if (!stack || out === "" || (stdout && out !== undefined)) throw new Error(USAGE);
  return { stack, out: out ?? "out", stdout };
}

async function main(): Promise<number> {
  const { stack, out, stdout } = parseArgs(process.argv.slice(2));
  const { config, secretKeys, storedSecret, notes } = readStackConfig(
    process.env.OKTA_POMERIUM_DIR ?? ROOT,
    stack,
  );
  const secretValues = secretKeys.map((k) => config[k]);
  // Warnings the program logs go to stderr, as `pulumi preview` shows them.
  const { recording, result } = await evaluate(
    config,
    stack,
    () => {
      try {
        program();
        return undefined;
      } catch (e) {
        return e as Error;
      }
    },
    { secretKeys: storedSecret },
  );
  if (result) {
    console.error(
      result instanceof SettingsError ? result.message : `render failed: ${result.message}`,
    );
    return 1;
  }
  if (stdout) {
    // The YAML alone on stdout, so it pipes into kubectl, kubeconform or yq.
    process.stdout.write(kubernetesYaml(recording, secretValues));
    for (const note of notes) console.error(`note: ${note}`);
    console.error(`Rendered stack "${stack}" offline (mock runtime, placeholder Okta ids)`);
    return 0;
  }
  const dir = path.resolve(out, stack);
  mkdirSync(dir, { recursive: true });
  const files = {
    "kubernetes.yaml": kubernetesYaml(recording, secretValues),
    "okta.yaml": oktaYaml(recording, secretValues),
    "graph.mmd": mermaid(recording),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  for (const note of notes) console.log(`note: ${note}`);
  console.log(
    `Rendered stack "${stack}" offline (mock runtime, placeholder Okta ids) to ${path.relative(process.cwd(), dir) || "."}/`,
  );
  console.log(`  ${Object.keys(files).join(", ")}`);
  console.log(summary(recording));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
