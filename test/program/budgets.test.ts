// The structural budgets of the performance issue on synthetic stacks, checked on every `npm test`
// (the timings are only in `npm run bench`, never in a test; the budgets of the stack files
// themselves: budgets-stacks.test.ts): routes cost no Okta resource, groups cost one each,
// invokes only for groups given by name, a short critical path, and Pomerium waits only on the Okta
// outputs it reads, never on the whole Okta component.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { syntheticStack, withCloudflare } from "../../scripts/bench-stacks";
import { criticalPath } from "../../scripts/render/render-lib";
import { asConfig, Recording, runProgram } from "../mocks";
import { assertWaitsOnlyOnReadOktaOutputs } from "./okta-waits";

async function synthetic(
  stack: string,
  routes: number,
  groups: number,
  kind?: "create" | "id" | "name",
): Promise<Recording> {
  const run = await runProgram(asConfig(syntheticStack(stack, routes, groups, kind)), stack);
  if (run.error) throw run.error;
  return run.recording;
}

const okta = (rec: Recording) =>
  rec.registrations.filter((r) => r.custom && r.type.startsWith("okta:"));

describe("budgets", () => {
  const rec: Record<string, Recording> = {};
  before(async () => {
    // One at a time: the mock runtime is process-global.
    for (const [name, routes, groups, kind] of [
      ["r3", 3, 2, "create"],
      ["r300", 300, 2, "create"],
      ["g1", 3, 1, "create"],
      ["g10", 10, 10, "create"],
      ["g60", 60, 60, "create"],
      ["ids", 3, 10, "id"],
      ["names", 3, 10, "name"],
    ] as const)
      rec[name] = await synthetic(name, routes, groups, kind);
    for (const [name, apps, teamDomain] of [
      ["cf1", 1, true],
      ["cf5", 5, true],
      ["cflookup", 2, false],
    ] as const) {
      const config = withCloudflare(syntheticStack(name, 3, 2), apps, teamDomain);
      const run = await runProgram(asConfig(config), name);
      if (run.error) throw run.error;
      rec[name] = run.recording;
    }
  });

  test("the critical path is at most 4 resources on a large stack", () => {
    for (const name of ["g60", "r300"]) {
      const chain = criticalPath(rec[name]);
      assert.ok(chain.length >= 2 && chain.length <= 4, `${name}: ${chain.join(" -> ")}`);
    }
  });

  test("routes cost no Okta resource: 3 and 300 routes register the same Okta resources", () => {
    const kinds = (r: Recording) => okta(r).map((x) => x.type);
    assert.deepEqual(kinds(rec.r300), kinds(rec.r3));
  });

  test("Okta resources are a constant plus one per created group", () => {
    // The app and its assignments; the server, its scope, claim, policy and rule.
    const base = 7;
    assert.equal(okta(rec.g1).length, base + 1);
    assert.equal(okta(rec.g10).length, base + 10);
    assert.equal(okta(rec.g60).length, base + 60);
  });

  test("invokes: none for created groups or groups by id, one per group given by name", () => {
    assert.equal(rec.g10.invokes.length, 0);
    assert.equal(rec.ids.invokes.length, 0);
    assert.equal(rec.names.invokes.length, 10);
    assert.ok(rec.names.invokes.every((i) => i.token === "okta:group/getGroup:getGroup"));
  });

  test("Pomerium and its resources wait only on the Okta resources whose outputs they read", () => {
    // dependsOn the Okta component would add every one of its children (claim, groups, rule…).
    for (const name of ["g10", "g60"]) assertWaitsOnlyOnReadOktaOutputs(rec[name], name);
  });

  test("cloudflareAccess: one Okta app + assignments, its own server (server, scope, claim, policy, rule), one IdP, two per app", () => {
    const count = (r: Recording, prefix: string) =>
      r.registrations.filter((x) => x.custom && x.type.startsWith(prefix)).length;
    // Without the section, r3 is the same synthetic stack (3 routes, 2 groups created).
    assert.equal(count(rec.cf1, "okta:") - count(rec.r3, "okta:"), 2 + 5);
    assert.equal(count(rec.cf5, "okta:"), count(rec.cf1, "okta:"));
    assert.equal(count(rec.cf1, "cloudflare:"), 1 + 2);
    assert.equal(count(rec.cf5, "cloudflare:"), 1 + 2 * 5);
    assert.equal(count(rec.r3, "cloudflare:"), 0);
  });

  test("cloudflareAccess invokes: none with teamDomain, one lookup of the team domain without", () => {
    assert.deepEqual(rec.cf5.invokes, []);
    assert.deepEqual(
      rec.cflookup.invokes.map((i) => i.token),
      ["cloudflare:index/getZeroTrustOrganization:getZeroTrustOrganization"],
    );
    const chain = criticalPath(rec.cf5);
    assert.ok(chain.length <= 4, chain.join(" -> "));
  });
});
