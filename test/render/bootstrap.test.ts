// `npm run render -- --project bootstrap <stack>`: the bootstrap project renders offline like the
// main one (byte-identical twice, secrets redacted), and bad settings write nothing.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { parse } from "yaml";
import { ROOT } from "./cli";

const RENDER = path.join(ROOT, "dist/render.js");
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [RENDER, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });

describe("render --project bootstrap", () => {
  const tmp = mkdtempSync(path.join(tmpdir(), "okta-pomerium-bootstrap-"));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test("writes okta.yaml and graph.mmd (no Kubernetes), the same bytes twice", () => {
    const outs = ["a", "b"].map((d) => path.join(tmp, d));
    for (const out of outs) {
      const r = run(["--project", "bootstrap", "dev", "--out", out]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /tls:index\/privateKey:PrivateKey\s+1/);
    }
    const [a, b] = outs.map((o) => path.join(o, "bootstrap/dev"));
    assert.equal(existsSync(path.join(a, "kubernetes.yaml")), false);
    for (const f of ["okta.yaml", "graph.mmd"])
      assert.equal(readFileSync(path.join(a, f), "utf8"), readFileSync(path.join(b, f), "utf8"), f);
    const okta = parse(readFileSync(path.join(a, "okta.yaml"), "utf8"));
    const byType = (t: string) => okta.resources.filter((r: any) => r.type === t);
    assert.equal(byType("okta:app/oAuth:OAuth")[0].inputs.type, "service");
    assert.deepEqual(
      byType("okta:app/oauthRoleAssignment:OauthRoleAssignment").map((r: any) => r.inputs.type),
      ["API_ACCESS_MANAGEMENT_ADMIN", "ORG_ADMIN"],
    );
    assert.equal(byType("pulumi:providers:okta")[0].inputs.apiToken, "<redacted>");
    assert.doesNotMatch(readFileSync(path.join(a, "okta.yaml"), "utf8"), /mock-private-key/);
  });

  test("fails when the settings are bad: every problem printed, nothing written, exit 1", () => {
    const dir = path.join(tmp, "project");
    mkdirSync(path.join(dir, "bootstrap"), { recursive: true });
    copyFileSync(path.join(ROOT, "bootstrap/Pulumi.yaml"), path.join(dir, "bootstrap/Pulumi.yaml"));
    writeFileSync(
      path.join(dir, "bootstrap/Pulumi.bad.yaml"),
      "config:\n  okta:orgName: dev-1\n  okta:baseUrl: okta.com\n  okta-pomerium-bootstrap:adminRoles: [ROOT]\n",
    );
    const out = path.join(tmp, "bad-out");
    const r = run(["--project", "bootstrap", "bad", "--out", out], { OKTA_POMERIUM_DIR: dir });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /okta-pomerium-bootstrap:adminRoles\[0\]: must be one of SUPER_ADMIN/);
    assert.equal(existsSync(out), false);
  });

  test("fails when the project is unknown", () => {
    const r = run(["--project", "nope", "dev"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /unknown project "nope" \(main or bootstrap\)/);
  });
});
