// The drift summary's parts: property paths, URNs, families, what is hidden, the status.
import assert from "node:assert/strict";
import { test } from "node:test";
import { redact } from "../../scripts/drift/markdown";
import {
  familyOf,
  parseUrn,
  pathSegments,
  PreviewDigest,
  summarize,
} from "../../scripts/drift/summary";

test("pathSegments: dots, indexes, quoted keys with dots and escapes", () => {
  assert.deepEqual(pathSegments("priority"), ["priority"]);
  assert.deepEqual(pathSegments("spec.ports[0].port"), ["spec", "ports", 0, "port"]);
  assert.deepEqual(pathSegments('metadata.annotations["a.b/c"]'), [
    "metadata",
    "annotations",
    "a.b/c",
  ]);
  assert.deepEqual(pathSegments('x["q\\"y"]'), ["x", 'q"y']);
  assert.deepEqual(pathSegments("a[1][2]"), ["a", 1, 2]);
});

test("parseUrn: the last type of the parent chain, and the name", () => {
  assert.deepEqual(
    parseUrn(
      "urn:pulumi:dev::okta-pomerium::okta-pomerium:index:OktaApp$okta:app/oAuth:OAuth::okta-app",
    ),
    { type: "okta:app/oAuth:OAuth", name: "okta-app" },
  );
  assert.deepEqual(parseUrn("urn:pulumi:dev::p::kubernetes:core/v1:Secret::a::b"), {
    type: "kubernetes:core/v1:Secret",
    name: "a::b",
  });
});

test("familyOf: Okta, Kubernetes, a provider by the package it configures, the rest Other", () => {
  assert.equal(familyOf("okta:auth/serverPolicyRule:ServerPolicyRule"), "Okta");
  assert.equal(familyOf("kubernetes:core/v1:Secret"), "Kubernetes");
  assert.equal(familyOf("pulumi:providers:okta"), "Okta");
  assert.equal(familyOf("pulumi:providers:kubernetes"), "Kubernetes");
  assert.equal(
    familyOf("cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication"),
    "Other",
  );
  assert.equal(familyOf("random:index/randomBytes:RandomBytes"), "Other");
  assert.equal(familyOf("oktaish:x:Y"), "Other");
});

const URN = "urn:pulumi:dev::okta-pomerium::okta:app/oAuth:OAuth::app";
/** One update step of URN with these states and changed paths. */
function step(
  paths: string[],
  old: Record<string, unknown>,
  desired: Record<string, unknown>,
  type = "okta:app/oAuth:OAuth",
): PreviewDigest {
  const urn = URN.replace("okta:app/oAuth:OAuth", type);
  return {
    steps: [
      {
        op: "update",
        urn,
        oldState: { inputs: desired, outputs: old },
        newState: { inputs: desired, outputs: old },
        detailedDiff: Object.fromEntries(paths.map((p) => [p, { kind: "update" }])),
      },
    ],
  };
}
const props = (d: PreviewDigest) => summarize(d, 1).resources[0]!.properties;

test("hidden: a [secret] value on either side, above the path or below it", () => {
  assert.equal(props(step(["a"], { a: "[secret]" }, { a: "x" }))[0]!.hidden, true);
  assert.equal(props(step(["a"], { a: "x" }, { a: "[secret]" }))[0]!.hidden, true);
  assert.equal(props(step(["a.b.c"], { a: "[secret]" }, { a: { b: { c: 1 } } }))[0]!.hidden, true);
  assert.equal(
    props(step(["a"], { a: { b: ["[secret]"] } }, { a: { b: ["y"] } }))[0]!.hidden,
    true,
  );
  assert.deepEqual(props(step(["a.b"], { a: { b: 1, c: "[secret]" } }, { a: { b: 2 } }))[0], {
    path: "a.b",
    kind: "update",
    hidden: false,
    actual: 1,
    desired: 2,
  });
});

test("hidden: a Secret's data and stringData, credential-like names, last-applied annotations", () => {
  const secret = "kubernetes:core/v1:Secret";
  assert.equal(
    props(step(["data.x"], { data: { x: "plain" } }, { data: { x: "p" } }, secret))[0]!.hidden,
    true,
  );
  assert.equal(props(step(["stringData"], { stringData: "v" }, {}, secret))[0]!.hidden, true);
  // The same path on a ConfigMap is shown.
  assert.equal(
    props(step(["data.x"], { data: { x: "v" } }, {}, "kubernetes:core/v1:ConfigMap"))[0]!.hidden,
    false,
  );
  for (const name of [
    "clientSecret",
    "apiToken",
    "privateKey",
    "password",
    "cookie_secret",
    "x_api_key",
    "access_token",
  ])
    assert.equal(props(step([name], { [name]: "v" }, {}))[0]!.hidden, true, name);
  for (const name of ["refreshTokenLifetimeMinutes", "tokenEndpointAuthMethod", "priority"])
    assert.equal(props(step([name], { [name]: 1 }, { [name]: 2 }))[0]!.hidden, false, name);
  assert.equal(
    props(
      step(['metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]'], {}, {}),
    )[0]!.hidden,
    true,
  );
  assert.equal(props(step(["label"], { label: "v" }, {}))[0]!.hidden, false);
});

