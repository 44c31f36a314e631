/**
 * What the Pomerium, guardrail and render tests share on top of the harness (../mocks): the
 * Kubernetes type tokens, the configurations they evaluate, accessors over a recorded run, the
 * labels every object must carry, and the real Kubernetes schema check.
 */
import { createHash } from "node:crypto";
import type { PlannedResource } from "../../policy/guardrails";
import { parseSettings, Settings } from "../../stack/settings";
import { mockState } from "../../scripts/render/mock-runtime";
import {
  baseConfig,
  byName,
  one,
  Registration,
  Run,
  runProgram,
  SECRET_VALUES,
  valueOf,
} from "../mocks";

export const T = {
  namespace: "kubernetes:core/v1:Namespace",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  secret: "kubernetes:core/v1:Secret",
  configMap: "kubernetes:core/v1:ConfigMap",
  service: "kubernetes:core/v1:Service",
  deployment: "kubernetes:apps/v1:Deployment",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  httpRoute: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
  pomeriumPatch: "kubernetes:ingress.pomerium.io/v1:PomeriumPatch",
  randomBytes: "random:index/randomBytes:RandomBytes",
} as const;

export const POSTGRES = SECRET_VALUES["okta-pomerium:databrokerConnectionString"];
export const OTHER_POSTGRES =
  "postgres://pomerium:SECRET-other-password-9e0f@db.example.com:5432/pomerium";
export const DIRECTORY_TOKEN = SECRET_VALUES["okta-pomerium:directoryApiToken"];

/** Two replicas on postgres behind an Ingress with a class and TLS. */
export const HA = {
  "okta-pomerium:pomerium": {
    replicas: 2,
    databroker: { storage: "postgres" },
    ingress: { enabled: true, className: "nginx", tlsSecretName: "pomerium-tls" },
  },
  "okta-pomerium:databrokerConnectionString": POSTGRES,
};

/** Every secret path at once: postgres, the directory token on a pre-v0.20 image, a service app. */
export const ALL_SECRETS = {
  "okta-pomerium:pomerium": {
    image: "pomerium/pomerium:v0.19.1",
    replicas: 2,
    databroker: { storage: "postgres" },
  },
  "okta-pomerium:databrokerConnectionString": POSTGRES,
  "okta-pomerium:directoryApiToken": DIRECTORY_TOKEN,
  "okta:apiToken": undefined,
  "okta:clientId": "0oaserviceapp0000001",
  "okta:privateKey": SECRET_VALUES["okta:privateKey"],
  "okta:privateKeyId": "kid-1",
  "okta:scopes": ["okta.apps.manage", "okta.groups.manage", "okta.authorizationServers.manage"],
};

/** Evaluates each configuration (settings overrides over baseConfig) in turn: the mocks are global. */
export async function runAll<K extends string>(
  configs: Record<K, Record<string, unknown>>,
): Promise<Record<K, Run>> {
  const runs = {} as Record<K, Run>;
  for (const name of Object.keys(configs) as K[])
    runs[name] = await runProgram(baseConfig(configs[name]), "test");
  return runs;
}

/** Validated settings of stack "test" (baseConfig with overrides). */
export const settingsOf = (overrides: Record<string, unknown> = {}): Settings =>
  parseSettings(baseConfig(overrides), "test");

export const kube = (run: Run) =>
  run.recording.registrations.filter((r) => r.type.startsWith("kubernetes:"));
export const planned = (r: Registration): PlannedResource => ({ type: r.type, props: r.inputs });
export const inputsOf = (run: Run, type: string) => one(run.recording, type).inputs;
export const deploymentOf = (run: Run) => inputsOf(run, T.deployment);
export const podSpecOf = (run: Run) => deploymentOf(run).spec.template.spec;
export const containerOf = (run: Run) => podSpecOf(run).containers[0];
export const podAnnotations = (run: Run) => deploymentOf(run).spec.template.metadata.annotations;
export const configFileOf = (run: Run) => inputsOf(run, T.configMap).data["config.json"] as string;
export const configOf = (run: Run) => JSON.parse(configFileOf(run));
export const secretDataOf = (run: Run) =>
  inputsOf(run, T.secret).stringData as Record<string, string>;

/** The base64 value the random provider returned for a RandomBytes (the mock is deterministic). */
export const randomBase64 = (run: Run, name: string) =>
  valueOf<string>(mockState(T.randomBytes, name, byName(run.recording, name).inputs).state.base64);

/** SHA-256 hex, computed here (not with the code under test). */
export const sha256hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** Pomerium's `idp_service_account` for a token, written out from Pomerium's docs. */
export const serviceAccountOf = (token: string) =>
  Buffer.from(`{"api_key":"${token}"}`).toString("base64");

/** The selector of stack "test": the stable subset of the labels. */
export const SELECTOR = {
  "app.kubernetes.io/name": "pomerium",
  "app.kubernetes.io/instance": "pomerium-test",
};
/** Every label of every object of stack "test". */
export const LABELS = {
  ...SELECTOR,
  "app.kubernetes.io/component": "proxy",
  "app.kubernetes.io/part-of": "okta-pomerium",
  "app.kubernetes.io/managed-by": "pulumi",
  "okta-pomerium/stack": "test",
};
export const NAMESPACE = "pomerium-test";
/** metadata of a namespaced object of stack "test". */
export const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: NAMESPACE,
  labels: LABELS,
  ...extra,
});

export { schemaProblems } from "./kube-schema";
