/**
 * Every shape the program renders, for the checks that must hold of all of them (what a real API
 * server accepts as it is, a second `up` that changes nothing, no wait on what the stack does not
 * control): one configuration per mode and exposure, and every committed stack.
 */
import { evaluate, Recording } from "../../scripts/render/mock-runtime";
import { kubernetesYaml } from "../../scripts/render/render-lib";
import { readStackConfig } from "../../scripts/render/stack-config";
import { stackNames } from "../../scripts/stacks";
import { program } from "../../stack/program";
import { baseConfig, runProgram } from "../mocks";
import { parseAllDocuments } from "yaml";
import { ALL_SECRETS, POSTGRES } from "../pomerium/helpers";
import { ROOT } from "./cli";

const GATEWAY = { parentRefs: [{ name: "edge", namespace: "gateways" }] };
/** Routes with an Ingress form (in-cluster upstreams), for ingress-controller mode. */
const IN_CLUSTER_ROUTES = [
  {
    from: "https://grafana.test.example.com",
    to: "http://grafana.monitoring.svc.cluster.local:3000",
    allowGroups: ["test-admins"],
  },
  {
    from: "https://api.test.example.com",
    to: "https://api.apps.svc",
    allowEmails: ["a@example.com"],
  },
];

/** Settings overrides over baseConfig, one per mode and exposure. */
export const MODES: Readonly<Record<string, Record<string, unknown>>> = {
  "all-in-one": {},
  "all-in-one, Ingress, LoadBalancer, HA": {
    "okta-pomerium:pomerium": {
      replicas: 2,
      databroker: { storage: "postgres" },
      service: { type: "LoadBalancer" },
      ingress: { enabled: true },
    },
    "okta-pomerium:databrokerConnectionString": POSTGRES,
  },
  "all-in-one, Gateway API": { "okta-pomerium:pomerium": { gateway: GATEWAY } },
  "all-in-one, pre-v0.20 with every secret": ALL_SECRETS,
  "all-in-one, no NetworkPolicy, an existing namespace": {
    "okta-pomerium:pomerium": { networkPolicy: { enabled: false }, createNamespace: false },
  },
  "ingress-controller": {
    "okta-pomerium:routes": IN_CLUSTER_ROUTES,
    "okta-pomerium:pomerium": { mode: "ingress-controller" },
  },
  "ingress-controller, in the controller's own namespace": {
    "okta-pomerium:routes": IN_CLUSTER_ROUTES,
    "okta-pomerium:pomerium": { mode: "ingress-controller", namespace: "pomerium" },
  },
  "ingress-controller, postgres, certificate": {
    "okta-pomerium:routes": IN_CLUSTER_ROUTES,
    "okta-pomerium:pomerium": {
      mode: "ingress-controller",
      databroker: { storage: "postgres" },
      controller: { authenticateCertificate: "pomerium/authenticate-tls" },
    },
    "okta-pomerium:databrokerConnectionString": POSTGRES,
  },
  "with OpenMetadata": {
    "okta-pomerium:openMetadata": {
      url: "https://openmetadata.test.example.com",
      principalDomain: "example.com",
    },
  },
};

export interface Rendered {
  name: string;
  recording: Recording;
  /** The objects of kubernetes.yaml as `render` writes it (secrets redacted). */
  objects: Array<Record<string, any>>;
}

export const objectsOf = (recording: Recording) =>
  parseAllDocuments(kubernetesYaml(recording, [])).map((d) => d.toJS() as Record<string, any>);

/** Each mode, then each committed stack, rendered. */
export async function renderEveryShape(): Promise<Rendered[]> {
  const out: Rendered[] = [];
  for (const [name, overrides] of Object.entries(MODES)) {
    const run = await runProgram(baseConfig(overrides));
    if (run.error) throw new Error(`${name}: ${run.error.message}`);
    out.push({ name, recording: run.recording, objects: objectsOf(run.recording) });
  }
  for (const stack of stackNames(ROOT)) {
    const { config } = readStackConfig(ROOT, stack);
    const { recording } = await evaluate(config, stack, () => program());
    out.push({ name: `stack ${stack}`, recording, objects: objectsOf(recording) });
  }
  return out;
}
