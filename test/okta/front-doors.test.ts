// frontDoorGroups, the pure decision: which groups each front door's app gets.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { frontDoorGroups } from "../../components/okta/plan";

const groups = ["a", "b", "c", "d"];
describe("frontDoorGroups", () => {
  test("nothing but Pomerium: every group is Pomerium's (and OpenMetadata's default)", () => {
    assert.deepEqual(frontDoorGroups({ groups, pomerium: ["a"], pomeriumPolicyText: "" }), {
      pomerium: groups,
      cloudflare: [],
      openMetadata: groups,
      elsewhereOnly: [],
    });
  });

  test("a group only Cloudflare or only OpenMetadata names leaves Pomerium's list", () => {
    const doors = frontDoorGroups({
      groups,
      pomerium: ["a"],
      pomeriumPolicyText: "",
      cloudflare: ["b", "a"],
      openMetadata: ["c"],
    });
    assert.deepEqual(doors, {
      pomerium: ["a", "d"],
      cloudflare: ["a", "b"],
      openMetadata: ["c"],
      elsewhereOnly: ["b", "c"],
    });
  });

  test("OpenMetadata's default is Pomerium's list (not a Cloudflare-only group)", () => {
    const doors = frontDoorGroups({
      groups,
      pomerium: [],
      pomeriumPolicyText: "",
      cloudflare: ["b"],
    });
    assert.deepEqual(doors.openMetadata, ["a", "c", "d"]);
  });

  test("a group named in a raw policy is Pomerium's even if another door names it", () => {
    const doors = frontDoorGroups({
      groups,
      pomerium: [],
      pomeriumPolicyText: '{"allow":{"or":[{"claim/groups":"b"}]}}',
      cloudflare: ["b"],
    });
    assert.deepEqual(doors.pomerium, groups);
    assert.deepEqual(doors.elsewhereOnly, []);
  });
});
