// Keyless Pulumi Cloud sign-in (pulumi/auth-actions: a GitHub OIDC id_token exchanged for a
// short-lived Pulumi token, the static PULUMI_ACCESS_TOKEN as the fallback) and the policy pack in
// every preview and up.
import assert from "node:assert/strict";
import { test } from "node:test";
import { calledWorkflow, isPulumiAction, REUSABLE, Step, workflow, WORKFLOWS } from "./workflows";

const steps = (): Step[] => Object.values(workflow(REUSABLE).wf.jobs).flatMap((j) => j.steps ?? []);
const index = (pred: (s: Step) => boolean) => steps().findIndex(pred);

test("the OIDC sign-in runs before pulumi unless PULUMI_AUTH is `token`, and only the pulumi step gets the token", () => {
  const auth = steps().find((s) => s.uses === "pulumi/auth-actions@v2");
  assert.ok(auth, "no pulumi/auth-actions@v2 step");
  assert.equal(auth.id, "pulumi-auth");
  assert.equal(auth.if, "vars.PULUMI_AUTH != 'token'");
  assert.deepEqual(auth.with, {
    organization: "${{ vars.PULUMI_ORG }}",
    "requested-token-type":
      "${{ vars.PULUMI_TEAM && 'urn:pulumi:token-type:access_token:team' || 'urn:pulumi:token-type:access_token:organization' }}",
    scope: "${{ vars.PULUMI_TEAM && format('team:{0}', vars.PULUMI_TEAM) || '' }}",
    "export-environment-variables": false,
  });
  assert.ok(index((s) => s === auth) < index(isPulumiAction));
  const pulumi = steps().find(isPulumiAction)!;
  assert.equal(
    pulumi.env?.["PULUMI_ACCESS_TOKEN"],
    "${{ steps.pulumi-auth.outputs.pulumi-access-token || secrets.PULUMI_ACCESS_TOKEN }}",
  );
  // Without an organization the OIDC exchange cannot work: said up front, with both fixes.
  assert.match(
    workflow(REUSABLE).text,
    /if \[ "\$PULUMI_AUTH" != token \] && \[ -z "\$PULUMI_ORG" \]; then/,
  );
});

test("every job that calls the reusable workflow grants id-token: write (OIDC needs it)", () => {
  let calls = 0;
  for (const w of WORKFLOWS.values())
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      if (calledWorkflow(j)?.file !== REUSABLE) continue;
      calls++;
      assert.equal(
        (j.permissions as Record<string, string>)?.["id-token"],
        "write",
        `${w.rel} ${id}`,
      );
    }
  assert.equal(calls, 2);
});

test("the policy pack is installed and run by every preview and up (mandatory policies fail the job)", () => {
  const install = index(
    (s) =>
      s.run === "npm ci" &&
      s.with === undefined &&
      (s as { "working-directory"?: string })["working-directory"] === "policy",
  );
  assert.ok(install >= 0, "no `npm ci` in policy/");
  const pulumi = steps().find(isPulumiAction)!;
  assert.equal(pulumi.with?.["policyPacks"], "policy");
  assert.equal(pulumi.if, undefined, "the same step for preview and up");
  assert.equal(pulumi.with?.["command"], "${{ inputs.command }}");
  assert.ok(install < index(isPulumiAction));
});
