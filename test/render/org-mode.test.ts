// A stack file in org mode renders offline like the committed stacks (which stay in custom mode).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { parseAllDocuments, parse } from "yaml";

const ROOT = path.resolve(__dirname, "../../..");
const RENDER = path.join(ROOT, "dist/render.js");

describe("render of an org-mode stack", () => {
  let dir: string;
  let out: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-orgmode-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    copyFileSync(
      path.join(ROOT, "test/fixtures/Pulumi.orgmode.yaml"),
      path.join(dir, "Pulumi.orgmode.yaml"),
    );
    out = path.join(dir, "out");
    const run = spawnSync(process.execPath, [RENDER, "orgmode", "--out", out], {
      cwd: ROOT,
      env: { ...process.env, OKTA_POMERIUM_DIR: dir },
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("okta.yaml: the app (with its groups claim), the group and the assignments only", () => {
    const okta = parse(readFileSync(path.join(out, "orgmode/okta.yaml"), "utf8"));
    const types = (okta.resources as Array<{ type: string }>)
      .map((r) => r.type)
      .filter((t) => t.startsWith("okta:"))
      .sort();
    assert.deepEqual(types, [
      "okta:app/oAuth:OAuth",
      "okta:group/group:Group",
      "okta:index/appGroupAssignments:AppGroupAssignments",
    ]);
    const app = okta.resources.find((r: any) => r.type === "okta:app/oAuth:OAuth");
    assert.deepEqual(app.inputs.groupsClaim, {
      type: "FILTER",
      name: "groups",
      filterType: "STARTS_WITH",
      value: "pomerium-orgmode-",
    });
  });

  test("kubernetes.yaml: Pomerium's issuer is the org URL and it requests groups", () => {
    const docs = parseAllDocuments(readFileSync(path.join(out, "orgmode/kubernetes.yaml"), "utf8"));
    const cm = docs.map((d) => d.toJS()).find((o) => o?.kind === "ConfigMap");
    const config = JSON.parse(cm.data["config.json"]);
    assert.equal(config.idp_provider_url, "https://dev-123456.okta.com");
    assert.deepEqual(config.idp_scopes, ["openid", "profile", "email", "groups", "offline_access"]);
  });
});
