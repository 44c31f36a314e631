// @pulumi/tls is loaded only when the bootstrap generates the key (its own process: a test file).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { B, bootstrapConfig, runBootstrap } from "./helpers";

const tlsLoaded = () => Object.keys(require.cache).some((f) => f.includes("@pulumi/tls"));

describe("@pulumi/tls", () => {
  test("a supplied JWK never loads it; generating the key does", async () => {
    assert.equal(tlsLoaded(), false, "loaded before any run");
    const supplied = await runBootstrap(
      bootstrapConfig({ [`${B}publicJwk`]: { kty: "RSA", n: "x".repeat(342), e: "AQAB" } }),
    );
    if (supplied.error) throw supplied.error;
    assert.equal(tlsLoaded(), false, "a supplied JWK loaded @pulumi/tls");
    const generated = await runBootstrap(bootstrapConfig());
    if (generated.error) throw generated.error;
    assert.equal(tlsLoaded(), true, "the check cannot see @pulumi/tls");
  });
});
