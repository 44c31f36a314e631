/**
 * The real-engine rows of `npm run bench -- --real`: `pulumi preview` of a new stack through the
 * Automation API on the real tier's engine and API server (scripts/real), for three programs: the
 * Pomerium component (all-in-one, an Ingress, 3 routes); the same objects declared bare (every
 * custom resource the component registers, with the same inputs, as a plain CustomResource, no
 * component around them); and an empty program. Cases interleave, starting at a different one each
 * round; the ratio is the median of per-round ratios.
 */
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Pomerium } from "../components/pomerium";
import type { PomeriumArgs } from "../components/pomerium";
import { median, pairedRatio, Row } from "./bench-report";
import { evaluate, unwrapSecrets } from "./render/mock-runtime";
import { buildAll } from "./real/build";
import { running, startCluster, stopProcess } from "./real/cluster";
import { kwokStages } from "./real/crds";
import { pathDir } from "./real/plugins";
import { newStack } from "./real/stack";

const ARGS: PomeriumArgs = {
  authenticateUrl: "https://authenticate.bench.example.com",
  issuer: "https://example.okta.com/oauth2/aus0000000000000000",
  clientId: "0oa0000000000000000",
  clientSecret: "client-secret",
  scopes: ["openid", "profile", "email", "groups"],
  namespace: "bench",
  ingress: { enabled: true, className: "nginx" },
  routes: ["a", "b", "c"].map((h) => ({
    from: `https://${h}.bench.example.com`,
    to: [`http://${h}.apps.svc.cluster.local`],
    allowGroups: ["admins"],
  })),
};

/** A custom resource declared as it is: a type token and inputs, nothing around it. */
class Bare extends pulumi.CustomResource {
  constructor(type: string, name: string, inputs: pulumi.Inputs) {
    super(type, name, inputs);
  }
}

/** The component's custom resources as the mock runtime records them: type, name, inputs. */
async function bareResources(): Promise<Array<{ type: string; name: string; inputs: any }>> {
  const { recording } = await evaluate({}, "bench", () => new Pomerium("bench", ARGS));
  return recording.registrations
    .filter((r) => r.custom)
    .map((r) => ({ type: r.type, name: r.name, inputs: unwrapSecrets(r.inputs) }));
}

export async function realRows(rounds: number, log: (s: string) => void): Promise<Row[]> {
  const { bins, failed } = await buildAll(log);
  if (Object.keys(failed).length > 0)
    throw new Error(`the real tier did not build: ${Object.keys(failed).join(", ")}`);
  const work = mkdtempSync(path.join(os.tmpdir(), "okta-pomerium-bench-real-"));
  const cluster = await startCluster(bins, kwokStages(), path.join(work, "cluster"));
  try {
    const env = { work, pathDir: pathDir(bins, work), kubeconfig: cluster.kubeconfig };
    const bare = await bareResources();
    const programs: Record<string, () => Promise<void>> = {
      component: async () => void new Pomerium("bench", ARGS),
      bare: async () => {
        for (const r of bare) new Bare(r.type, r.name, r.inputs);
      },
      empty: async () => undefined,
    };
    const names = Object.keys(programs);
    const stacks = Object.fromEntries(
      await Promise.all(
        names.map(async (n) => [n, (await newStack(env, `bench-${n}`, programs[n], {})).stack]),
      ),
    );
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    await stacks.empty.preview(); // warm-up: plugins and the CLI's first start
    for (let i = 0; i < rounds; i++) {
      for (let j = 0; j < names.length; j++) {
        const n = names[(i + j) % names.length];
        const t0 = performance.now();
        await stacks[n].preview();
        times[n].push(performance.now() - t0);
      }
    }
    const ms = (n: string) => Math.round(median(times[n]));
    const vsBare = pairedRatio(times.component, times.bare);
    const vsEmpty = pairedRatio(times.component, times.empty);
    return [
      [
        `real engine: preview, component (${bare.length} resources) vs the same objects bare`,
        `${ms("component")} ms vs ${ms("bare")} ms; ${vsBare.ratio.toFixed(2)}x (IQR ${vsBare.iqr.map((x) => x.toFixed(2)).join("-")})`,
        "<= 1.1x",
        vsBare.ratio <= 1.1,
      ],
      [
        "real engine: preview, component vs an empty program",
        `${ms("component")} ms vs ${ms("empty")} ms; ${vsEmpty.ratio.toFixed(2)}x`,
        "",
        undefined,
      ],
    ];
  } finally {
    await cluster.stop();
    await Promise.all([...running].map(stopProcess));
    rmSync(work, { recursive: true, force: true });
  }
}