test("without detailedDiff, diffReasons name the properties (replaceReasons as replaces)", () => {
  const d: PreviewDigest = {
    steps: [
      {
        op: "replace",
        urn: URN,
        diffReasons: ["b", "a"],
        replaceReasons: ["a"],
        detailedDiff: null,
      },
    ],
  };
  assert.deepEqual(
    props(d).map((p) => [p.path, p.kind]),
    [
      ["a", "update-replace"],
      ["b", "update"],
    ],
  );
});

test("a resource deleted outside Pulumi: the refresh's delete, then the create: one entry, op create", () => {
  const s = summarize(
    {
      steps: [
        { op: "delete", urn: URN },
        { op: "create", urn: URN },
      ],
    },
    255,
  );
  assert.deepEqual(
    s.resources.map((r) => [r.name, r.op]),
    [["app", "create"]],
  );
});

test("status: quiet ops and the root stack are clean; exit codes and diagnostics decide errors", () => {
  const quiet: PreviewDigest = {
    steps: ["same", "read", "refresh", "discard"].map((op) => ({ op, urn: URN })),
  };
  quiet.steps!.push({ op: "update", urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev" });
  assert.equal(summarize(quiet, 0).status, "clean");
  // A failure without an error message, and without changes, is still a failure.
  assert.deepEqual(summarize(quiet, 1).errors, [
    "the preview failed (exit code 1) without reporting an error",
  ]);
  assert.equal(summarize({ steps: [{ op: "create", urn: URN }] }, 1).status, "drift");
  assert.equal(summarize({ steps: [{ op: "delete", urn: URN }] }, 0).status, "drift");
  // --expect-no-changes' own complaint is the drift itself, not an error.
  const expect: PreviewDigest = {
    steps: [{ op: "update", urn: URN }],
    diagnostics: [
      { severity: "error", message: "error: no changes were expected but changes were proposed" },
    ],
  };
  assert.equal(summarize(expect, 255).status, "drift");
  const warned: PreviewDigest = { diagnostics: [{ severity: "warning", message: "w" }] };
  assert.equal(summarize(warned, 0).status, "clean");
  assert.deepEqual(summarize(undefined, 2).errors, ["the preview printed no JSON (exit code 2)"]);
  assert.deepEqual(summarize(undefined, undefined).errors, [
    "the preview did not run (an earlier step failed)",
  ]);
  // Errors and drift together: an error, with the drift still listed.
  const both = summarize({ ...expect, diagnostics: [{ severity: "error", message: "boom" }] }, 255);
  assert.equal(both.status, "error");
  assert.equal(both.resources.length, 1);
});

test("redact: tokens, keys and PEM blocks go; names, URNs and URLs stay", () => {
  assert.equal(redact("SSWS 00QCjAl4MlV-WPXM8a3bZkq0HmjFx"), "SSWS [redacted]");
  assert.equal(redact("Bearer abc"), "Bearer [redacted]");
  assert.equal(redact("k: c2VjcmV0LWNvb2tpZS0zZjlBcVo3eFI0bVQ4dkwyd0s="), "k: [redacted]");
  assert.equal(
    redact("sum 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    "sum [redacted]",
  );
  assert.equal(
    redact("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- x"),
    "[redacted] x",
  );
  const keep = [
    "okta-policy-rule-okta-pomerium-dev-2024",
    "urn:pulumi:dev::okta-pomerium::okta:app/oAuth:OAuth::okta-app",
    "https://authenticate.dev.example.com/oauth2/callback",
    "ausk5WfIeH4a8iNwLDzu",
  ];
  for (const k of keep.slice(0, 3)) assert.equal(redact(k), k);
  // Okta ids are 20 mixed-case characters: indistinguishable from a token, so redacted too.
  assert.equal(redact(keep[3]!), "[redacted]");
  assert.equal(redact("ABCDEFGHIJKLMNOPQRSt1"), "[redacted]");
  assert.equal(redact("ABCDEFGHIJKLMNOPQRt1"), "[redacted]");
  assert.equal(redact("ABCDEFGHIJKLMNOPQt1"), "ABCDEFGHIJKLMNOPQt1");
});
