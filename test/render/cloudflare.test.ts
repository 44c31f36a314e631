// `npm run render` with Cloudflare Access: cloudflare.yaml (the IdP, policies, applications and the
// provider, the token and the Okta client secret redacted, the rest readable), the graph with the
// Cloudflare resources, byte-identical reruns, and no cloudflare.yaml (nor a stale one) without it.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import { parse } from "yaml";
import { CF_SECTION, CLOUDFLARE as CF, ROUTES, SECRET_VALUES } from "../mocks";
import { projectWith, render } from "./cli";

const TOKEN = SECRET_VALUES["cloudflare:apiToken"];
const STACK: Record<string, unknown> = {
  "okta:orgName": "dev-123456",
  "okta:baseUrl": "okta.com",
  "okta:apiToken": { secure: "v1:AAAAokta" },
  "okta-pomerium:authenticateUrl": "https://authenticate.test.example.com",
  "okta-pomerium:groups": [
    { name: "test-admins", id: "00g1a2b3c4d5e6f7g8h9" },
    { name: "Everyone Engineering" },
  ],
  "okta-pomerium:routes": [ROUTES[0]],
  "okta-pomerium:cloudflareAccess": CF_SECTION,
  "cloudflare:apiToken": { secure: TOKEN },
};

describe("render with cloudflareAccess", () => {
  let out: string;
  let dir: string;
  let first: ReturnType<typeof render>;
  let doc: { resources: any[]; invokes: any[] };
  before(() => {
    dir = projectWith(STACK);
    out = path.join(dir, "out");
    first = render(dir, out);
    doc = parse(readFileSync(path.join(out, "tmp/cloudflare.yaml"), "utf8"));
  });

  test("writes cloudflare.yaml beside the three files; the summary counts its types", () => {
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(readdirSync(path.join(out, "tmp")).sort(), [
      "cloudflare.yaml",
      "graph.mmd",
      "kubernetes.yaml",
      "okta.yaml",
    ]);
    assert.match(first.stdout, /zeroTrustAccessPolicy:ZeroTrustAccessPolicy\s+2/);
    assert.match(first.stdout, /cloudflare.yaml/);
  });

  test("cloudflare.yaml: the provider, the IdP, a policy and an application per app, sorted", () => {
    assert.deepEqual(
      doc.resources.map((r) => `${r.type} ${r.name}`),
      [
        `${CF.app} cloudflare-app-billing`,
        `${CF.app} cloudflare-app-wiki`,
        `${CF.idp} cloudflare-idp`,
        `${CF.policy} cloudflare-policy-billing`,
        `${CF.policy} cloudflare-policy-wiki`,
        `${CF.provider} cloudflare`,
      ],
    );
    assert.deepEqual(doc.invokes, []);
    const okta = parse(readFileSync(path.join(out, "tmp/okta.yaml"), "utf8"));
    assert.ok(okta.invokes.every((i: any) => i.token.startsWith("okta:")));
    assert.ok(okta.resources.every((r: any) => !r.type.includes("cloudflare")));
  });

  test("secrets redacted (the token, the IdP's client secret); the IdP's other fields readable", () => {
    const text = readFileSync(path.join(out, "tmp/cloudflare.yaml"), "utf8");
    assert.ok(!text.includes(TOKEN));
    assert.doesNotMatch(text, /mock-client-secret/);
    const provider = doc.resources.find((r) => r.type === CF.provider);
    assert.deepEqual(provider.inputs, { apiToken: "<redacted>" });
    const config = doc.resources.find((r) => r.type === CF.idp).inputs.config;
    assert.equal(config.clientSecret, "<redacted>");
    assert.match(config.clientId, /^0oa/);
    assert.equal(config.oktaAccount, "https://dev-123456.okta.com");
    assert.match(config.authorizationServerId, /^aus/);
    for (const f of readdirSync(path.join(out, "tmp")))
      assert.ok(!readFileSync(path.join(out, "tmp", f), "utf8").includes(TOKEN), f);
  });

  test("the graph includes the Cloudflare resources and their dependencies", () => {
    const graph = readFileSync(path.join(out, "tmp/graph.mmd"), "utf8");
    const node = (name: string) => graph.match(new RegExp(`(n\\d+)\\["${name}<br/>`))?.[1];
    for (const n of ["cloudflare-idp", "cloudflare-policy-wiki", "cloudflare-app-wiki"])
      assert.ok(node(n), n);
    assert.ok(graph.includes(`${node("cloudflare-idp")} --> ${node("cloudflare-policy-wiki")}`));
    assert.ok(
      graph.includes(`${node("cloudflare-policy-wiki")} --> ${node("cloudflare-app-wiki")}`),
    );
    assert.ok(graph.includes(`${node("okta-cloudflare-app")} --> ${node("cloudflare-idp")}`));
  });

  test("a rerun is byte-identical; without the section there is no cloudflare.yaml, stale or new", () => {
    const before = readFileSync(path.join(out, "tmp/cloudflare.yaml"), "utf8");
    assert.equal(render(dir, out).status, 0);
    assert.equal(readFileSync(path.join(out, "tmp/cloudflare.yaml"), "utf8"), before);
    const { "okta-pomerium:cloudflareAccess": _, "cloudflare:apiToken": __, ...without } = STACK;
    void [_, __];
    const plain = projectWith(without);
    // Rendered into the same out directory: the earlier cloudflare.yaml goes.
    const run = render(plain, out);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(existsSync(path.join(out, "tmp/cloudflare.yaml")), false);
    assert.doesNotMatch(readFileSync(path.join(out, "tmp/graph.mmd"), "utf8"), /cloudflare/);
  });
});
