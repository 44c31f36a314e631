// npm test's reporter: one line per top-level suite, failures in full, skipped tests named, node's
// summary lines, and last `N passed, N failed` alone on its line; checked on a real `node --test`
// run of a small file and on events fed to the summary directly.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { Summary, TestEvent } from "../../scripts/test/summary";

const ROOT = path.resolve(__dirname, "../../..");
const REPORTER = path.join(ROOT, "bin/scripts/test/reporter.js");

const FIXTURE = `
const { describe, test } = require("node:test");
const assert = require("node:assert/strict");
describe("outer", () => {
  test("ok one", () => {});
  describe("inner", () => {
    test("bad deep", () => assert.deepEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }));
    test("ok two", () => {});
  });
  test.skip("skipped one", () => {});
});
test("top ok", () => {});
`;

/** `node --test` with the reporter on one file, outside this runner's own context. */
function run(source: string): { out: string; status: number | null } {
  const dir = mkdtempSync(path.join(tmpdir(), "reporter-"));
  try {
    const file = path.join(dir, "fixture.test.js");
    writeFileSync(file, source);
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(process.execPath, ["--test", `--test-reporter=${REPORTER}`, file], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    return { out: r.stdout, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("npm test's reporter", () => {
  test("a real run: counts, the failure in full, the skipped test, the closing line last", () => {
    const { out, status } = run(FIXTURE);
    assert.equal(status, 1, out);
    const lines = out.trimEnd().split("\n");
    assert.equal(lines[lines.length - 1], "3 passed, 1 failed, 1 skipped");
    assert.ok(lines.includes("✖ outer (1 of 3 failed)"), out);
    assert.ok(lines.includes("✔ top ok (1 passed)"), out);
    assert.match(out, /✖ outer > inner > bad deep \(.*fixture\.test\.js:7\)\n {4}AssertionError/);
    assert.match(out, /\+ {5}2\n {4}- {5}3/, "the diff");
    assert.match(out, /at TestContext\.<anonymous> \(.*fixture\.test\.js:7/, "the test's frame");
    assert.doesNotMatch(out, /\(node:internal/, "node's own frames left out");
    assert.match(out, /Skipped:\n {2}outer > skipped one \(skip\)/);
    assert.match(out, /Failed \(1\):\n {2}✖ outer > inner > bad deep/);
    assert.match(out, /^ℹ pass 3$/m);
    assert.match(out, /^ℹ fail 1$/m);
    assert.ok(lines.length < 60, `${lines.length} lines`);
  });

  test("a passing run prints no error and closes on its counts", () => {
    const { out, status } = run(`require("node:test").test("fine", () => {});`);
    assert.equal(status, 0, out);
    assert.doesNotMatch(out, /✖|Failed/);
    assert.equal(out.trimEnd().split("\n").pop(), "1 passed, 0 failed");
  });

  const ev = (type: string, data: Partial<TestEvent["data"]>): TestEvent => ({
    type,
    data: { name: "?", nesting: 0, file: "f.js", ...data },
  });

  test("suites count their leaf tests only; a failing parent is not a second failure", () => {
    const s = new Summary();
    const out = [
      ev("test:start", { name: "A" }),
      ev("test:start", { name: "t1", nesting: 1 }),
      ev("test:pass", { name: "t1", nesting: 1, details: { type: "test" } }),
      ev("test:start", { name: "t2", nesting: 1 }),
      ev("test:fail", {
        name: "t2",
        nesting: 1,
        details: { type: "test", error: { failureType: "testCodeFailure" } },
      }),
      ev("test:fail", {
        name: "A",
        details: { type: "suite", error: { failureType: "subtestsFailed" }, duration_ms: 2500 },
      }),
    ].flatMap((e) => s.event(e));
    assert.equal(out.filter((l) => l.startsWith("✖ A > t2")).length, 1);
    assert.ok(!out.some((l) => l.startsWith("✖ A (f.js")), "the suite is not reported in full");
    assert.ok(out.includes("✖ A (1 of 2 failed, 2.5 s)"), out.join("\n"));
    assert.equal(s.end().pop(), "1 passed, 1 failed");
  });

  test("node's summary diagnostics are kept and win over the reporter's own count", () => {
    const s = new Summary();
    s.event(ev("test:pass", { name: "x", details: { type: "test" } }));
    for (const m of ["tests 5", "pass 4", "fail 1", "skipped 0", "todo 0"])
      s.event(ev("test:diagnostic", { message: m }));
    s.event(ev("test:diagnostic", { nesting: 2, message: "pass 99" }));
    const end = s.end();
    assert.ok(end.includes("ℹ tests 5") && end.includes("ℹ pass 4"), end.join("\n"));
    assert.equal(end.pop(), "4 passed, 1 failed");
  });

  test("output a test prints is shown, marked", () => {
    const s = new Summary();
    assert.deepEqual(s.event(ev("test:stdout", { message: "hello\n" })), ["  | hello"]);
  });
});
