// Every Kubernetes object, through the mocks: the explicit provider, explicit names, the labels,
// the real Kubernetes schemas; the rollout annotations; and the settings refused before anything
// is registered.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { SettingsError } from "../../stack/settings/error";
import { ROUTES, type Run } from "../mocks";
import {
  ALL_SECRETS,
  configFileOf,
  DIRECTORY_TOKEN,
  HA,
  kube,
  LABELS,
  NAMESPACE,
  OTHER_POSTGRES,
  podAnnotations,
  runAll,
  schemaProblems,
  sha256hex,
  T,
} from "./helpers";

const CONFIGS = {
  def: {},
  def2: {},
  routeChanged: {
    "okta-pomerium:routes": [ROUTES[0], { ...ROUTES[1], allowEmails: ["b@example.com"] }],
  },
  ha: HA,
  haOtherSecret: { ...HA, "okta-pomerium:databrokerConnectionString": OTHER_POSTGRES },
  old: ALL_SECRETS,
  noNetworkPolicy: { "okta-pomerium:pomerium": { networkPolicy: { enabled: false } } },
  replicasOnMemory: { "okta-pomerium:pomerium": { replicas: 2 } },
  postgresNoSecret: { "okta-pomerium:pomerium": { databroker: { storage: "postgres" } } },
  tokenOnNewImage: { "okta-pomerium:directoryApiToken": DIRECTORY_TOKEN },
};
let runs: Record<keyof typeof CONFIGS, Run>;
before(async () => {
  runs = await runAll(CONFIGS);
});
const SUCCESSFUL = ["def", "routeChanged", "ha", "old", "noNetworkPolicy"] as const;

describe("every Kubernetes object", () => {
  for (const name of SUCCESSFUL) {
    test(`uses the explicit provider, an explicit name and every label (${name})`, () => {
      const provider = "urn:pulumi:test::okta-pomerium::pulumi:providers:kubernetes::kubernetes::";
      const objects = kube(runs[name]);
      assert.ok(objects.length >= 6);
      for (const r of objects) {
        const at = `${r.type} ${r.name}`;
        assert.ok(r.provider?.startsWith(provider), `${at}: provider ${r.provider}`);
        assert.match(r.inputs.metadata.name, /^pomerium-test(-secrets|-config)?$/, `${at}: name`);
        const { metadata } = r.inputs;
        const labels = Object.fromEntries(
          Object.entries(metadata.labels).filter(([k]) => !k.startsWith("pod-security.")),
        );
        assert.deepEqual(labels, LABELS, `${at}: labels`);
        if (r.type !== T.namespace) assert.equal(metadata.namespace, NAMESPACE, `${at}: namespace`);
      }
    });
  }

  for (const name of ["def", "ha", "old"] as const) {
    test(`validates against the real Kubernetes schema (${name})`, async () => {
      const objects = kube(runs[name]);
      assert.deepEqual(await schemaProblems(...objects.map((r) => r.inputs)), []);
      if (name === "ha")
        assert.deepEqual(
          [T.ingress, T.pdb, T.networkPolicy].filter((t) => !objects.some((r) => r.type === t)),
          [],
        );
    });
  }
});

describe("the rollout annotations", () => {
  const CONFIG = "okta-pomerium/config-checksum";
  const SECRETS = "okta-pomerium/secrets-checksum";

  test("identical across two evaluations of the same config; the config one is the file's SHA-256", () => {
    assert.deepEqual(podAnnotations(runs.def2), podAnnotations(runs.def));
    assert.equal(podAnnotations(runs.def)[CONFIG], sha256hex(configFileOf(runs.def)));
    assert.match(podAnnotations(runs.def)[SECRETS], /^[0-9a-f]{64}$/);
  });

  test("a route change rolls the config checksum only", () => {
    assert.notEqual(podAnnotations(runs.routeChanged)[CONFIG], podAnnotations(runs.def)[CONFIG]);
    assert.equal(podAnnotations(runs.routeChanged)[SECRETS], podAnnotations(runs.def)[SECRETS]);
  });

  test("a secret change rolls the secrets checksum only", () => {
    assert.notEqual(podAnnotations(runs.haOtherSecret)[SECRETS], podAnnotations(runs.ha)[SECRETS]);
    assert.equal(podAnnotations(runs.haOtherSecret)[CONFIG], podAnnotations(runs.ha)[CONFIG]);
  });
});

describe("refused before anything is registered", () => {
  const refused = (name: keyof typeof CONFIGS, path: string) => {
    const run = runs[name];
    assert.ok(run.error instanceof SettingsError, `expected SettingsError, got ${run.error}`);
    assert.deepEqual(
      run.error.problems.map((p) => p.path),
      [path],
    );
    assert.ok(run.error.message.includes(`${path}: `));
    assert.deepEqual(run.recording.registrations, []);
    return run.error.problems[0].message;
  };

  test("fails when replicas > 1 use in-memory storage", () => {
    assert.match(
      refused("replicasOnMemory", "okta-pomerium:pomerium.replicas"),
      /^is 2 with in-memory databroker storage/,
    );
  });

  test("fails when postgres storage has no connection string", () => {
    assert.match(
      refused("postgresNoSecret", "okta-pomerium:databrokerConnectionString"),
      /is required with pomerium.databroker.storage: postgres/,
    );
  });

  test("fails when directoryApiToken is set on Pomerium v0.20.0 or later", () => {
    const message = refused("tokenOnNewImage", "okta-pomerium:directoryApiToken");
    assert.match(message, /Pomerium v0\.33\.1 has no directory sync/);
    assert.match(message, /removed from Pomerium Core in v0\.20\.0/);
  });
});
