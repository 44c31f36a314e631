/**
 * `npm run render -- <stack> [--out DIR | --stdout]`: evaluates index.ts's program for a stack under
 * Pulumi's mock runtime (no CLI, no credentials, no network) and writes DIR/<stack>/kubernetes.yaml,
 * okta.yaml, cloudflare.yaml (with `cloudflareAccess`) and graph.mmd; with `--stdout`, only the Kubernetes YAML, to standard output (like
 * `helm template`), everything else to standard error. On invalid settings it prints every problem,
 * writes nothing, exits 1.
 * `--template <shape>`: a template (templates/<shape>.yaml) as written, evaluated as stack <shape>,
 * written to DIR/<shape>/; it warns about every placeholder left in it.
 * `--project bootstrap`: the bootstrap project's stack instead (bootstrap/Pulumi.<stack>.yaml),
 * written to DIR/bootstrap/<stack>/ (okta.yaml and graph.mmd).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { program } from "../../stack/program";
import { SettingsError } from "../../stack/settings/error";
import { evaluate } from "./mock-runtime";
import {
  cloudflareYaml,
  hasCloudflare,
  kubernetesYaml,
  mermaid,
  oktaYaml,
  summary,
} from "./render-lib";
import { readStackConfig } from "./stack-config";
import { templateFile, templateNames } from "../stacks";
import { projectRoot } from "../project-root";

const ROOT = projectRoot(__dirname);
const USAGE =
  "usage: npm run render -- [--project bootstrap] <stack> [--out DIR | --stdout]\n       npm run render -- --template <shape> [--out DIR | --stdout]";

interface Args {
  stack: string;
  out: string;
  stdout: boolean;
  bootstrap: boolean;
  template: boolean;
}

function parseArgs(argv: string[]): Args {
  let stack: string | undefined;
  let out: string | undefined;
  let stdout = false;
  let project = "main";
  let template = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--template") {
      template = true;
      continue;
    }
    if (argv[i] === "--out") out = argv[++i] ?? "";
    else if (argv[i].startsWith("--out=")) out = argv[i].slice(6);
    else if (argv[i] === "--stdout") stdout = true;
    else if (argv[i] === "--project") project = argv[++i] ?? "";
    else if (argv[i].startsWith("--project=")) project = argv[i].slice(10);
    else if (!stack && !argv[i].startsWith("-")) stack = argv[i];
    else throw new Error(`unexpected argument "${argv[i]}"\n${USAGE}`);
  }
  if (!stack || out === "" || (stdout && out !== undefined)) throw new Error(USAGE);
  if (project !== "main" && project !== "bootstrap")
    throw new Error(`unknown project "${project}" (main or bootstrap)\n${USAGE}`);
  // The bootstrap project declares no Kubernetes object: nothing to write to stdout.
  if (stdout && project === "bootstrap") throw new Error(USAGE);
  if (template && project === "bootstrap") throw new Error(USAGE);
  return { stack, out: out ?? "out", stdout, bootstrap: project === "bootstrap", template };
}

async function main(): Promise<number> {
  const { stack, out, stdout, bootstrap, template } = parseArgs(process.argv.slice(2));
  const root = process.env.OKTA_POMERIUM_DIR ?? ROOT;
  if (template && !templateNames(root).includes(stack))
    throw new Error(`no template "${stack}"; the templates: ${templateNames(root).join(", ")}`);
  const { config, secretKeys, storedSecret, notes } = readStackConfig(
    bootstrap ? path.join(root, "bootstrap") : root,
    stack,
    ...(template ? [templateFile(root, stack)] : []),
  );
  const secretValues = secretKeys.map((k) => config[k]);
  // The bootstrap project's program is loaded only for it.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const boot: typeof import("../../bootstrap/program") | undefined = bootstrap
    ? require("../../bootstrap/program")
    : undefined;
  const BOOTSTRAP_PROJECT: string | undefined = bootstrap
    ? (require("../../bootstrap/settings") as typeof import("../../bootstrap/settings"))
        .BOOTSTRAP_PROJECT
    : undefined;
  /* eslint-enable @typescript-eslint/no-require-imports */
  // Warnings the program logs go to stderr, as `pulumi preview` shows them.
  const { recording, result } = await evaluate(
    config,
    stack,
    () => {
      try {
        if (boot) boot.bootstrapProgram();
        else program();
        return undefined;
      } catch (e) {
        return e as Error;
      }
    },
    { secretKeys: storedSecret, ...(BOOTSTRAP_PROJECT ? { project: BOOTSTRAP_PROJECT } : {}) },
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
  const dir = bootstrap ? path.resolve(out, "bootstrap", stack) : path.resolve(out, stack);
  mkdirSync(dir, { recursive: true });
  const files = {
    // The bootstrap project declares no Kubernetes object.
    ...(bootstrap ? {} : { "kubernetes.yaml": kubernetesYaml(recording, secretValues) }),
    "okta.yaml": oktaYaml(recording, secretValues),
    ...(hasCloudflare(recording)
      ? { "cloudflare.yaml": cloudflareYaml(recording, secretValues) }
      : {}),
    "graph.mmd": mermaid(recording),
  };
  // A stack without Cloudflare Access: no stale cloudflare.yaml from an earlier render.
  if (!files["cloudflare.yaml"]) rmSync(path.join(dir, "cloudflare.yaml"), { force: true });
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
