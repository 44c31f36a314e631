// Kubernetes quantities in the form the API server writes back (stack/settings/quantity.ts),
// and the `pomerium.resources` settings that use it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { canonicalQuantity } from "../../stack/settings/quantity";
import { baseConfig, problemsOf } from "../mocks";

// [as written, as the API server writes it back]
const CANONICAL: Array<[string, string]> = [
  ["0.5", "500m"],
  ["0.1", "100m"],
  ["1000m", "1"],
  ["1500m", "1500m"],
  ["2000", "2k"],
  ["0", "0"],
  ["0m", "0"],
  ["1.5", "1500m"],
  ["1024Mi", "1Gi"],
  ["1536Mi", "1536Mi"],
  ["2048Ki", "2Mi"],
  ["0.5Gi", "512Mi"],
  ["1.5Ki", "1536"],
  ["256Mi", "256Mi"],
  ["1000M", "1G"],
  ["1", "1"],
];

describe("canonical quantities", () => {
  for (const [written, canonical] of CANONICAL) {
    test(`${written} -> ${canonical}`, () => assert.equal(canonicalQuantity(written), canonical));
  }

  test("a quantity below a milli-unit is kept as written", () => {
    assert.equal(canonicalQuantity("0.0001"), "0.0001");
    assert.equal(canonicalQuantity("0.0005"), "0.0005");
  });

  test("the resources settings are stored canonical, the defaults as documented", () => {
    const s = parseSettings(
      baseConfig({
        "okta-pomerium:pomerium": {
          resources: { requests: { cpu: "0.25", memory: "0.5Gi" }, limits: { cpu: "2000m" } },
        },
      }),
      "test",
    );
    assert.deepEqual(s.pomerium.resources, {
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { cpu: "2", memory: "512Mi" },
    });
    assert.deepEqual(parseSettings(baseConfig(), "test").pomerium.resources, {
      requests: { cpu: "300m", memory: "256Mi" },
      limits: { cpu: "1", memory: "512Mi" },
    });
  });

  test("fails when a resource is not a Kubernetes quantity", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({ "okta-pomerium:pomerium": { resources: { limits: { memory: "1 GB" } } } }),
      ),
      [
        {
          path: "okta-pomerium:pomerium.resources.limits.memory",
          message:
            'memory must be a Kubernetes quantity such as "250m", "1", "256Mi" or "1Gi" (got "1 GB")',
        },
      ],
    ));
});
