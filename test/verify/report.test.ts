// The report's shape: one line per check (or one JSON object per check), then the summary.
import assert from "node:assert/strict";
import { test } from "node:test";
import { line, report, summary } from "../../scripts/verify/report";
import { fail, pass, skip } from "../../scripts/verify/result";

const results = [
  pass("issuer discovery", "issuer X", "issuer X, endpoints present"),
  fail("app registration", "no 400", "400, the client id is refused", "use the app's client id"),
  skip("issuer PKCE", "S256", "not checked: Pomerium v0.32.0 sends no PKCE"),
];

test("one line per check: status, check, expected, seen, and the fix of a failure", () => {
  assert.deepEqual(results.map(line), [
    "PASS issuer discovery | expected: issuer X | seen: issuer X, endpoints present",
    "FAIL app registration | expected: no 400 | seen: 400, the client id is refused | fix: use the app's client id",
    "SKIP issuer PKCE | expected: S256 | seen: not checked: Pomerium v0.32.0 sends no PKCE",
  ]);
});

test("the summary counts each status and says whether the stack is verified", () => {
  assert.equal(
    summary(results, "dev", 1234),
    "dev: NOT verified: 1 passed, 1 failed, 1 skipped (1.2 s)",
  );
  assert.equal(
    summary([results[0]], "dev", 50),
    "dev: verified: 1 passed, 0 failed, 0 skipped (0.1 s)",
  );
});

test("text: the lines, then the summary; --json: exactly one object per check", () => {
  const text = report(results, "dev", 1000, false).split("\n");
  assert.equal(text.length, 4);
  assert.equal(text[3], summary(results, "dev", 1000));
  const json = report(results, "dev", 1000, true)
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(json, results);
});
