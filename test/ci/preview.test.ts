// preview.yml: every stack previewed on pull requests after the tests, one at a time (Okta rate
// limits), commented on the pull request, rendered offline and uploaded; every stack file covered.

import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import {
  calledWorkflow,
  concurrencyOf,
  Dict,
  isPulumiAction,
  job,
  assertStackMatrix,
  needsOf,
  pulumiStep,
  REUSABLE,
  ROOT,
  STACKS,
  triggers,
  workflow,
  WORKFLOWS,
} from "./workflows";

test("preview.yml runs on pull requests to main and previews after the tests", () => {
  const w = workflow("preview.yml");
  const t = triggers(w.wf);
  assert.deepEqual([...t.keys()], ["pull_request"]);
  assert.deepEqual((t.get("pull_request") as Dict | null)?.["branches"], ["main"]);
  const testRuns = (job(w, "test").steps ?? []).map((s) => s.run);
  assert.ok(
    testRuns.includes("npm ci") && testRuns.includes("npm test"),
    "test job must run npm ci and npm test",
  );
  assert.deepEqual(needsOf(job(w, "preview")).sort(), ["stacks", "test"]);
});

test("preview.yml previews every stack (the stacks job's list) with comment-on-pr true", () => {
  const w = workflow("preview.yml");
  const p = job(w, "preview");
  assertStackMatrix(w, "preview");
  assert.equal(p.with?.["stack"], "${{ matrix.stack }}");
  assert.equal(p.with?.["command"], "preview");
  assert.equal(p.with?.["comment-on-pr"], true);
  assert.equal(p.with?.["render"], true);
  assert.equal(p.environment, undefined);
  // Only a protected stack's preview (which can decrypt its secrets) waits in a reviewer-protected
  // environment: the stacks job lists them (stacks.sh --protected), no stack is named.
  assert.equal(
    p.with?.["environment"],
    "${{ contains(fromJSON(needs.stacks.outputs.protected), matrix.stack) && format('{0}-preview', matrix.stack) || '' }}",
  );
  const list = job(w, "stacks");
  assert.equal(list.outputs?.["protected"], "${{ steps.list.outputs.protected }}");
  assert.equal(
    list.steps
      ?.find((s) => s.id === "list")
      ?.run?.trim()
      .split("\n")[1],
    'echo "protected=$(scripts/ci/stacks.sh --protected)" >> "$GITHUB_OUTPUT"',
  );

  // The reusable workflow forwards command and comment-on-pr to pulumi/actions,
  // with a token to post the comment.
  const step = pulumiStep(workflow(REUSABLE));
  assert.match(String(step.uses), /^pulumi\/actions@v7$/);
  assert.equal(step.with?.["command"], "${{ inputs.command }}");
  assert.equal(step.with?.["comment-on-pr"], "${{ inputs.comment-on-pr }}");
  assert.equal(step.with?.["github-token"], "${{ github.token }}");
  assert.match(String(step.with?.["stack-name"]), /inputs\.stack/);
  assert.equal(
    step.env?.["PULUMI_ACCESS_TOKEN"],
    "${{ steps.pulumi-auth.outputs.pulumi-access-token || secrets.PULUMI_ACCESS_TOKEN }}",
  );
});

test("every Pulumi.<stack>.yaml at the repo root is previewed and deployed (both matrices list them all)", () => {
  const stackFiles = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined);
  assert.deepEqual([...STACKS].sort(), stackFiles.sort());
  for (const [file, id] of [
    ["preview.yml", "preview"],
    ["deploy.yml", "up"],
    ["drift.yml", "check"],
    ["drift.yml", "issue"],
  ] as const)
    assertStackMatrix(workflow(file), id);
  // No workflow names a stack: a company deletes or replaces every root stack file.
  for (const w of WORKFLOWS.values()) assert.doesNotMatch(w.text, /\b(dev|staging|prod)\b/, w.rel);
});

test("preview.yml cancels an older preview of the same PR and stack", () => {
  const c = concurrencyOf(job(workflow("preview.yml"), "preview"));
  assert.ok(c, "preview job needs a concurrency group");
  const group = String(c.group);
  assert.match(group, /github\.event\.pull_request\.number/, "group must be per PR");
  assert.match(group, /matrix\.stack/, "group must be per stack");
  assert.equal(c["cancel-in-progress"], true);
});

test("Pulumi matrices run one job at a time (Okta rate limits); previews without fail-fast, the rollout with it", () => {
  let matrices = 0;
  for (const w of WORKFLOWS.values()) {
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      if (!j.strategy?.matrix) continue;
      const pulumi = calledWorkflow(j)?.file === REUSABLE || (j.steps ?? []).some(isPulumiAction);
      if (!pulumi) continue;
      matrices++;
      assert.equal(j.strategy["max-parallel"], 1, `${w.rel} job "${id}": max-parallel must be 1`);
      const up = j.with?.["command"] === "up";
      assert.equal(j.strategy["fail-fast"], up, `${w.rel} job "${id}": fail-fast must be ${up}`);
    }
  }
  assert.equal(matrices, 3, "expected the preview, the deploy and the drift check matrix");
  // The reusable workflow itself must not fan out.
  for (const j of Object.values(workflow(REUSABLE).wf.jobs)) assert.equal(j.strategy, undefined);
});

test("preview renders the stack offline and uploads out/<stack> as rendered-<stack>", () => {
  const steps = Object.values(workflow(REUSABLE).wf.jobs).flatMap((j) => j.steps ?? []);
  const render = steps.find((s) => typeof s.run === "string" && s.run.includes("npm run render"));
  assert.ok(render, "no npm run render step");
  assert.equal(render.run?.trim(), 'npm run render -- "$STACK" --out out');
  assert.equal(render.env?.["STACK"], "${{ inputs.stack }}");
  const upload = steps.find((s) => s.uses === "actions/upload-artifact@v4");
  assert.ok(upload, "no actions/upload-artifact@v4 step");
  assert.equal(upload.with?.["name"], "rendered-${{ inputs.stack }}");
  assert.equal(upload.with?.["path"], "out/${{ inputs.stack }}");
});
