// The build (scripts/build.js) and the bundle's freshness check (scripts/build/): an up-to-date
// build does nothing, and a bundle whose sources changed refuses to run, naming them and the fix.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { staleInputs, staleMessage } from "../../scripts/build/freshness";
import { evaluate } from "../../scripts/render/mock-runtime";
import { configOf, template } from "../stack-files";

const ROOT = path.resolve(__dirname, "../../..");
const DIST = path.join(ROOT, "dist");
const bundled = () =>
  Object.keys(JSON.parse(readFileSync(path.join(DIST, "index.sources.json"), "utf8")).files);

/** A copy of the bundle, its source list and its sources, with the project's node_modules. */
function copyOfBundle(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-bundle-"));
  mkdirSync(path.join(dir, "dist"));
  for (const f of ["index.js", "index.sources.json"])
    copyFileSync(path.join(DIST, f), path.join(dir, "dist", f));
  for (const f of bundled()) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

describe("build and bundle freshness", () => {
  test("the bundle lists its own inputs: the entry, the program, the settings; no package code", () => {
    const files = bundled();
    for (const f of ["scripts/build/entry.ts", "index.ts", "stack/program.ts"])
      assert.ok(files.includes(f), f);
    assert.ok(files.some((f) => f.startsWith("stack/settings/")));
    assert.ok(!files.some((f) => f.includes("node_modules")));
    // Not the CLIs' inputs, built by the same esbuild run: a change to them leaves Pulumi's entry fresh.
    assert.deepEqual(
      files.filter((f) => /^scripts\/(render|access)\//.test(f)),
      [],
    );
    assert.deepEqual(staleInputs(DIST), [], "npm test builds first: the bundle is fresh");
  });

  test("a changed, a removed source and a missing list make the bundle stale", () => {
    const dir = copyOfBundle();
    const dist = path.join(dir, "dist");
    assert.deepEqual(staleInputs(dist), []);
    writeFileSync(path.join(dir, "stack/program.ts"), "// edited\n", { flag: "a" });
    rmSync(path.join(dir, "index.ts"));
    assert.deepEqual(staleInputs(dist), ["index.ts", "stack/program.ts"]);
    rmSync(path.join(dist, "index.sources.json"));
    assert.deepEqual(staleInputs(dist), ["dist/index.sources.json (missing)"]);
  });

  test("a stale bundle refuses to run before registering anything, naming the change and the fix", async () => {
    const dir = copyOfBundle();
    writeFileSync(path.join(dir, "stack/program.ts"), "// edited\n", { flag: "a" });
    const { config } = configOf(template("quickstart"));
    const { recording, result } = await evaluate(config, "quickstart", () => {
      try {
        require(path.join(dir, "dist", "index.js"));
        return undefined;
      } catch (e) {
        return e as Error;
      }
    });
    assert.equal(recording.registrations.length, 0);
    assert.ok(pulumi.RunError.isInstance(result), String(result));
    assert.equal(
      result?.message,
      "dist/index.js is older than its sources (changed since the last build: stack/program.ts). Run `npm run build`, then run pulumi again.",
    );
  });

  test("the message shows at most five changed files", () =>
    assert.equal(
      staleMessage(["a", "b", "c", "d", "e", "f", "g"]),
      "dist/index.js is older than its sources (changed since the last build: a, b, c, d, e, … (7)). Run `npm run build`, then run pulumi again.",
    ));

  test("an up-to-date build compiles nothing and leaves the outputs untouched", () => {
    const before = ["dist/index.js", "bin/index.js"].map(
      (f) => statSync(path.join(ROOT, f)).mtimeMs,
    );
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/build.js")], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout + r.stderr, "");
    const after = ["dist/index.js", "bin/index.js"].map(
      (f) => statSync(path.join(ROOT, f)).mtimeMs,
    );
    assert.deepEqual(after, before);
  });
});
