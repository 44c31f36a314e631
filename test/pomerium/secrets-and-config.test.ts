// What the container reads, through the mocks: config.json (whole, exactly the Okta outputs), the
// Secret and the env vars that reference it, and no secret value anywhere else.
import assert from "node:assert/strict";
import { createPrivateKey } from "node:crypto";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { byName, ofType, one, ROUTES, type Run, SECRET_VALUES, valueOf } from "../mocks";
import {
  ALL_SECRETS,
  configOf,
  containerOf,
  DIRECTORY_TOKEN,
  HA,
  inputsOf,
  OTHER_POSTGRES,
  POSTGRES,
  randomBase64,
  runAll,
  secretDataOf,
  serviceAccountOf,
  T,
} from "./helpers";

let runs: Record<
  "def" | "ha" | "haOtherSecret" | "routeChanged" | "old" | "v030" | "v031" | "noNetworkPolicy",
  Run
>;
before(async () => {
  runs = await runAll({
    def: {},
    ha: HA,
    haOtherSecret: { ...HA, "okta-pomerium:databrokerConnectionString": OTHER_POSTGRES },
    routeChanged: {
      "okta-pomerium:routes": [ROUTES[0], { ...ROUTES[1], allowEmails: ["b@example.com"] }],
    },
    old: ALL_SECRETS,
    v030: { "okta-pomerium:pomerium": { image: "pomerium/pomerium:v0.30.0" } },
    v031: { "okta-pomerium:pomerium": { image: "pomerium/pomerium:v0.31.0" } },
    noNetworkPolicy: { "okta-pomerium:pomerium": { networkPolicy: { enabled: false } } },
  });
});

const ROUTES_JSON = [
  {
    from: "https://verify.test.example.com",
    to: "https://verify.pomerium.com",
    policy: [{ allow: { or: [{ "claim/groups": "test-admins" }] } }],
    pass_identity_headers: true,
  },
  {
    from: "https://grafana.test.example.com",
    to: "http://grafana.monitoring.svc.cluster.local:3000",
    policy: [{ allow: { or: [{ email: { is: "a@example.com" } }] } }],
  },
];

describe("config.json is exactly the Okta outputs and the routes", () => {
  test("the default, whole and in a fixed key order", async () => {
    const run = runs.def;
    assert.equal(run.error, undefined);
    const issuer = await valueOf(run.outputs!.issuer);
    // The mocks put the issuer on a custom domain: only the server's output can produce it.
    assert.equal(
      issuer,
      `https://id.custom-domain.example/oauth2/${one(run.recording, "okta:auth/server:Server").id}`,
    );
    const clientId = await valueOf(run.outputs!.clientId);
    assert.notEqual(
      clientId,
      one(run.recording, "okta:app/oAuth:OAuth").id,
      "clientId, not the app id",
    );
    const scopes = ["openid", "profile", "email", "offline_access", "pomerium"];
    const expected = {
      authenticate_service_url: "https://authenticate.test.example.com",
      idp_provider: "okta",
      idp_provider_url: issuer,
      idp_client_id: clientId,
      idp_scopes: scopes,
      insecure_server: true,
      address: ":8080",
      metrics_address: ":9090",
      // The unauthenticated internal gRPC listener stays inside the pod.
      grpc_address: "127.0.0.1:5443",
      // No Ingress or HTTPRoute of its own in front: no forwarded address is trusted.
      xff_num_trusted_hops: 0,
      databroker_storage_type: "memory",
      health_check_addr: "0.0.0.0:28080",
      routes: ROUTES_JSON,
    };
    const config = configOf(run);
    assert.deepEqual(config, expected);
    assert.deepEqual(Object.keys(config), Object.keys(expected));
    assert.deepEqual(
      one(run.recording, "okta:auth/serverPolicyRule:ServerPolicyRule").inputs.scopeWhitelists,
      scopes,
      "Pomerium requests exactly the scopes the access rule allows",
    );
    assert.deepEqual(one(run.recording, "okta:app/oAuth:OAuth").inputs.redirectUris, [
      "https://authenticate.test.example.com/oauth2/callback",
    ]);
    assert.deepEqual(Object.keys(inputsOf(run, T.configMap).data), ["config.json"]);
  });

  test("postgres storage: the storage type only (the connection string is a secret)", () => {
    const config = configOf(runs.ha);
    assert.equal(config.databroker_storage_type, "postgres");
    assert.equal("databroker_storage_connection_string" in config, false);
  });

  test("health_check_addr from v0.31.0 on, not before (the kubelet needs it on the pod IP)", () => {
    assert.equal(configOf(runs.v031).health_check_addr, "0.0.0.0:28080");
    assert.equal("health_check_addr" in configOf(runs.v030), false);
    assert.equal("health_check_addr" in configOf(runs.old), false);
  });
});

