// Pre-made Pomerium secrets (a team's own secret manager): the components take them as secret
// inputs instead of @pulumi/random's, the settings as secret values only, each checked for the
// shape Pomerium reads; rotating one rolls the Deployment, and no annotation carries a value. In
// ingress-controller mode they are refused: the controller installation's bootstrap Secret holds them.
import assert from "node:assert/strict";
import { createECDH, generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { premadeSecretProblem } from "../../components/pomerium/premade-secrets";
import { signingKeyPem } from "../../components/pomerium/signing-key";
import { evaluate } from "../../scripts/render/mock-runtime";
import { program } from "../../stack/program";
import { SECRET_FULL_KEYS } from "../../stack/settings/parse";
import { baseConfig, ofType, refused } from "../mocks";
import { T } from "./helpers";

const b64 = (n: number) => randomBytes(n).toString("base64");
const SHARED = b64(32);
const COOKIE = b64(32);
const ec = createECDH("prime256v1");
ec.generateKeys();
const SIGNING = Buffer.from(signingKeyPem(ec.getPrivateKey())).toString("base64");
const KEYS = {
  "okta-pomerium:pomeriumSharedSecret": SHARED,
  "okta-pomerium:pomeriumCookieSecret": COOKIE,
  "okta-pomerium:pomeriumSigningKey": SIGNING,
};

/** The program with the pre-made secrets stored `secure:` (as `pulumi config set --secret`). */
async function run(values: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const config = { ...baseConfig(overrides), ...values };
  const { recording, result } = await evaluate(config, "test", () => program(), {
    strict: true,
    // Every credential in the config stored `secure:`, as the pre-flight requires.
    secretKeys: Object.keys(config).filter((k) => SECRET_FULL_KEYS.has(k)),
  });
  return { recording, result };
}
const IN_CLUSTER = {
  "okta-pomerium:routes": [
    {
      from: "https://a.test.example.com",
      to: "http://a.apps.svc:80",
      allowGroups: ["test-admins"],
    },
  ],
  "okta-pomerium:pomerium": { mode: "ingress-controller" },
};

describe("premadeSecretProblem", () => {
  test("shared and cookie secrets: base64 of exactly 32 bytes (31, 33, empty and non-base64 refused)", () => {
    assert.equal(premadeSecretProblem("sharedSecret", b64(32)), undefined);
    for (const v of [b64(31), b64(33), "", "not base64!", "abc"])
      assert.ok(premadeSecretProblem("cookieSecret", v), JSON.stringify(v));
    assert.match(premadeSecretProblem("sharedSecret", b64(31))!, /decodes to 31\)/);
  });

  test("signing key: base64 of a PEM P-256 key; an RSA key, a P-384 key and a non-PEM are refused", () => {
    assert.equal(premadeSecretProblem("signingKey", SIGNING), undefined);
    const pem = (type: "rsa" | "ec", opts: object) =>
      Buffer.from(
        generateKeyPairSync(
          type as any,
          {
            ...opts,
            privateKeyEncoding: { type: "pkcs8", format: "pem" },
            publicKeyEncoding: { type: "spki", format: "pem" },
          } as any,
        ).privateKey as unknown as string,
      ).toString("base64");
    assert.match(
      premadeSecretProblem("signingKey", pem("rsa", { modulusLength: 1024 }))!,
      /rsa key/,
    );
    assert.match(
      premadeSecretProblem("signingKey", pem("ec", { namedCurve: "secp384r1" }))!,
      /P-256/,
    );
    assert.match(premadeSecretProblem("signingKey", b64(32))!, /does not decode to a PEM/);
    for (const bad of [SHARED, b64(31), "x"])
      assert.ok(!premadeSecretProblem("signingKey", bad)!.includes(bad));
  });
});

