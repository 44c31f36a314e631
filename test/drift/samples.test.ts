// The drift summary on recorded `pulumi preview --refresh --expect-no-changes --json` samples
// (test/fixtures/drift, in Pulumi's PreviewDigest format): a drifted Okta policy rule (and app),
// an edited Kubernetes Secret, a clean stack, a preview that errors. No secret value reaches the body.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { issueBody, MAX_BODY } from "../../scripts/drift/markdown";
import { PreviewDigest, summarize } from "../../scripts/drift/summary";

const DIR = path.resolve(__dirname, "../../../test/fixtures/drift");
const sample = (name: string) =>
  JSON.parse(readFileSync(path.join(DIR, `${name}.json`), "utf8")) as PreviewDigest;
const body = (name: string, exitCode: number) =>
  issueBody(summarize(sample(name), exitCode), { stack: "dev" });

// The secret values the samples hold in plain text (a last-applied annotation, a warning, an error).
const COOKIE = "c2VjcmV0LWNvb2tpZS0zZjlBcVo3eFI0bVQ4dkwyd0s=";
const SHARED = "Zm9vYmFyU2hhcmVkU2VjcmV0OTk4ODc3NjY1NTQ0MzMyMjE=";
const TOKEN = "00QCjAl4MlV-WPXM8a3bZkq0HmjFx-vbGuaT9Rn2s";

/** No 8-character piece of a secret (nor of its base64 decoding) is in the text. */
function assertNoSecret(text: string, secret: string): void {
  for (const s of [secret, Buffer.from(secret, "base64").toString("utf8")])
    for (let i = 0; i + 8 <= s.length; i++)
      assert.ok(!text.includes(s.slice(i, i + 8)), `secret piece ${s.slice(i, i + 8)} leaked`);
}

test("the samples do hold the secrets in plain text (or the leak checks below prove nothing)", () => {
  const raw = ["kubernetes-secret", "error"].map((n) =>
    readFileSync(path.join(DIR, `${n}.json`), "utf8"),
  );
  assert.ok(raw[0]!.includes(COOKIE) && raw[0]!.includes(SHARED));
  assert.ok(raw[1]!.includes(TOKEN));
});

