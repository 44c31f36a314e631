// `npm run bench -- --baseline DIR`: the checkout it compares with is checked before anything is
// measured, and the before/after rows judge the budget on the baseline's own ratio.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { baselineCases, baselineFrom, baselineRows } from "../../scripts/bench-baseline";

function checkout(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-baseline-"));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), "");
  }
  return dir;
}
const ALL = ["bin/scripts/bench-eval.js", "dist/index.js", "node_modules/@pulumi/pulumi"];

test("no --baseline: none", () => assert.equal(baselineFrom(["--quick"]), undefined));

test("a checkout without its build or install is refused, naming what is missing and the fix", () => {
  for (const missing of ALL) {
    const dir = checkout(ALL.filter((f) => f !== missing));
    assert.throws(
      () => baselineFrom(["--baseline", dir]),
      new RegExp(`--baseline .*: no ${missing}; run npm ci there`),
    );
  }
});

test("a missing Node is refused; the default is this process's Node", () => {
  const dir = checkout(ALL);
  assert.throws(
    () => baselineFrom(["--baseline", dir, "--baseline-node", path.join(dir, "nope")]),
    /--baseline-node .*nope: no such file/,
  );
  assert.deepEqual(baselineFrom(["--baseline", dir]), { dir, node: process.execPath });
  const cases = baselineCases({ dir, node: "/n" }, "/c.json");
  assert.deepEqual(cases["before-dev"], {
    node: "/n",
    script: path.join(dir, "bin/scripts/bench-eval.js"),
    args: ["program", path.join(dir, "dist/index.js"), "/c.json", "dev"],
  });
});

test("rows: the baseline's dev budget on its own bare import, at the limit and over it", () => {
  const rows = (beforeDev: number[]) =>
    baselineRows(
      {
        bare: [100, 100, 100],
        dev: [120, 120, 120],
        "before-bare": [100, 100, 100],
        "before-dev": beforeDev,
      },
      "v20",
    );
  assert.equal(rows([130, 130, 130])[1]![3], true);
  assert.equal(rows([131, 131, 131])[1]![3], false);
  const r = rows([150, 150, 150]);
  assert.match(r[0]![0], /^before \(v20\)/);
  assert.match(r[3]![1], /^0\.80x before/);
  assert.match(r[2]![1], /^1\.00x before/);
});
