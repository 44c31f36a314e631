/**
 * Two stacks (dev and prod) in one Okta org: no name or label collides, every org-level name
 * carries its stack, `protect` follows each stack's setting, each stack has its own provider.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  assertOktaOwnership,
  baseConfig,
  oktaResources,
  Run,
  runProgram,
  succeeded,
} from "../mocks";

describe("two stacks in one Okta org", () => {
  const stackConfig = (stack: string, protect: boolean) =>
    baseConfig({
      "okta-pomerium:authenticateUrl": `https://authenticate.${stack}.example.com`,
      "okta-pomerium:protect": protect,
      "okta-pomerium:groups": [
        { name: `${stack}-admins`, create: true },
        { name: `pomerium-${stack}-users`, create: true },
      ],
      "okta-pomerium:routes": [
        {
          from: `https://app.${stack}.example.com`,
          to: "http://app.apps.svc.cluster.local:8080",
          allowGroups: [`${stack}-admins`],
        },
      ],
    });
  const runs: Record<string, Run> = {};

  before(async () => {
    runs.dev = succeeded(await runProgram(stackConfig("dev", false), "dev"));
    runs.prod = succeeded(await runProgram(stackConfig("prod", true), "prod"));
  });

  test("no Okta name or label collides between dev and prod", () => {
    // Scope, claim, policy and rule names are unique per authorization server (and rules per
    // policy), so each name is qualified by the *name* of the server/policy it belongs to.
    const seen = new Map<string, string>();
    let count = 0;
    for (const [stack, run] of Object.entries(runs)) {
      const regs = oktaResources(run.recording);
      const nameOfId = (id: string) => regs.find((r) => r.id === id)?.inputs.name as string;
      for (const r of regs) {
        const container = r.inputs.authServerId
          ? `server ${nameOfId(r.inputs.authServerId)}${r.inputs.policyId ? ` policy ${nameOfId(r.inputs.policyId)}` : ""}`
          : "org";
        for (const field of ["name", "label"] as const) {
          const value = r.inputs[field];
          if (value === undefined) continue;
          count++;
          const key = `${container} | ${r.type} | ${field}=${value}`;
          assert.ok(!seen.has(key), `${key} is used by both ${seen.get(key)} and ${stack}`);
          seen.set(key, stack);
          if (container === "org")
            assert.ok(String(value).includes(stack), `${key} does not carry the stack ${stack}`);
        }
      }
    }
    // app label, server, scope, claim, policy, rule and two groups, per stack.
    assert.equal(count, 16);
  });

  test("protect follows each stack's setting on every Okta resource", () => {
    for (const r of oktaResources(runs.dev.recording))
      assert.equal(r.protect, false, `dev ${r.type} ${r.name}`);
    for (const r of oktaResources(runs.prod.recording))
      assert.equal(r.protect, true, `prod ${r.type} ${r.name}`);
  });

  test("all groups created: no invoke", () => {
    assert.equal(runs.dev.recording.invokes.length, 0);
    assert.equal(runs.prod.recording.invokes.length, 0);
  });

  test("each stack's Okta resources use that stack's explicit provider and component", () => {
    assertOktaOwnership(runs.dev.recording, "dev");
    assertOktaOwnership(runs.prod.recording, "prod");
  });
});
