/**
 * How the Okta resources hang together and reach Pomerium: ids passed between resources, the
 * outputs Okta reports (the app's clientId, the server's issuer) carried into the policy and into
 * Pomerium's config file, one scope list for the rule and `idp_scopes`, and the explicit provider
 * and component parent of every resource.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  assertOktaOwnership,
  baseConfig,
  OKTA as T,
  oktaCustomConfig,
  one,
  pomeriumConfigFile,
  Recording,
  reportedState,
  runProgram,
  Succeeded,
  succeeded,
} from "../mocks";

interface Evaluated {
  run: Succeeded;
  rec: Recording;
  /** What Okta reported for the app and the server. */
  clientId: string;
  issuer: string;
}

async function evaluateOkta(config: Record<string, string>): Promise<Evaluated> {
  const run = succeeded(await runProgram(config));
  const rec = run.recording;
  return {
    run,
    rec,
    clientId: reportedState(one(rec, T.app)).clientId,
    issuer: reportedState(one(rec, T.server)).issuer,
  };
}

const SETTINGS = { defaults: baseConfig, customised: oktaCustomConfig };

for (const [name, config] of Object.entries(SETTINGS)) {
  describe(`Okta wiring (${name} settings)`, () => {
    let e: Evaluated;
    before(async () => {
      e = await evaluateOkta(config());
    });

    test("scope, claim, policy and rule hang off the server; the rule off the policy and after the scope", () => {
      const [server, scope, claim, policy, rule] = [
        T.server,
        T.scope,
        T.claim,
        T.policy,
        T.rule,
      ].map((t) => one(e.rec, t));
      for (const r of [scope, claim, policy, rule])
        assert.equal(r.inputs.authServerId, server.id, r.name);
      assert.equal(rule.inputs.policyId, policy.id);
      assert.ok(
        rule.dependencies.includes(scope.urn),
        `rule dependencies ${rule.dependencies.join(", ")} lack the scope`,
      );
    });

    test("the policy lets in, and Pomerium signs in with, the clientId Okta reported for the app", async () => {
      assert.deepEqual(one(e.rec, T.policy).inputs.clientWhitelists, [e.clientId]);
      assert.equal(pomeriumConfigFile(e.rec).idp_client_id, e.clientId);
    });

    test("Pomerium's idp_provider_url is the issuer Okta reported for the server, not one built from the org", () => {
      assert.equal(pomeriumConfigFile(e.rec).idp_provider_url, e.issuer);
    });

    test("the scopes the rule allows are the scopes output and Pomerium's idp_scopes, the custom scope among them", () => {
      const rule = one(e.rec, T.rule);
      assert.deepEqual([...e.run.outputs.scopes], rule.inputs.scopeWhitelists);
      assert.deepEqual(pomeriumConfigFile(e.rec).idp_scopes, rule.inputs.scopeWhitelists);
      assert.ok(rule.inputs.scopeWhitelists.includes(one(e.rec, T.scope).inputs.name));
    });

    test("every Okta resource uses the explicit Okta provider, is a child of its Okta component, and has its name set", () => {
      assertOktaOwnership(e.rec, "test");
    });
  });
}
