// The per-version Pomerium facts, both sides of v0.34.0: the official images' license, how the
// ingress controller installs, the route option v0.34 added, and a v0.34 image or version accepted.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  controllerInstallCommand,
  imageVersion,
  officialImageLicense,
  REFUSED_ROUTE_KEYS,
  Version,
} from "../../components/pomerium/facts";
import { parseSettings } from "../../stack/settings";
import { baseConfig, failsAt, ROUTES } from "../mocks";

const V0331: Version = [0, 33, 1];
const V0339: Version = [0, 33, 9];
const V0340: Version = [0, 34, 0];
const V0350: Version = [0, 35, 0];
const licenseWarnings = (w: readonly string[]) => w.filter((x) => x.includes("License"));

describe("Pomerium facts per version", () => {
  test("official images: Apache-2.0 up to v0.33.x, the Community Edition License from v0.34.0", () => {
    assert.equal(officialImageLicense(V0331), "Apache-2.0");
    assert.equal(officialImageLicense(V0339), "Apache-2.0");
    assert.equal(officialImageLicense(V0340), "Pomerium Community Edition License");
    assert.equal(officialImageLicense(V0350), "Pomerium Community Edition License");
  });

  test("the ingress controller: kustomize config/default from v0.34.0, deployment.yaml before", () => {
    assert.equal(
      controllerInstallCommand(V0340),
      "kubectl apply -k 'github.com/pomerium/ingress-controller/config/default?ref=v0.34.0'",
    );
    assert.equal(
      controllerInstallCommand(V0331),
      "kubectl apply -f https://raw.githubusercontent.com/pomerium/ingress-controller/v0.33.1/deployment.yaml",
    );
  });

  test("a v0.34 image's version is read (plain and nonroot tags)", () => {
    assert.deepEqual(imageVersion("pomerium/pomerium:v0.34.0"), V0340);
    assert.deepEqual(imageVersion("pomerium/pomerium:nonroot-v0.34.0"), V0340);
  });

  test("identity_providers (added in v0.34) is refused with its reason", () => {
    assert.match(REFUSED_ROUTE_KEYS.identity_providers, /added in Pomerium v0\.34/);
    failsAt(
      baseConfig({
        "okta-pomerium:routes": [{ ...ROUTES[0], identity_providers: ["workloads"] }],
      }),
      "okta-pomerium:routes[0].identity_providers",
      /is not supported: added in Pomerium v0\.34 to accept JWT bearer tokens/,
    );
  });
});

describe("a v0.34 Pomerium in the settings", () => {
  const settings = (pomerium: Record<string, unknown>) =>
    parseSettings(baseConfig({ "okta-pomerium:pomerium": pomerium }), "test");

  test("a v0.34 image is accepted, with a warning naming its license", () => {
    const s = settings({ image: "pomerium/pomerium:nonroot-v0.34.0" });
    assert.deepEqual(s.pomeriumVersion, V0340);
    assert.deepEqual(licenseWarnings(s.warnings), [
      "Pomerium v0.34.0: from v0.34.0 the official binaries and images are under the Pomerium Community Edition License (the source stays Apache-2.0); check that it allows your use, or build the image from source.",
    ]);
  });

  test("pomerium.version v0.34.0 with an image by digest: accepted, the same warning", () => {
    const s = settings({
      image: `registry.example.com/pomerium@sha256:${"a".repeat(64)}`,
      version: "v0.34.0",
    });
    assert.deepEqual(s.pomeriumVersion, V0340);
    assert.equal(licenseWarnings(s.warnings).length, 1);
  });

  test("the default v0.33.1 image and v0.33.9: no license warning", () => {
    assert.deepEqual(licenseWarnings(parseSettings(baseConfig(), "test").warnings), []);
    assert.deepEqual(
      licenseWarnings(settings({ image: "pomerium/pomerium:v0.33.9" }).warnings),
      [],
    );
  });
});
