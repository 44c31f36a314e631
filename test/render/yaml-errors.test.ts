// A YAML syntax error in a stack file or Pulumi.yaml is one line naming the file, line and column
// (render and new-stack), never a parser stack trace.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { copyStackConfig } from "../../scripts/new-stack";
import { projectWith, render } from "./cli";

const BROKEN = ["config:", "  okta:orgName: dev-1", "  okta-pomerium:routes: [a,", ""].join("\n");

test("render: a stack file with a syntax error is refused in one line with file, line and column", () => {
  const dir = projectWith({});
  writeFileSync(path.join(dir, "Pulumi.tmp.yaml"), BROKEN);
  const out = mkdtempSync(path.join(tmpdir(), "okta-pomerium-out-"));
  const r = render(dir, out);
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr.trim(),
    "Pulumi.tmp.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the syntax there and run again",
  );
});

test("render: a duplicate key in Pulumi.yaml names that file and line", () => {
  const dir = projectWith({ "okta:orgName": "dev-1" });
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: okta-pomerium\nname: again\n");
  const r = render(dir, mkdtempSync(path.join(tmpdir(), "okta-pomerium-out-")));
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr.trim(),
    "Pulumi.yaml:2:1: invalid YAML: Map keys must be unique; fix the syntax there and run again",
  );
});

test("new-stack: the source stack file's syntax error names it", () =>
  assert.throws(() => copyStackConfig("config:\n  a: b: c\n", "dev", "qa"), {
    message:
      "Pulumi.dev.yaml:2:6: invalid YAML: Nested mappings are not allowed in compact mappings; fix the syntax there and run again",
  }));
