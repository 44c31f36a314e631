// A company makes the repository its own: on a copy with every root stack file deleted and one
// stack per template added by `npm run new-stack` (and, separately, with the quick start's stack
// alone), the stack checks, the budgets, the secret audit and the policy pack run over whatever
// stacks are there, and pass; the workflows' stack list is theirs. The suites read the copy through
// OKTA_POMERIUM_STACKS_DIR (test/stack-files.ts); the repository's templates are checked by the
// repository's own run, so the copies hold the project file and their stack files only. The two
// copies run side by side, each in one process.
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, test } from "node:test";
import { fromTemplate } from "../../scripts/new-stack";
import { stackNames, templateFile, templateNames } from "../../scripts/stacks";
import { REPO } from "../stack-files";

const SUITES = [
  "render/stacks.test.js",
  "program/budgets-stacks.test.js",
  "program/secrets.test.js",
  "guardrails/policy-pack.test.js",
];

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-copy-"));
  copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  return dir;
}

/**
 * The four suites over the stacks in `dir`, in one process (one load of the SDK, as the shards do):
 * their TAP output (the run must pass).
 */
async function suites(dir: string): Promise<string> {
  const files = SUITES.map((f) => path.join(REPO, "bin/test", f));
  const run = await promisify(execFile)(
    process.execPath,
    ["--test-reporter=tap", "-e", files.map((f) => `require(${JSON.stringify(f)});`).join("")],
    // Without NODE_TEST_CONTEXT, which would make the inner runner report to this one.
    {
      env: { ...process.env, NODE_TEST_CONTEXT: undefined, OKTA_POMERIUM_STACKS_DIR: dir },
      maxBuffer: 1 << 26,
    },
  ).catch((e: { stdout: string; code: number }) => e);
  assert.equal(
    "code" in run ? run.code : 0,
    0,
    run.stdout
      .split("\n")
      .filter((l) => /not ok|error/.test(l))
      .join("\n"),
  );
  return run.stdout;
}

describe("a copy of the repository with other stack files", { concurrency: true }, () => {
  test("only the company's stacks, one per template: every check passes on each", async () => {
    const dir = copy();
    // What `npm run new-stack -- my<shape> --template <shape>` writes (the CLI: templates.test.ts).
    const shapes = templateNames(REPO);
    for (const shape of shapes)
      writeFileSync(
        path.join(dir, `Pulumi.my${shape}.yaml`),
        fromTemplate(readFileSync(templateFile(REPO, shape), "utf8"), shape, `my${shape}`).text,
      );
    const stacks = shapes.map((s) => `my${s}`);
    // The workflows' list: theirs, the protected one last.
    const listed = JSON.parse(
      execFileSync("bash", [path.join(REPO, "scripts/ci/stacks.sh"), dir], { encoding: "utf8" }),
    );
    assert.deepEqual(listed, [...stacks.filter((s) => s !== "myproduction"), "myproduction"]);
    assert.deepEqual(stackNames(dir), listed);
    const out = await suites(dir);
    for (const s of stacks) {
      assert.match(out, new RegExp(`^ +ok \\d+ - Pulumi\\.${s}\\.yaml renders`, "m"), s);
      assert.match(
        out,
        new RegExp(`^ +ok \\d+ - Pulumi\\.${s}\\.yaml passes every policy`, "m"),
        s,
      );
      assert.match(
        out,
        new RegExp(`^ +ok \\d+ - Pulumi\\.${s}\\.yaml \\(apiToken\\): markers only`, "m"),
        s,
      );
    }
    assert.doesNotMatch(out, /templates\//, "the copy's checks ran over its own stacks only");
  });

  test("the quick start's stack alone: every check passes", async () => {
    // Pulumi.dev.yaml as the repository ships it: `new-stack -- dev --template quickstart` (written
    // afresh, so the test does not depend on the root's file, which a company may have replaced).
    const dir = copy();
    const quickstart = readFileSync(templateFile(REPO, "quickstart"), "utf8");
    writeFileSync(
      path.join(dir, "Pulumi.dev.yaml"),
      fromTemplate(quickstart, "quickstart", "dev").text,
    );
    const out = await suites(dir);
    assert.match(out, /^ +ok \d+ - Pulumi\.dev\.yaml renders/m);
    assert.match(out, /^ +ok \d+ - Pulumi\.dev\.yaml passes every policy/m);
    assert.match(out, /^ +ok \d+ - Pulumi\.dev\.yaml \(serviceApp\): markers only/m);
  });
});
