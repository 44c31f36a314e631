// The CloudflareAccess component under mocks, from hand-written args (no stack settings): every
// child's exact inputs, names, parent and provider; the wiring between them; the client secret
// kept secret; the outputs; refused args; and the message when @pulumi/cloudflare is missing.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { CloudflareAccess } from "../../components/cloudflare/access";
import { evaluate, Recording } from "../../scripts/render/mock-runtime";
import { byName, CLOUDFLARE as CF, ofType, valueOf } from "../mocks";

const ROOT = path.resolve(__dirname, "../../..");
const ACCOUNT = "0123456789abcdef0123456789abcdef";

function build(secret = pulumi.secret("the-client-secret")) {
  const { Provider } = require("@pulumi/cloudflare/provider");
  const provider = new Provider("cf", { apiToken: pulumi.secret("tok") });
  return new CloudflareAccess(
    "access",
    {
      accountId: ACCOUNT,
      identityProvider: {
        name: "Okta (lib)",
        clientId: pulumi.output("0oaCLIENT"),
        clientSecret: secret,
        oktaAccount: "https://dev-1.okta.com",
        authorizationServerId: pulumi.output("ausSERVER"),
      },
      apps: [
        { name: "wiki", domain: "wiki.example.com", allowGroups: ["eng", "ops"] },
        {
          name: "billing",
          domain: "billing.example.com",
          allowGroups: ["finance"],
          sessionDuration: "30m",
          displayName: "Billing",
        },
      ],
    },
    { provider },
  );
}

describe("CloudflareAccess", () => {
  let rec: Recording;
  let access: CloudflareAccess;
  before(async () => {
    ({ recording: rec, result: access } = await evaluate({}, "lib", () => build()));
  });

  test("registers one IdP, and one policy and one application per app, under the component", () => {
    const component = rec.registrations.find((r) => r.type === CF.component)!;
    const children = rec.registrations.filter((r) => r.type.startsWith("cloudflare:"));
    assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
      `${CF.app} access-app-billing`,
      `${CF.app} access-app-wiki`,
      `${CF.idp} access-idp`,
      `${CF.policy} access-policy-billing`,
      `${CF.policy} access-policy-wiki`,
    ]);
    const provider = rec.registrations.find((r) => r.type === CF.provider)!;
    for (const r of children) {
      assert.equal(r.parent, component.urn, r.name);
      assert.ok(r.provider?.startsWith(`${provider.urn}::`), `${r.name}: ${r.provider}`);
    }
  });

  test("the IdP: exact inputs; its config (holding the client secret) secret in and out", () => {
    const idp = byName(rec, "access-idp");
    assert.deepEqual(idp.inputs, {
      accountId: ACCOUNT,
      name: "Okta (lib)",
      type: "okta",
      config: {
        clientId: "0oaCLIENT",
        clientSecret: "the-client-secret",
        oktaAccount: "https://dev-1.okta.com",
        authorizationServerId: "ausSERVER",
        claims: ["groups"],
        pkceEnabled: true,
      },
    });
    assert.deepEqual(idp.secretPaths, ["config"]);
    assert.deepEqual(idp.additionalSecretOutputs, ["config"]);
  });

  test("each policy allows the app's Okta groups by name, on this IdP", () => {
    const idp = byName(rec, "access-idp");
    assert.deepEqual(byName(rec, "access-policy-wiki").inputs, {
      accountId: ACCOUNT,
      name: "wiki",
      decision: "allow",
      includes: [
        { okta: { identityProviderId: idp.id, name: "eng" } },
        { okta: { identityProviderId: idp.id, name: "ops" } },
      ],
      sessionDuration: "24h",
    });
    assert.deepEqual(byName(rec, "access-policy-billing").inputs.includes, [
      { okta: { identityProviderId: idp.id, name: "finance" } },
    ]);
    assert.equal(byName(rec, "access-policy-billing").inputs.name, "Billing");
    // The policy's duration wins over the application's: the given one reaches both.
    assert.equal(byName(rec, "access-policy-billing").inputs.sessionDuration, "30m");
  });

  test("each application names this IdP and its own policy; default and given sessions", () => {
    const idp = byName(rec, "access-idp");
    const app = (n: string) => byName(rec, `access-app-${n}`);
    assert.deepEqual(app("wiki").inputs, {
      accountId: ACCOUNT,
      name: "wiki",
      type: "self_hosted",
      domain: "wiki.example.com",
      allowedIdps: [idp.id],
      autoRedirectToIdentity: true,
      policies: [{ id: byName(rec, "access-policy-wiki").id, precedence: 1 }],
      sessionDuration: "24h",
    });
    assert.deepEqual(app("billing").inputs.policies, [
      { id: byName(rec, "access-policy-billing").id, precedence: 1 },
    ]);
    assert.equal(app("billing").inputs.sessionDuration, "30m");
    for (const r of ofType(rec, CF.app)) assert.deepEqual(r.secretPaths, []);
  });

  test("outputs: the IdP id, and per app (in order) its application id, AUD and policy id", async () => {
    assert.equal(await valueOf(access.identityProviderId), byName(rec, "access-idp").id);
    const ids = ["wiki", "billing"].map((n) => byName(rec, `access-app-${n}`).id);
    assert.deepEqual(await valueOf(access.applicationIds), ids);
    const auds = await valueOf(access.applicationAuds);
    assert.equal(auds.length, 2);
    for (const a of auds) assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(auds[0], auds[1]);
    assert.deepEqual(
      await valueOf(access.policyIds),
      ["wiki", "billing"].map((n) => byName(rec, `access-policy-${n}`).id),
    );
  });

  test("fails when an app is listed twice or its name cannot name a resource", async () => {
    const { result } = await evaluate({}, "lib", () => {
      try {
        return new CloudflareAccess("bad", {
          accountId: ACCOUNT,
          identityProvider: { name: "x", clientId: "c", clientSecret: "s", oktaAccount: "o" },
          apps: [
            { name: "wiki", domain: "a.example.com", allowGroups: ["g"] },
            { name: "wiki", domain: "b.example.com", allowGroups: ["g"] },
            { name: "Docs", domain: "c.example.com", allowGroups: ["g"] },
          ],
        });
      } catch (e) {
        return e as Error;
      }
    });
    assert.ok(result instanceof pulumi.ResourceError);
    assert.equal(
      (result as Error).message,
      `CloudflareAccess "bad": app "wiki" is listed twice; app name "Docs" must be lower-case letters, digits and '-' (it names resources)`,
    );
  });

  test("fails when @pulumi/cloudflare is not installed: says how to install it", () => {
    const script = `
      const Module = require("module");
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request.startsWith("@pulumi/cloudflare")) {
          const e = new Error("Cannot find module '" + request + "'"); e.code = "MODULE_NOT_FOUND"; throw e;
        }
        return resolve.call(this, request, ...rest);
      };
      const { cloudflareSdk } = require(${JSON.stringify(path.join(ROOT, "bin/components/cloudflare/sdk.js"))});
      try { cloudflareSdk(); console.log("loaded"); } catch (e) { console.log(e.message); }`;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout.trim(),
      "Cloudflare Access needs the @pulumi/cloudflare package (6.x), an optional peer dependency of okta-pomerium: run `npm install @pulumi/cloudflare@6`",
    );
  });
});
