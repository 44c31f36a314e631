// Property-based, against the rules themselves: whatever settings are ACCEPTED satisfy each rule
// (checked apart from the code, in arbitraries.ts), so a weakened rule fails the property. The
// generator sits near every boundary, so each rule meets its near misses on its own.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseSettings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import { assertRulesHold, settings, toConfig } from "./arbitraries";

export const PROPERTY_RUNS = 3000;

describe("fuzzing the rules: whatever is accepted satisfies every rule", () => {
  test(`${PROPERTY_RUNS} generated configurations near the bounds`, () => {
    let accepted = 0;
    let protectedAccepted = 0;
    fc.assert(
      fc.property(settings, (g) => {
        let parsed;
        try {
          parsed = parseSettings(toConfig(g), g.stack);
        } catch (e) {
          if (e instanceof SettingsError) return;
          throw e;
        }
        accepted++;
        if (parsed.protect) protectedAccepted++;
        assertRulesHold(g, parsed);
      }),
      { numRuns: PROPERTY_RUNS, seed: 20260501 },
    );
    // Both outcomes must be common, or the generator tests nothing.
    assert.ok(
      accepted > PROPERTY_RUNS / 10 && accepted < (PROPERTY_RUNS * 9) / 10,
      `accepted ${accepted} of ${PROPERTY_RUNS}`,
    );
    // And protected stacks among them, or production's rules meet no near miss.
    assert.ok(protectedAccepted > PROPERTY_RUNS / 200, `protected accepted ${protectedAccepted}`);
  });
});
