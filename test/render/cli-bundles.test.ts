// `npm run render` and `npm run access` run bundles (dist/render.js, dist/access.js, built with
// dist/index.js by scripts/build.js): the scripts name them, and each prints exactly what tsc's
// output of the same CLI prints, on a template and in the bootstrap project.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "./cli";

const OUT = mkdtempSync(path.join(tmpdir(), "okta-pomerium-cli-bundles-"));

const run = (file: string, args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, file), ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test("npm run render and npm run access run the bundles", () => {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  assert.equal(scripts.render, "node scripts/build.js && node dist/render.js");
  assert.equal(scripts.access, "node scripts/build.js && node dist/access.js");
});

for (const [bundle, unbundled, args] of [
  ["dist/render.js", "bin/scripts/render/render.js", ["--template", "controller", "--stdout"]],
  [
    "dist/render.js",
    "bin/scripts/render/render.js",
    ["--project", "bootstrap", "dev", "--out", OUT],
  ],
  ["dist/access.js", "bin/scripts/access/cli.js", ["dev", "--json"]],
  ["dist/access.js", "bin/scripts/access/cli.js", ["nope"]],
] as const)
  test(`${bundle} ${args.map((a) => (a === OUT ? "<dir>" : a)).join(" ")}: as tsc's output`, () => {
    const a = run(bundle, [...args]);
    const b = run(unbundled, [...args]);
    assert.deepEqual(a, b);
    assert.ok(a.stdout.length + a.stderr.length > 0);
  });
