// The policy pack's policies over every committed stack (the same functions `pulumi preview
// --policy-pack policy` runs), and each one failing when it should.
import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { program } from "../components/program";
import { evaluate, Recording } from "../scripts/render/mock-runtime";
import { readStackConfig } from "../scripts/render/stack-config";
import { PolicyResource, productionProtected, stackOf, violations } from "../policy/policies";

const ROOT = path.resolve(__dirname, "../..");

async function planned(
  stack: string,
  override: Record<string, string> = {},
): Promise<PolicyResource[]> {
  const { config } = readStackConfig(ROOT, stack);
  const { recording } = await evaluate({ ...config, ...override }, stack, () => program());
  return toPolicy(recording);
}

const toPolicy = (rec: Recording): PolicyResource[] =>
  rec.registrations
    .filter((r) => r.custom)
    .map((r) => ({ type: r.type, props: r.inputs, urn: r.urn, protect: r.protect }));

describe("policy pack", () => {
  for (const stack of ["dev", "staging", "prod"]) {
    test(`${stack} passes every policy`, async () => {
      assert.deepEqual(violations(await planned(stack)), []);
    });
  }

  test("fails when a production stack leaves its identity resources unprotected", async () => {
    const found = violations(await planned("prod", { "okta-pomerium:protect": "false" }));
    const protect = found.filter((v) => v.startsWith("production-protect:"));
    // The app, the authorization server, the two created groups and the namespace.
    assert.equal(protect.length, 5, found.join("\n"));
    assert.match(protect[0], /must be protected in production stack "prod"/);
  });

  test("production is a per-stack decision: an unprotected dev stack passes", () => {
    const app = {
      type: "okta:app/oAuth:OAuth",
      props: {},
      urn: "urn:pulumi:dev::okta-pomerium::okta:app/oAuth:OAuth::a",
      protect: false,
    };
    assert.deepEqual(productionProtected(app, { productionStacks: ["prod"] }), []);
    assert.equal(
      productionProtected(
        { ...app, urn: app.urn.replace(":dev:", ":prod:") },
        { productionStacks: ["prod"] },
      ).length,
      1,
    );
    assert.equal(stackOf("urn:pulumi:prod::okta-pomerium::x::y"), "prod");
  });

  test("fails when the pods lose their hardening, the image its pin, or a container its limits", async () => {
    const resources = await planned("dev");
    const deploy = resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    const c = deploy.props.spec.template.spec.containers[0];
    c.securityContext.allowPrivilegeEscalation = true;
    c.image = "pomerium/pomerium:latest";
    delete c.resources.limits;
    const found = violations(resources).map((v) => v.split(":")[0]);
    assert.ok(
      found.includes("pod-security-restricted") &&
        found.includes("image-pinned") &&
        found.includes("resource-limits"),
      found.join(),
    );
  });

  test("fails when a ConfigMap carries a secret or the NetworkPolicy is gone", async () => {
    const resources = (await planned("dev")).filter(
      (r) => r.type !== "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    );
    const cm = resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap")!;
    const file = JSON.parse(cm.props.data["config.json"]);
    cm.props.data["config.json"] = JSON.stringify(
      { ...file, idp_client_secret: "hunter2-very-secret" },
      null,
      2,
    );
    const found = violations(resources).map((v) => v.split(":")[0]);
    assert.ok(
      found.includes("no-secrets-in-configmaps") && found.includes("network-policy-present"),
      found.join(),
    );
  });
});
