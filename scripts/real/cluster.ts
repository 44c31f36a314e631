/**
 * A Kubernetes control plane on loopback for the real tier: etcd, kube-apiserver (RBAC, token
 * authentication, PodSecurity `restricted` enforced on every namespace by default),
 * kube-controller-manager, kube-scheduler and kwok, which makes pods on its fake node run and turn
 * Ready without a kubelet. Every port is a free one found at start; `stop()` ends each process it
 * started, by its id, and waits for it to exit.
 */
import { ChildProcess, execFile, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { writePki } from "./pki";

export interface Cluster {
  readonly kubeconfig: string;
  readonly server: string;
  readonly dir: string;
  kubectl(args: readonly string[], input?: string): Promise<string>;
  stop(): Promise<void>;
}

/** A port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every process the harness started and not yet stopped, for the exit handlers. */
export const running = new Set<ChildProcess>();

function start(bin: string, args: string[], logDir: string, name: string): ChildProcess {
  const log = createWriteStream(path.join(logDir, `${name}.log`));
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  running.add(child);
  child.on("exit", () => running.delete(child));
  return child;
}

/** Ends one process: SIGTERM, then SIGKILL after 10 s; resolves when it has exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

const PSA_CONFIG = `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
  - name: PodSecurity
    configuration:
      apiVersion: pod-security.admission.config.k8s.io/v1
      kind: PodSecurityConfiguration
      defaults: {enforce: restricted, enforce-version: latest, audit: restricted, audit-version: latest, warn: restricted, warn-version: latest}
      exemptions: {usernames: [], runtimeClasses: [], namespaces: []}
`;

/** Starts the control plane with the binaries of `bins` (name -> path) and the kwok stages. */
export async function startCluster(
  bins: Record<string, string>,
  stages: readonly string[],
  dir: string,
): Promise<Cluster> {
  mkdirSync(dir, { recursive: true });
  const { pki, files } = writePki(dir);
  const [etcdClient, etcdPeer, api, cm, sched, kwokPort] = await Promise.all(
    Array.from({ length: 6 }, freePort),
  );
  const server = `https://127.0.0.1:${api}`;
  const kubeconfig = path.join(dir, "kubeconfig");
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: "real",
          cluster: {
            server,
            "certificate-authority-data": Buffer.from(pki.caCert).toString("base64"),
          },
        },
      ],
      users: [{ name: "admin", user: { token: pki.token } }],
      contexts: [{ name: "real", context: { cluster: "real", user: "admin" } }],
      "current-context": "real",
    }),
    { mode: 0o600 },
  );
  writeFileSync(path.join(dir, "admission.yaml"), PSA_CONFIG);
  const procs: ChildProcess[] = [];
  const etcdUrl = `http://127.0.0.1:${etcdClient}`;
  const peer = `http://127.0.0.1:${etcdPeer}`;
  procs.push(
    start(
      bins.etcd,
      [
        `--data-dir=${path.join(dir, "etcd")}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peer}`,
        `--initial-advertise-peer-urls=${peer}`,
        `--initial-cluster=default=${peer}`,
        "--unsafe-no-fsync",
      ],
      dir,
      "etcd",
    ),
  );
  procs.push(
    start(
      bins["kube-apiserver"],
      [
        `--etcd-servers=${etcdUrl}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        `--secure-port=${api}`,
        `--cert-dir=${path.join(dir, "certs")}`,
        `--tls-cert-file=${files["server.crt"]}`,
        `--tls-private-key-file=${files["server.key"]}`,
        `--token-auth-file=${files["tokens.csv"]}`,
        "--authorization-mode=RBAC",
        `--service-account-key-file=${files["sa.pub"]}`,
        `--service-account-signing-key-file=${files["sa.key"]}`,
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-cluster-ip-range=10.96.0.0/16",
        "--endpoint-reconciler-type=none",
        "--enable-admission-plugins=PodSecurity",
        `--admission-control-config-file=${path.join(dir, "admission.yaml")}`,
      ],
      dir,
      "kube-apiserver",
    ),
  );
  const kubectl = async (args: readonly string[], input?: string): Promise<string> => {
    const child = promisify(execFile)(bins.kubectl, [`--kubeconfig=${kubeconfig}`, ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    return (await child).stdout;
  };
  const cluster: Cluster = {
    kubeconfig,
    server,
    dir,
    kubectl,
    stop: async () => {
      // The reverse of the start order: the API server's clients first, etcd last.
      for (const p of procs.reverse()) await stopProcess(p);
    },
  };
  try {
    await waitFor("the API server", () => kubectl(["get", "--raw", "/readyz"]), procs);
    procs.push(
      start(
        bins["kube-controller-manager"],
        [
          `--kubeconfig=${kubeconfig}`,
          `--authentication-kubeconfig=${kubeconfig}`,
          `--authorization-kubeconfig=${kubeconfig}`,
          "--use-service-account-credentials=false",
          `--root-ca-file=${files["ca.crt"]}`,
          `--service-account-private-key-file=${files["sa.key"]}`,
          "--bind-address=127.0.0.1",
          `--secure-port=${cm}`,
          "--leader-elect=false",
        ],
        dir,
        "kube-controller-manager",
      ),
      start(
        bins["kube-scheduler"],
        [
          `--kubeconfig=${kubeconfig}`,
          `--authentication-kubeconfig=${kubeconfig}`,
          `--authorization-kubeconfig=${kubeconfig}`,
          "--bind-address=127.0.0.1",
          `--secure-port=${sched}`,
          "--leader-elect=false",
        ],
        dir,
        "kube-scheduler",
      ),
      start(
        bins.kwok,
        [
          `--kubeconfig=${kubeconfig}`,
          "--manage-all-nodes=false",
          "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
          `--server-address=127.0.0.1:${kwokPort}`,
          ...stages.map((s) => `--config=${s}`),
        ],
        dir,
        "kwok",
      ),
    );
    await kubectl(["apply", "-f", "-"], FAKE_NODE);
    await waitFor(
      "the fake node",
      async () => {
        const status = await kubectl([
          "get",
          "node",
          "kwok-node-0",
          "-o",
          "jsonpath={.status.conditions[?(@.type=='Ready')].status}",
        ]);
        if (status !== "True") throw new Error(`Ready=${status || "none"}`);
        return status;
      },
      procs,
    );
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

async function waitFor(
  what: string,
  probe: () => Promise<unknown>,
  procs: readonly ChildProcess[],
): Promise<void> {
  const deadline = Date.now() + 180_000;
  let last: unknown;
  while (Date.now() < deadline) {
    const dead = procs.find((p) => p.exitCode !== null);
    if (dead)
      throw new Error(`${dead.spawnfile} exited (${dead.exitCode}) before ${what} was ready`);
    try {
      await probe();
      return;
    } catch (e) {
      last = e;
    }
    await sleep(500);
  }
  throw new Error(`${what} not ready after 180 s: ${(last as Error)?.message}`);
}

const FAKE_NODE = JSON.stringify({
  apiVersion: "v1",
  kind: "Node",
  metadata: {
    name: "kwok-node-0",
    annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
    labels: { "kubernetes.io/hostname": "kwok-node-0", "kubernetes.io/os": "linux", type: "kwok" },
  },
  spec: {},
});
