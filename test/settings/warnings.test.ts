// Preview warnings: what is not an error but would surprise a user in production.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { baseConfig } from "../mocks";

describe("warnings", () => {
  test("a route's allowEmails: Okta's group assignments gate sign-in first (route and e-mails named)", () => {
    const warnings = parseSettings(
      baseConfig({
        "okta-pomerium:groupsClaim": { filterType: "STARTS_WITH", filter: "test-" },
        "okta-pomerium:groups": [{ name: "test-admins", create: true }],
        "okta-pomerium:routes": [
          {
            from: "https://a.test.example.com",
            to: "https://a.internal",
            allowGroups: ["test-admins"],
          },
          {
            from: "https://b.test.example.com",
            to: "https://b.internal",
            allowEmails: ["x@example.com", "y@example.com"],
          },
        ],
      }),
      "test",
    ).warnings;
    assert.deepEqual(warnings, [
      "routes[1] (https://b.test.example.com) allows x@example.com, y@example.com: Okta signs in only members of the assigned groups (test-admins), before Pomerium checks an e-mail; make sure each of these users is in one of them.",
    ]);
  });
});
