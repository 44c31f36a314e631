// A stack file that imports Pulumi ESC environments (`environment:`): render reads nothing from
// them, names every required setting it could not see and renders with placeholders for them.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { readStackConfig } from "../../scripts/render/stack-config";
import { render, ROOT } from "./cli";

const FIXTURE = path.join(ROOT, "test/fixtures/Pulumi.esc.yaml");

/** A project dir holding Pulumi.yaml and Pulumi.<stack>.yaml with that text. */
function project(text: string, stack = "esc"): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-esc-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
  return dir;
}

test("the Okta keys of a shared environment: placeholders, each named in a note", () => {
  const c = readStackConfig(project(readFileSync(FIXTURE, "utf8")), "esc");
  assert.deepEqual(c.environments, ["okta-pomerium/okta"]);
  assert.deepEqual(c.unseen, ["okta:orgName", "okta:baseUrl", "okta:apiToken"]);
  assert.equal(c.config["okta:orgName"], "esc-placeholder");
  assert.equal(c.config["okta:apiToken"], "<secret okta:apiToken>");
  assert.deepEqual(c.secretKeys, ["okta:apiToken"]);
  // The file's own settings are read as they are.
  assert.equal(c.config["okta-pomerium:authenticateUrl"], "https://authenticate.esc.example.com");
  assert.deepEqual(c.notes, [
    "Pulumi.esc.yaml imports the ESC environment okta-pomerium/okta: an offline render cannot open it and reads nothing from it; `pulumi preview` does.",
    "okta:orgName is not in Pulumi.esc.yaml (it may come from okta-pomerium/okta): render could not see it and uses the placeholder esc-placeholder.",
    "okta:baseUrl is not in Pulumi.esc.yaml (it may come from okta-pomerium/okta): render could not see it and uses the placeholder okta.com.",
    "okta:apiToken is not set in Pulumi.esc.yaml (it may come from okta-pomerium/okta); a placeholder stands in offline.",
  ]);
});

test("every required setting may come from an environment; routes then name the file's group", () => {
  const c = readStackConfig(
    project(
      "environment: [a/common, a/qa]\nconfig:\n  okta-pomerium:groups: [{name: qa-admins, create: true}]\n",
      "qa",
    ),
    "qa",
  );
  assert.deepEqual(c.unseen, [
    "okta:orgName",
    "okta:baseUrl",
    "okta-pomerium:authenticateUrl",
    "okta-pomerium:routes",
    "okta:apiToken",
  ]);
  assert.deepEqual(JSON.parse(c.config["okta-pomerium:routes"])[0].allowGroups, ["qa-admins"]);
  assert.match(c.notes[0], /^Pulumi\.qa\.yaml imports the ESC environments a\/common, a\/qa: /);
  assert.match(c.notes.join("\n"), /okta-pomerium:routes is not in .* uses a placeholder list\./);
});

test("without environment: no placeholder for a missing required setting", () => {
  const c = readStackConfig(project("config:\n  okta-pomerium:protect: true\n", "x"), "x");
  assert.deepEqual(c.environments, []);
  assert.deepEqual(c.unseen, ["okta:apiToken"]);
  assert.ok(!("okta:orgName" in c.config));
});

test("fails in one line when environment is not a list of names", () =>
  assert.throws(() => readStackConfig(project("environment: okta\nconfig: {}\n"), "esc"), {
    message:
      'Pulumi.esc.yaml: environment must be a list of ESC environment names, e.g. [okta-pomerium/okta] (got "okta")',
  }));

test("render of the ESC fixture succeeds offline and writes the placeholder org", () => {
  const dir = project(readFileSync(FIXTURE, "utf8").replace(/-esc-/g, "-tmp-"), "tmp");
  const out = mkdtempSync(path.join(tmpdir(), "okta-pomerium-esc-out-"));
  const r = render(dir, out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^note: okta:orgName is not in Pulumi\.tmp\.yaml/m);
  assert.match(readFileSync(path.join(out, "tmp/okta.yaml"), "utf8"), /orgName: esc-placeholder/);
});
