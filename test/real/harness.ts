/**
 * What the real tier's test files share: the control plane `npm run test:real` started (its
 * kubeconfig and kubectl), stacks under the real Pulumi engine through the Automation API (inline
 * program, a file backend in the run's work directory, the Kubernetes provider and the stand-in
 * okta/random/cloudflare providers from PATH), and the stand-in's record of what it was sent.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import assert from "node:assert/strict";
import { newStack } from "../../scripts/real/stack";
import { podReferences } from "./shapes";

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the real tier with npm run test:real`);
  return v;
}

export const real = {
  get kubeconfig() {
    return need("REAL_KUBECONFIG");
  },
  get work() {
    return need("REAL_WORK");
  },
  get pathDir() {
    return need("REAL_PATH");
  },
  get pomeriumCheck() {
    return need("REAL_POMERIUM_CHECK");
  },
};

/** kubectl against the run's API server: stdout and stderr (where warnings go). */
export async function kubectl(
  args: readonly string[],
  input?: string,
): Promise<{ stdout: string; stderr: string }> {
  const p = promisify(execFile)(
    need("REAL_KUBECTL"),
    [`--kubeconfig=${real.kubeconfig}`, ...args],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (input !== undefined) p.child.stdin?.end(input);
  const { stdout, stderr } = await p;
  return { stdout, stderr };
}

export async function getJson(args: readonly string[]): Promise<any> {
  return JSON.parse((await kubectl(["get", ...args, "-o", "json"])).stdout);
}

/** Does the object exist? */
export async function exists(args: readonly string[]): Promise<boolean> {
  const { stdout } = await kubectl(["get", ...args, "--ignore-not-found", "-o", "name"]);
  return stdout.trim() !== "";
}

/** A new stack of project okta-pomerium in this run's work directory (scripts/real/stack.ts). */
export const realStack = (
  stackName: string,
  program: () => Promise<Record<string, unknown> | void>,
  config: Record<string, { value: string; secret?: boolean }>,
) => newStack(real, stackName, program, config);

/** One call the stand-in provider received. */
export interface StandinCall {
  package: string;
  op: "configure" | "create" | "update" | "delete" | "invoke";
  urn: string;
  type: string;
  preview: boolean;
  inputs: Record<string, any>;
}

export function standinCalls(record: string): StandinCall[] {
  if (!existsSync(record)) return [];
  return readFileSync(record, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Resource changes of an operation, without the `same` ones: {} when nothing changed. */
export function changes(summary: {
  resourceChanges?: Record<string, number>;
}): Record<string, number> {
  return Object.fromEntries(
    Object.entries(summary.resourceChanges ?? {}).filter(([op, n]) => op !== "same" && n > 0),
  );
}

/** Rejects when `p` takes longer than `ms` (and calls `onTimeout`, e.g. to cancel the update). */
export async function within<T>(
  ms: number,
  what: string,
  p: Promise<T>,
  onTimeout?: () => unknown,
) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void onTimeout?.();
      reject(new Error(`${what} took longer than ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until every Deployment in the namespace has rolled out, then until every pod is Ready. */
export async function allReady(namespace: string): Promise<void> {
  const deployments = await getJson(["deployments", "-n", namespace]);
  for (const d of deployments.items)
    await kubectl([
      "rollout",
      "status",
      `deployment/${d.metadata.name}`,
      "-n",
      namespace,
      "--timeout=180s",
    ]);
  const pods = await getJson(["pods", "-n", namespace]);
  await referencesExist(namespace, pods.items);
  if (pods.items.length > 0)
    await kubectl([
      "wait",
      "--for=condition=Ready",
      "pod",
      "--all",
      "-n",
      namespace,
      "--timeout=180s",
    ]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding the run-wide lock `name` (a directory in the run's work directory, so it
 * holds across the test files' processes): what shares a cluster-wide object (the `Pomerium`
 * object `global`, the controller's namespace) runs one at a time, the rest side by side.
 */
export async function exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = path.join(real.work, "locks");
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, name);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The lock of everything that touches the ingress controller's install (see `exclusive`). */
export const CONTROLLER_LOCK = "pomerium-global";

/** Fails when a pod names a Secret or ConfigMap (or a key) its namespace lacks (shapes.ts). */
async function referencesExist(namespace: string, pods: any[]): Promise<void> {
  const refs = pods.flatMap((p) => podReferences(p.spec));
  if (refs.length === 0) return;
  const held = new Map<string, Record<string, unknown>>();
  for (const kind of ["secrets", "configmaps"])
    for (const o of (await getJson([kind, "-n", namespace])).items)
      held.set(`${o.kind}/${o.metadata.name}`, { ...o.data, ...o.binaryData, ...o.stringData });
  for (const r of refs) {
    const data = held.get(`${r.kind}/${r.name}`);
    assert.ok(data, `a pod in ${namespace} needs ${r.kind} ${r.name}, which is not there`);
    if (r.key !== undefined)
      assert.ok(r.key in data, `a pod in ${namespace} needs key ${r.key} of ${r.kind} ${r.name}`);
  }
}