describe("the settings", () => {
  test("fails when a pre-made secret is in plain text, naming the key and the --secret command", () => {
    const err = refused({ ...baseConfig(), ...KEYS }, "test", []);
    for (const key of Object.keys(KEYS)) {
      const p = err.problems.find((x) => x.path === key)!;
      assert.match(p.message, /plain text/);
      assert.match(p.message, new RegExp(`pulumi config set --secret ${key} `));
    }
    assert.ok(!err.message.includes(SHARED) && !err.message.includes(SIGNING));
  });

  test("fails when a stored secret has the wrong shape, without echoing it", () => {
    const bad = b64(16);
    const key = "okta-pomerium:pomeriumCookieSecret";
    const err = refused({ ...baseConfig(), [key]: bad }, "test", [key, "okta:apiToken"]);
    assert.deepEqual(
      err.problems.map((p) => p.path),
      [key],
    );
    assert.match(
      err.problems[0].message,
      /^is not valid: must be base64 of exactly 32 random bytes/,
    );
    assert.ok(!err.message.includes(bad));
  });
});

describe("all-in-one mode", () => {
  test("the given values reach the Secret; no RandomBytes for them; SIGNING_KEY is passed", async () => {
    const { recording, result } = await run(KEYS);
    assert.ok(!(result instanceof Error), String(result));
    const data = ofType(recording, T.secret)[0].inputs.stringData;
    assert.equal(data.shared_secret, SHARED);
    assert.equal(data.cookie_secret, COOKIE);
    assert.equal(data.signing_key, SIGNING);
    assert.deepEqual(ofType(recording, T.randomBytes), []);
    const env = ofType(recording, T.deployment)[0].inputs.spec.template.spec.containers[0].env;
    assert.ok(env.some((e: any) => e.name === "SIGNING_KEY"));
  });

  test("rotating one rolls the Deployment; the checksum carries no value of a secret", async () => {
    const checksum = async (values: Record<string, string>) => {
      const { recording } = await run(values);
      const d = ofType(recording, T.deployment)[0].inputs;
      const a = d.spec.template.metadata.annotations["okta-pomerium/secrets-checksum"];
      for (const v of Object.values(values)) assert.ok(!JSON.stringify(d).includes(v));
      return a;
    };
    const before = await checksum(KEYS);
    assert.equal(await checksum(KEYS), before);
    for (const key of Object.keys(KEYS)) {
      const rotated = key.endsWith("SigningKey")
        ? Buffer.from(signingKeyPem(randomBytes(32))).toString("base64")
        : b64(32);
      assert.notEqual(await checksum({ ...KEYS, [key]: rotated }), before, key);
    }
  });
});

describe("ingress-controller mode", () => {
  test("each pre-made secret is refused, naming the key and the installation's bootstrap Secret", () => {
    const stored = [...Object.keys(KEYS), "okta:apiToken"];
    const err = refused({ ...baseConfig(IN_CLUSTER), ...KEYS }, "test", stored);
    assert.deepEqual(err.problems.map((p) => p.path).sort(), Object.keys(KEYS).sort());
    for (const p of err.problems)
      assert.match(
        p.message,
        /^is set, but pomerium.mode is ingress-controller: .*pomerium\/bootstrap/,
      );
    assert.ok(!err.message.includes(SHARED) && !err.message.includes(SIGNING));
    // One alone is refused alone; all-in-one takes them (above).
    const one = "okta-pomerium:pomeriumSigningKey";
    const single = refused({ ...baseConfig(IN_CLUSTER), [one]: SIGNING }, "test", [
      one,
      "okta:apiToken",
    ]);
    assert.deepEqual(
      single.problems.map((p) => p.path),
      [one],
    );
  });

  test("no bootstrap Secret and no random bytes: the installation's bootstrap Secret is Pomerium's", async () => {
    const { recording, result } = await run({}, IN_CLUSTER);
    assert.ok(!(result instanceof Error), String(result));
    assert.deepEqual(ofType(recording, T.randomBytes), []);
    assert.deepEqual(
      ofType(recording, T.secret).map((r) => r.name),
      ["pomerium-idp-secret"],
    );
  });
});
