/**
 * A stack under the real engine through the Automation API: an inline program, project
 * okta-pomerium, a file backend and a private PULUMI_HOME in the run's work directory, the
 * binaries of the run's PATH directory (the CLI, the Kubernetes provider, the stand-in providers),
 * and the stand-in's record file.
 */
import { mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";

export interface RealEnv {
  readonly work: string;
  readonly pathDir: string;
  readonly kubeconfig: string;
}

const versionOf = (pkg: string) =>
  JSON.parse(readFileSync(require.resolve(`@pulumi/${pkg}/package.json`), "utf8")).version;

/** A new stack of project okta-pomerium with its own state, passphrase and stand-in record. */
export async function newStack(
  real: RealEnv,
  stackName: string,
  program: () => Promise<Record<string, unknown> | void>,
  config: Record<string, { value: string; secret?: boolean }>,
): Promise<{ stack: Stack; record: string }> {
  const dir = path.join(real.work, "stacks", stackName);
  mkdirSync(path.join(dir, "state"), { recursive: true });
  const record = path.join(dir, "standin.jsonl");
  process.env.PATH = `${real.pathDir}${path.delimiter}${process.env.PATH}`;
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, projectName: "okta-pomerium", program },
    {
      workDir: dir,
      projectSettings: {
        name: "okta-pomerium",
        runtime: "nodejs",
        backend: { url: `file://${path.join(dir, "state")}` },
      },
      envVars: {
        PULUMI_CONFIG_PASSPHRASE: "real-tier",
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        KUBECONFIG: real.kubeconfig,
        STANDIN_RECORD: record,
        STANDIN_VERSION_OKTA: versionOf("okta"),
        STANDIN_VERSION_RANDOM: versionOf("random"),
        STANDIN_VERSION_CLOUDFLARE: versionOf("cloudflare"),
      },
    },
  );
  await stack.setAllConfig(config);
  return { stack, record };
}
