// The policy pack's policies over every stack file, whatever they are (the same functions `pulumi
// preview --policy-pack policy` runs), and each one failing when it should.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program } from "../../stack/program";
import { evaluate, Recording } from "../../scripts/render/mock-runtime";
import {
  DEFAULT_POLICY_CONFIG,
  PolicyResource,
  productionProtected,
  stackOf,
  violations,
} from "../../policy/policies";
import { checkedStacks, CheckedStack, configOf, template } from "../stack-files";

async function planned(
  s: CheckedStack,
  override: Record<string, string> = {},
): Promise<PolicyResource[]> {
  const { config } = configOf(s);
  const { recording } = await evaluate({ ...config, ...override }, s.stack, () => program());
  return toPolicy(recording);
}

const toPolicy = (rec: Recording): PolicyResource[] =>
  rec.registrations
    .filter((r) => r.custom)
    .map((r) => ({ type: r.type, props: r.inputs, urn: r.urn, protect: r.protect }));

describe("policy pack", () => {
  for (const s of checkedStacks()) {
    test(`${s.label} passes every policy`, async () => {
      assert.deepEqual(violations(await planned(s)), []);
    });
  }

  test("no stack is production by name: the default config lists none", () =>
    assert.deepEqual(DEFAULT_POLICY_CONFIG, { productionStacks: [] }));

  test("fails when a stack listed as production leaves its identity resources unprotected", async () => {
    const resources = await planned(template("production"), { "okta-pomerium:protect": "false" });
    assert.deepEqual(violations(resources), [], "not listed: a per-stack decision");
    const found = violations(resources, { productionStacks: ["production"] });
    // The app, the authorization server, the two created groups and the namespace; nothing else.
    const urn = (parent: string, type: string, name: string) =>
      `urn:pulumi:production::okta-pomerium::okta-pomerium:index:${parent}$${type}::${name}`;
    const unprotected = (parent: string, type: string, name: string) =>
      `production-protect: ${urn(parent, type, name)}: ${type} must be protected in production stack "production": set okta-pomerium:protect: true`;
    const group = (g: string) =>
      unprotected("OktaGroups", "okta:group/group:Group", `okta-group-pomerium-production-${g}`);
    assert.deepEqual(
      found.sort(),
      [
        unprotected("OktaApp", "okta:app/oAuth:OAuth", "okta-app"),
        unprotected("OktaAuthorizationServer", "okta:auth/server:Server", "okta-server"),
        group("admins"),
        group("developers"),
        unprotected("Pomerium", "kubernetes:core/v1:Namespace", "pomerium-namespace"),
      ].sort(),
    );
    const kept = await planned(template("production"));
    assert.deepEqual(violations(kept, { productionStacks: ["production"] }), []);
  });

  test("fails when a production stack leaves a Cloudflare Access application or its IdP unprotected", () => {
    const config = { productionStacks: ["live"] };
    for (const type of [
      "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
      "cloudflare:index/zeroTrustAccessIdentityProvider:ZeroTrustAccessIdentityProvider",
    ]) {
      const r = {
        type,
        props: {},
        urn: `urn:pulumi:live::okta-pomerium::${type}::a`,
        protect: false,
      };
      assert.deepEqual(productionProtected(r, config), [
        `${type} must be protected in production stack "live": set okta-pomerium:protect: true`,
      ]);
      assert.deepEqual(productionProtected({ ...r, protect: true }, config), []);
    }
  });

  test("production is a per-stack decision: an unprotected stack not listed passes", () => {
    const app = {
      type: "okta:app/oAuth:OAuth",
      props: {},
      urn: "urn:pulumi:qa::okta-pomerium::okta:app/oAuth:OAuth::a",
      protect: false,
    };
    assert.deepEqual(productionProtected(app, { productionStacks: ["live"] }), []);
    assert.equal(
      productionProtected(
        { ...app, urn: app.urn.replace(":qa:", ":live:") },
        { productionStacks: ["live"] },
      ).length,
      1,
    );
    assert.equal(stackOf("urn:pulumi:live::okta-pomerium::x::y"), "live");
  });

  test("fails when the pods lose their hardening, the image its pin, or a container its limits", async () => {
    const resources = await planned(template("quickstart"));
    const deploy = resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    const c = deploy.props.spec.template.spec.containers[0];
    c.securityContext.allowPrivilegeEscalation = true;
    c.image = "pomerium/pomerium:latest";
    delete c.resources.limits;
    const at =
      "urn:pulumi:quickstart::okta-pomerium::okta-pomerium:index:Pomerium$kubernetes:apps/v1:Deployment::pomerium-deployment: kubernetes:apps/v1:Deployment pomerium-quickstart: containers[0] pomerium";
    assert.deepEqual(violations(resources), [
      `pod-security-restricted: ${at}: securityContext.allowPrivilegeEscalation must be false`,
      `image-pinned: ${at}: image pomerium/pomerium:latest uses the moving latest tag; pin a version`,
      `resource-limits: ${at}: resources.limits.cpu is not set`,
      `resource-limits: ${at}: resources.limits.memory is not set`,
    ]);
  });

  test("fails when a ConfigMap carries a secret or the NetworkPolicy is gone", async () => {
    const resources = (await planned(template("quickstart"))).filter(
      (r) => r.type !== "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    );
    const cm = resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap")!;
    const file = JSON.parse(cm.props.data["config.json"]);
    cm.props.data["config.json"] = JSON.stringify(
      { ...file, idp_client_secret: "hunter2-very-secret" },
      null,
      2,
    );
    const cmUrn =
      "urn:pulumi:quickstart::okta-pomerium::okta-pomerium:index:Pomerium$kubernetes:core/v1:ConfigMap::pomerium-config";
    assert.deepEqual(violations(resources), [
      `no-secrets-in-configmaps: ${cmUrn}: kubernetes:core/v1:ConfigMap pomerium-quickstart-config: data key config.json: contains a secret-looking assignment (password=, token:, …_secret:) at idp_client_secret; put it in a Secret`,
      "network-policy-present: kubernetes:apps/v1:Deployment pomerium-quickstart: no NetworkPolicy in namespace pomerium-quickstart selects its pods",
    ]);
  });
});
