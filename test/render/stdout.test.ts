// `render <stack> --stdout`: the Kubernetes YAML alone on standard output (like `helm template`),
// byte-identical to kubernetes.yaml, notes and warnings on standard error, no files written.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { parseAllDocuments } from "yaml";
import { ROOT } from "./cli";

const RENDER = path.join(ROOT, "dist/render.js");
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [RENDER, ...args], { cwd, encoding: "utf8" });

test("render --stdout writes exactly kubernetes.yaml to stdout and nothing to disk", () => {
  const cwd = mkdtempSync(path.join(tmpdir(), "okta-pomerium-stdout-"));
  const piped = run(["--template", "quickstart", "--stdout"], cwd);
  assert.equal(piped.status, 0, piped.stderr);
  assert.ok(!existsSync(path.join(cwd, "out")), "no out/ directory");
  const files = run(["--template", "quickstart", "--out", "out"], cwd);
  assert.equal(files.status, 0, files.stderr);
  assert.equal(
    piped.stdout,
    readFileSync(path.join(cwd, "out/quickstart/kubernetes.yaml"), "utf8"),
  );
  const kinds = parseAllDocuments(piped.stdout).map((d) => d.toJS()?.kind);
  assert.ok(kinds.includes("Deployment") && kinds.includes("Namespace"), kinds.join());
  // What is not YAML goes to stderr: the secret's note and each placeholder's warning, once each.
  assert.match(piped.stderr, /^note: okta:privateKey is not set/m);
  assert.equal(piped.stderr.match(/^warning: .*okta:orgName is still a placeholder/gm)?.length, 1);
  assert.equal(piped.stderr.match(/is still a placeholder/g)?.length, 8);
});

test("render refuses --stdout together with --out", () => {
  const r = run(["--template", "quickstart", "--stdout", "--out", "x"], ROOT);
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr.trim(),
    "usage: npm run render -- [--project bootstrap] <stack> [--out DIR | --stdout]\n       npm run render -- --template <shape> [--out DIR | --stdout]",
  );
  assert.equal(r.stdout, "");
});
