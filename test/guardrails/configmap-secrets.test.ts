// The ConfigMap secret scan (components/configmap-secrets.ts), without mocks: what it finds, in
// YAML-ish text and in JSON key by key, what it lets through, and that it never repeats a secret.
// (Every recorded ConfigMap passes it: test/guardrails/workloads.test.ts, policy-pack.test.ts.)
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { noSecretsInConfigMaps } from "../../policy/guardrails";

const withData = (data: Record<string, string>) => ({
  type: "kubernetes:core/v1:ConfigMap",
  props: { metadata: { name: "pomerium" }, data },
});

describe("no secrets in ConfigMaps", () => {
  test("fails when a ConfigMap carries a secret, without repeating it", () => {
    const known = "SECRET-directory-token-5d2e";
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ "app.env": "DB_PASSWORD=hunter2" }, /secret-looking assignment/],
      [{ "config.yaml": "shared_secret: c2VjcmV0" }, /secret-looking assignment/],
      [{ "config.json": '{\n  "shared_secret": "c2VjcmV0"\n}' }, /secret-looking assignment/],
      [
        {
          "config.json": JSON.stringify({
            routes: [
              { from: "https://a.example.com", set_request_headers: { "X-Api-Token": "abc" } },
            ],
          }),
        },
        /secret-looking assignment .*at routes\[0\]\.set_request_headers\.X-Api-Token;/,
      ],
      [{ "key.pem": "-----BEGIN RSA PRIVATE KEY-----\nMIIE..." }, /PEM private key/],
      [{ "db.url": "postgres://u:p4ss@db:5432/x" }, /URL with a password/],
      [{ api_token: "abc" }, /named like a secret/],
      [{ "notes.txt": `see ${known}` }, /secret value #1/],
    ];
    for (const [data, expected] of cases) {
      const violations = noSecretsInConfigMaps(withData(data), [known]);
      assert.ok(
        violations.some((v) => expected.test(v)),
        `${expected}: ${JSON.stringify(violations)}`,
      );
      assert.ok(!violations.join().includes(known), "a violation never repeats the secret");
    }
    // Options that only name a secret's file or format are not secrets.
    const benign =
      "bearer_token_format: idp_access_token\nshared_secret_file: /run/secrets/shared\nto: http://grafana:3000\n";
    assert.deepEqual(noSecretsInConfigMaps(withData({ "config.yaml": benign }), [known]), []);
    const benignJson = JSON.stringify({
      bearer_token_format: "idp_access_token",
      shared_secret_file: "/run/secrets/shared",
      to: "http://grafana:3000",
    });
    assert.deepEqual(noSecretsInConfigMaps(withData({ "config.json": benignJson }), [known]), []);
    // Pomerium placeholders are not literals, and a host named "token" is not an assignment.
    const placeholders = JSON.stringify({
      routes: [
        {
          from: "https://a.example.com",
          to: "http://token:8080",
          set_request_headers: { "X-Api-Token": "${pomerium.access_token}" },
        },
      ],
    });
    assert.deepEqual(noSecretsInConfigMaps(withData({ "config.json": placeholders }), [known]), []);
    assert.deepEqual(
      noSecretsInConfigMaps(withData({ "h.yaml": "X-Api-Token: ${pomerium.id_token}" }), []),
      [],
    );
  });

  test("finds a known secret in JSON data even where JSON escapes it", () => {
    const secret = 'pa"ss\\word-with-quote';
    const data = { "config.json": JSON.stringify({ note: `x ${secret} y` }) };
    assert.deepEqual(noSecretsInConfigMaps(withData(data), [secret]), [
      "kubernetes:core/v1:ConfigMap pomerium: data key config.json: contains secret value #1; put it in a Secret",
    ]);
  });
});
