// Property-based through the whole program: for generated settings near every boundary, whatever
// the program accepts satisfies each rule, and what it registers carries the same guarantees
// (created Okta groups carry the stack, every group is assigned, Pomerium's authenticate URL is an
// https origin, several replicas only on postgres).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseSettings } from "../../stack/settings";
import { OKTA, ofType, one, pomeriumConfigFile, runProgram } from "../mocks";
import {
  assertRulesHold,
  isHttpsOrigin,
  settings,
  toConfig,
  effective,
} from "../settings/arbitraries";

export const PROPERTY_PROGRAM_RUNS = 120;

describe("fuzzing the program: whatever is accepted is registered by the rules", () => {
  test(`${PROPERTY_PROGRAM_RUNS} through the program: Okta groups, assignments and Pomerium follow the rules`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(settings, async (g) => {
        const run = await runProgram(toConfig(g), g.stack);
        if (run.error) return;
        accepted++;
        assertRulesHold(g, parseSettings(toConfig(g), g.stack));
        const rec = run.recording;
        // Org mode: no authorization server, and the issuer is the org URL (or orgUrl).
        const org = g.org !== undefined;
        assert.equal(
          rec.registrations.some((r) => r.type.startsWith("okta:auth/")),
          !org,
        );
        if (org)
          assert.equal(
            pomeriumConfigFile(rec).idp_provider_url,
            g.org!.orgUrl ?? "https://dev-123456.okta.com",
          );
        const created = ofType(rec, OKTA.group).map((r) => r.inputs.name as string);
        assert.deepEqual(
          created,
          g.groups.filter((x) => x.create).map((x) => x.name),
        );
        for (const name of created) assert.ok(name.toLowerCase().includes(g.stack), name);
        assert.equal(one(rec, OKTA.assignments).inputs.groups.length, g.groups.length);
        const file = pomeriumConfigFile(rec);
        assert.ok(isHttpsOrigin(file.authenticate_service_url), file.authenticate_service_url);
        const deploy = one(rec, "kubernetes:apps/v1:Deployment");
        const { ha } = effective(g);
        assert.equal(deploy.inputs.spec.replicas, ha.replicas);
        if (ha.replicas > 1) assert.equal(file.databroker_storage_type, "postgres");
      }),
      { numRuns: PROPERTY_PROGRAM_RUNS, seed: 501 },
    );
    assert.ok(
      accepted > PROPERTY_PROGRAM_RUNS / 10,
      `accepted ${accepted} of ${PROPERTY_PROGRAM_RUNS}`,
    );
  });
});