describe("the Secret and its env vars", () => {
  test("each secret env var refs the Secret, whose value is the provider's output", async () => {
    const run = runs.def;
    const expected: Record<string, [string, string]> = {
      IDP_CLIENT_SECRET: ["idp_client_secret", await valueOf(run.outputs!.clientSecret)],
      SHARED_SECRET: ["shared_secret", await randomBase64(run, "pomerium-shared-secret")],
      COOKIE_SECRET: ["cookie_secret", await randomBase64(run, "pomerium-cookie-secret")],
    };
    const env = (containerOf(run).env as any[]).filter((e) => !("value" in e));
    assert.deepEqual(
      env.map((e) => e.name),
      Object.keys(expected),
    );
    const data = secretDataOf(run);
    for (const e of env) assert.equal(data[e.valueFrom.secretKeyRef.key], expected[e.name][1]);
    assert.deepEqual(
      data,
      Object.fromEntries(Object.values(expected)),
      "the Secret holds these three and nothing else",
    );
    assert.notEqual(data.shared_secret, data.cookie_secret);
    assert.equal(Buffer.from(data.shared_secret, "base64").length, 32);
    const secret = one(run.recording, T.secret);
    assert.equal(secret.inputs.type, "Opaque");
    assert.ok(secret.secretPaths.includes("stringData"), `secretPaths: ${secret.secretPaths}`);
  });

  test("the all-secrets config puts every secret into the Secret, marked secret", async () => {
    const run = runs.old;
    assert.equal(run.error, undefined);
    assert.ok(one(run.recording, T.secret).secretPaths.includes("stringData"));
    assert.deepEqual(secretDataOf(run), {
      idp_client_secret: await valueOf(run.outputs!.clientSecret),
      shared_secret: await randomBase64(run, "pomerium-shared-secret"),
      cookie_secret: await randomBase64(run, "pomerium-cookie-secret"),
      databroker_storage_connection_string: POSTGRES,
      idp_service_account: serviceAccountOf(DIRECTORY_TOKEN),
      signing_key: secretDataOf(run).signing_key,
    });
  });

  test("two replicas before v0.33.0: the signing key is the P-256 key whose scalar is the random seed", async () => {
    const run = runs.old; // v0.19.1, 2 replicas
    const pem = Buffer.from(secretDataOf(run).signing_key, "base64").toString();
    assert.match(pem, /^-----BEGIN EC PRIVATE KEY-----\n/);
    const key = createPrivateKey(pem);
    assert.equal(key.asymmetricKeyDetails?.namedCurve, "prime256v1");
    const seed = Buffer.from(await randomBase64(run, "pomerium-signing-key-seed"), "base64");
    assert.equal((key.export({ format: "jwk" }) as { d: string }).d, seed.toString("base64url"));
    assert.equal("signing_key" in secretDataOf(runs.ha), false, "v0.33.1 derives it itself");
  });

  test("the default image gets no idp_service_account", () => {
    assert.equal("idp_service_account" in secretDataOf(runs.def), false);
    assert.equal("databroker_storage_connection_string" in secretDataOf(runs.def), false);
  });
});

describe("no secret value outside a Secret", () => {
  /** Every secret value of a run: config secrets, provider outputs, derived values, and base64 forms. */
  async function secretsOf(run: Run): Promise<string[]> {
    const values: string[] = [
      ...Object.values(SECRET_VALUES),
      OTHER_POSTGRES,
      serviceAccountOf(DIRECTORY_TOKEN),
      await valueOf(run.outputs!.clientSecret),
    ];
    for (const r of ofType(run.recording, T.randomBytes))
      values.push(await randomBase64(run, r.name));
    // Whatever a Secret holds (the derived signing key too) is a secret value.
    for (const r of ofType(run.recording, T.secret))
      values.push(...Object.values<string>({ ...r.inputs.stringData, ...r.inputs.data }));
    return [...values, ...values.map((v) => Buffer.from(v).toString("base64")), "SECRET-"];
  }

  for (const name of [
    "def",
    "ha",
    "haOtherSecret",
    "routeChanged",
    "old",
    "noNetworkPolicy",
  ] as const) {
    test(`no registration but the Secret carries a secret value (${name})`, async () => {
      const run = runs[name];
      const secrets = await secretsOf(run);
      for (const r of run.recording.registrations) {
        if (r.type === T.secret) continue;
        const inputs = { ...r.inputs };
        if (r.type === "pulumi:providers:okta") {
          delete inputs.apiToken;
          delete inputs.privateKey;
        }
        const text = JSON.stringify({ ...r, inputs });
        for (const s of secrets)
          assert.ok(
            !text.includes(s),
            `${r.type} ${r.name} contains a secret value (${s.slice(0, 8)}…)`,
          );
      }
    });
  }

  test("the Okta provider's credentials are secret inputs", () => {
    assert.deepEqual(byName(runs.def.recording, "okta").secretPaths, ["apiToken"]);
    const provider = runs.old.recording.registrations.find(
      (r) => r.type === "pulumi:providers:okta",
    )!;
    assert.deepEqual(provider.secretPaths, ["privateKey"]);
    assert.equal(provider.inputs.privateKey, SECRET_VALUES["okta:privateKey"]);
  });

  test("the stack outputs keep the secrets secret", async () => {
    assert.equal(await pulumi.isSecret(runs.def.outputs!.clientSecret), true);
    assert.equal(await pulumi.isSecret(runs.old.outputs!.idpServiceAccount!), true);
    assert.equal(
      await valueOf(runs.old.outputs!.idpServiceAccount!),
      serviceAccountOf(DIRECTORY_TOKEN),
    );
    assert.equal(runs.def.outputs!.idpServiceAccount, undefined);
  });
});
