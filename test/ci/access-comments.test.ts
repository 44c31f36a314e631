// The access job of preview.yml and its script: every stack's diff against the pull request's base
// commit, one comment per stack whose access changed, updated in place (never a second one), and
// an earlier comment corrected when the change is gone. Run with stand-ins for `gh` and the CLI.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { job, needsOf, ROOT, workflow } from "./workflows";

const SCRIPT = path.join(ROOT, "scripts/ci/access-comments.sh");
const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-access-ci-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("preview.yml's access job: the stacks list, full history, the script with the base sha", () => {
  const j = job(workflow("preview.yml"), "access");
  assert.deepEqual(needsOf(j), ["stacks"]);
  assert.equal(j.if, "github.event.pull_request.head.repo.full_name == github.repository");
  const steps = j.steps ?? [];
  assert.equal(steps[0].with?.["fetch-depth"], 0);
  assert.equal(steps[0].with?.["persist-credentials"], false);
  const last = steps[steps.length - 1];
  assert.equal(last.run, "scripts/ci/access-comments.sh");
  assert.deepEqual(last.env, {
    STACKS: "${{ needs.stacks.outputs.stacks }}",
    BASE_SHA: "${{ github.event.pull_request.base.sha }}",
    PR_NUMBER: "${{ github.event.pull_request.number }}",
    GH_TOKEN: "${{ github.token }}",
  });
  assert.deepEqual(steps.map((s) => s.run).filter(Boolean), [
    "npm ci",
    "node scripts/build.js",
    "scripts/ci/access-comments.sh",
  ]);
});

/**
 * Runs the script with a fake CLI (`changed` stacks report one change) and a fake `gh` whose
 * existing comments are `existing` (stack -> comment id); returns the gh calls that wrote.
 */
function runScript(changed: string[], existing: Record<string, number>): string[] {
  const log = path.join(dir, "gh.log");
  writeFileSync(log, "");
  const cli = path.join(dir, "cli.js");
  writeFileSync(
    cli,
    `const [stack, , base, json] = process.argv.slice(2);
     const changed = ${JSON.stringify(changed)}.includes(stack);
     if (base !== "abc123") process.exit(3);
     process.stdout.write(json ? (changed ? '[{"change":"granted"}]' : "[]") : "## diff of " + stack + "\\n");`,
  );
  const comments = Object.entries(existing).map(([s, id]) => ({
    id,
    body: `<!-- okta-pomerium access diff: ${s} -->\nold`,
  }));
  const gh = path.join(dir, "gh");
  writeFileSync(
    gh,
    `#!/usr/bin/env bash
     if [ "$2" = "--paginate" ]; then printf '%s' '${JSON.stringify(comments)}' | jq -r "$5"; exit 0; fi
     body=""; for a in "$@"; do case "$a" in body=@*) body=$(tr '\\n' ' ' < "\${a#body=@}");; esac; done
     echo "$3 $4 $body" >> "${log}"`,
  );
  chmodSync(gh, 0o755);
  execFileSync("bash", [SCRIPT], {
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH}`,
      STACKS: '["dev","staging","prod"]',
      BASE_SHA: "abc123",
      PR_NUMBER: "7",
      GITHUB_REPOSITORY: "o/r",
      ACCESS_CLI: cli,
      GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
    },
    encoding: "utf8",
  });
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

test("a comment for each stack whose access changed, none for the others", () =>
  assert.deepEqual(runScript(["dev", "prod"], {}), [
    "POST repos/o/r/issues/7/comments <!-- okta-pomerium access diff: dev --> ## diff of dev ",
    "POST repos/o/r/issues/7/comments <!-- okta-pomerium access diff: prod --> ## diff of prod ",
  ]));

test("a stack's earlier comment is updated in place; one whose change is gone says so", () =>
  assert.deepEqual(runScript(["dev"], { dev: 11, staging: 12 }), [
    "PATCH repos/o/r/issues/comments/11 <!-- okta-pomerium access diff: dev --> ## diff of dev ",
    "PATCH repos/o/r/issues/comments/12 <!-- okta-pomerium access diff: staging --> ## Access changes: stack staging  No change in access any more. ",
  ]));

test("every stack's diff goes to the job summary", () => {
  rmSync(path.join(dir, "summary.md"), { force: true });
  runScript([], {});
  assert.equal(
    readFileSync(path.join(dir, "summary.md"), "utf8"),
    "## diff of dev\n## diff of staging\n## diff of prod\n",
  );
});