test("a drifted Okta policy rule and app: drift, each property with the cloud's and the program's value", () => {
  const s = summarize(sample("okta-policy-rule"), 255);
  assert.equal(s.status, "drift");
  assert.deepEqual(s.errors, []);
  assert.deepEqual(
    s.resources.map((r) => [r.family, r.type, r.name, r.op]),
    [
      ["Okta", "okta:app/oAuth:OAuth", "okta-app", "update"],
      [
        "Okta",
        "okta:auth/serverPolicyRule:ServerPolicyRule",
        "okta-policy-rule-okta-pomerium-dev",
        "update",
      ],
    ],
  );
  const rule = s.resources[1]!;
  // Reported twice (the refresh, then the update): once, with the update's values.
  assert.deepEqual(rule.properties, [
    {
      path: "grantTypeWhitelists[1]",
      kind: "delete",
      hidden: false,
      actual: "implicit",
      desired: undefined,
    },
    { path: "priority", kind: "update", hidden: false, actual: 2, desired: 1 },
  ]);
  assert.deepEqual(s.resources[0]!.properties, [
    { path: "pkceRequired", kind: "update", hidden: false, actual: false, desired: true },
  ]);
  const text = body("okta-policy-rule", 255);
  assert.match(text, /has drifted from its program: 2 Okta resource\(s\) differ/);
  assert.match(text, /### Okta\n/);
  assert.doesNotMatch(text, /### Kubernetes/);
  assert.match(text, /- `priority` \(update\): `2` in the cloud, `1` in the program/);
  assert.match(text, /- `pkceRequired` \(update\): `false` in the cloud, `true` in the program/);
  assert.match(
    text,
    /#### Okta: `okta:auth\/serverPolicyRule:ServerPolicyRule` `okta-policy-rule-okta-pomerium-dev`/,
  );
  // The root stack and the unchanged server are not listed; nor is the warning.
  assert.doesNotMatch(text, /okta-server|pulumi:pulumi:Stack|warning/);
});

test("an edited Kubernetes Secret: its data named, never shown; the visible label change shown", () => {
  const s = summarize(sample("kubernetes-secret"), 255);
  assert.equal(s.status, "drift");
  const [secret] = s.resources;
  assert.equal(secret!.family, "Kubernetes");
  assert.equal(secret!.type, "kubernetes:core/v1:Secret");
  assert.deepEqual(
    secret!.properties.map((p) => [p.path, p.hidden]),
    [
      ["data.cookie_secret", true],
      ["data.shared_secret", true],
      ['metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]', true],
      ['metadata.labels["edited-by"]', false],
    ],
  );
  for (const p of secret!.properties.filter((x) => x.hidden)) {
    assert.ok(!("actual" in p) && !("desired" in p), `${p.path} carries a value`);
  }
  const text = body("kubernetes-secret", 255);
  assert.match(text, /1 Kubernetes resource\(s\) differ/);
  assert.match(text, /- `data\.cookie_secret` \(update\): secret, value not shown/);
  assert.match(
    text,
    /- `metadata\.labels\["edited-by"\]` \(delete\): `"kubectl"` in the cloud, \(none\) in the program/,
  );
  assertNoSecret(text, COOKIE);
  assertNoSecret(text, SHARED);
});

test("a clean stack: clean, a short body, nothing listed", () => {
  const s = summarize(sample("clean"), 0);
  assert.deepEqual(s, { status: "clean", resources: [], errors: [], changeSummary: { same: 25 } });
  assert.equal(body("clean", 0), "Stack `dev` matches its program again: no drift.");
});

test("a preview that errors: error, every error message, the token redacted", () => {
  const s = summarize(sample("error"), 255);
  assert.equal(s.status, "error");
  assert.equal(s.errors.length, 2);
  const text = body("error", 255);
  assert.match(text, /^The drift check of stack `dev` failed\./);
  assert.match(text, /Invalid token provided\. Authorization: SSWS \[redacted\]`/);
  assert.match(text, /- `error: preview failed`/);
  assertNoSecret(text, TOKEN);
});

test("every sample's body, and the whole sample set, is free of every secret", () => {
  for (const name of ["okta-policy-rule", "kubernetes-secret", "clean", "error"]) {
    const text = body(name, name === "clean" ? 0 : 255);
    for (const secret of [COOKIE, SHARED, TOKEN]) assertNoSecret(text, secret);
    assert.doesNotMatch(text, /\[secret\]/, `${name}: a blinded value is shown as a value`);
  }
});

test("a body stays under GitHub's limit however many resources drifted, cut on a line", () => {
  const steps = Array.from({ length: 2000 }, (_, i) => ({
    op: "update",
    urn: `urn:pulumi:dev::okta-pomerium::okta:group/group:Group::okta-group-${i}`,
    oldState: { outputs: { description: `old ${i}`, name: `g${i}` } },
    newState: { inputs: { description: `new ${i}`, name: `g${i}` } },
    detailedDiff: { description: { kind: "update" }, name: { kind: "update" } },
  }));
  const text = issueBody(summarize({ steps }, 255), { stack: "dev" });
  assert.ok(text.length <= MAX_BODY, String(text.length));
  assert.match(
    text,
    /\n\n… \(\d+ more characters cut: GitHub's limit; the preview in the run has them all\)$/,
  );
  assert.match(text, /okta-group-0`/);
  // Just under the limit: whole.
  const small = issueBody(summarize({ steps: steps.slice(0, 10) }, 255), { stack: "dev" });
  assert.doesNotMatch(small, /more characters cut/);
});

test("the cut starts exactly when the whole body would pass the limit", () => {
  const groups = (n: number) => ({
    steps: Array.from({ length: n }, (_, i) => ({
      op: "update",
      urn: `urn:pulumi:dev::okta-pomerium::okta:group/group:Group::okta-group-${i}`,
      oldState: { outputs: { description: `old ${i}` } },
      newState: { inputs: { description: `new ${i}` } },
      detailedDiff: { description: { kind: "update" } },
    })),
  });
  const body = (n: number) => issueBody(summarize(groups(n), 255), { stack: "dev" });
  let n = 1;
  while (!body(n).includes("more characters cut")) n++;
  // The last whole body is within the limit, and one more resource would have passed it.
  const whole = body(n - 1);
  assert.ok(whole.length <= MAX_BODY, `${whole.length}`);
  assert.ok(whole.length > MAX_BODY - 200, `${whole.length}: cut too early`);
  assert.ok(body(n).length <= MAX_BODY);
});
