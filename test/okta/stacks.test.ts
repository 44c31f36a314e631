/**
 * Two stacks (qa, unprotected, and live, protected) in one Okta org: no name or label collides, every org-level name
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
      // A protected stack has production's shape (protect-rules.ts).
      ...(protect
        ? {
            "okta-pomerium:pomerium": { replicas: 2, databroker: { storage: "postgres" } },
            "okta-pomerium:databrokerConnectionString": "postgres://u:p@db:5432/p",
            "okta-pomerium:authorizationServer": {
              accessTokenLifetimeMinutes: 30,
              refreshTokenLifetimeMinutes: 1440,
              refreshTokenWindowMinutes: 720,
            },
          }
        : {}),
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
    runs.qa = succeeded(await runProgram(stackConfig("qa", false), "qa"));
    runs.live = succeeded(await runProgram(stackConfig("live", true), "live"));
  });

  test("no Okta name or label collides between an unprotected and a protected stack", () => {
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
    for (const r of oktaResources(runs.qa.recording))
      assert.equal(r.protect, false, `qa ${r.type} ${r.name}`);
    for (const r of oktaResources(runs.live.recording))
      assert.equal(r.protect, true, `live ${r.type} ${r.name}`);
  });

  test("all groups created: no invoke", () => {
    assert.equal(runs.qa.recording.invokes.length, 0);
    assert.equal(runs.live.recording.invokes.length, 0);
  });

  test("each stack's Okta resources use that stack's explicit provider and component", () => {
    assertOktaOwnership(runs.qa.recording, "qa");
    assertOktaOwnership(runs.live.recording, "live");
  });
});
