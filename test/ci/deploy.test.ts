// deploy.yml: dev -> staging -> prod after the tests, each stack in its GitHub environment, only
// from main, one concurrency group per stack that never cancels a running update.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  calledWorkflow,
  concurrencyOf,
  Dict,
  isPulumiAction,
  isReusable,
  job,
  needsOf,
  REUSABLE,
  STACKS,
  stackCalls,
  triggers,
  workflow,
  WORKFLOWS,
} from "./workflows";

test("deploy.yml runs on push to main and on workflow_dispatch", () => {
  const t = triggers(workflow("deploy.yml").wf);
  assert.deepEqual([...t.keys()].sort(), ["push", "workflow_dispatch"]);
  assert.deepEqual((t.get("push") as Dict | null)?.["branches"], ["main"]);
});

test("deploy.yml updates dev, then staging, then prod, after the tests (needs chain)", () => {
  const w = workflow("deploy.yml");
  const t = job(w, "test");
  const testRuns = (t.steps ?? []).map((s) => s.run);
  assert.ok(
    testRuns.includes("npm ci") && testRuns.includes("npm test"),
    "test job must run npm ci and npm test",
  );

  assert.deepEqual(needsOf(job(w, "up-dev")), ["test"]);
  assert.deepEqual(needsOf(job(w, "up-staging")), ["up-dev"]);
  assert.deepEqual(needsOf(job(w, "up-prod")), ["up-staging"]);

  // And these are the only stack updates, one per stack, each an `up`.
  const calls = stackCalls(w);
  assert.deepEqual(calls.map((c) => c.id).sort(), ["up-dev", "up-prod", "up-staging"]);
  for (const stack of STACKS) {
    const c = calls.find((x) => x.id === `up-${stack}`)!;
    assert.equal(c.with["stack"], stack, `up-${stack} must update stack ${stack}`);
    assert.equal(c.with["command"], "up", `up-${stack} must run pulumi up`);
  }
});

test("deploy.yml updates each stack in the GitHub environment of the same name (prod in `prod`)", () => {
  const w = workflow("deploy.yml");
  for (const stack of STACKS) {
    const c = job(w, `up-${stack}`);
    assert.equal(c.with?.["environment"], stack, `up-${stack} must run in environment "${stack}"`);
  }
  // The reusable workflow must actually put its job in that environment.
  const reusable = workflow(REUSABLE);
  for (const [id, j] of Object.entries(reusable.wf.jobs)) {
    const env =
      typeof j.environment === "object" && j.environment !== null
        ? (j.environment as Dict)["name"]
        : j.environment;
    assert.equal(
      typeof env === "string" ? env.replace(/\s+/g, "") : env,
      "${{inputs.environment}}",
      `${reusable.rel} job "${id}" must set environment from inputs.environment`,
    );
  }
  // ...and refuse `up` outside the stack's environment.
  assert.match(reusable.text, /"\$COMMAND" = up \] && \[ "\$ENVIRONMENT" != "\$STACK" \]/);
});

test("deploy.yml only updates stacks from refs/heads/main (workflow_dispatch can target any branch)", () => {
  const w = workflow("deploy.yml");
  for (const c of stackCalls(w)) {
    assert.equal(
      c.job.if,
      "github.ref == 'refs/heads/main'",
      `${c.id} must be guarded by the main ref`,
    );
  }
});

test("every stack update has its own per-stack concurrency group with cancel-in-progress false", () => {
  let updates = 0;
  const groups = new Set<string>();
  for (const w of WORKFLOWS.values()) {
    if (isReusable(w)) continue; // concurrency is set by the callers
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      const callsUp = calledWorkflow(j)?.file === REUSABLE && j.with?.["command"] === "up";
      const stepsUp = (j.steps ?? []).some(
        (s) => isPulumiAction(s) && s.with?.["command"] === "up",
      );
      if (!callsUp && !stepsUp) continue;
      updates++;
      const stack = String(j.with?.["stack"] ?? "");
      const c = concurrencyOf(j);
      assert.ok(c, `${w.rel} job "${id}" updates a stack without a concurrency group`);
      assert.equal(
        c.group,
        `pulumi-okta-pomerium-${stack}`,
        `${w.rel} job "${id}": concurrency group must be per stack`,
      );
      assert.equal(
        c["cancel-in-progress"],
        false,
        `${w.rel} job "${id}": a running pulumi up must never be cancelled`,
      );
      assert.ok(
        !groups.has(String(c.group)),
        `${w.rel} job "${id}": concurrency group ${String(c.group)} used twice`,
      );
      groups.add(String(c.group));
    }
  }
  assert.equal(updates, STACKS.length, "expected exactly one pulumi up job per stack");
});

test("after each up, the same job verifies the deployment from outside, and only after an up", () => {
  const w = workflow(REUSABLE);
  const steps = Object.values(w.wf.jobs).flatMap((j) => j.steps ?? []);
  const up = steps.findIndex(isPulumiAction);
  const verify = steps.findIndex((s) => s.name === "Verify the deployment");
  assert.ok(verify > up && up >= 0, "the verify step runs after the pulumi step");
  const step = steps[verify]!;
  assert.equal(step.if, "inputs.command == 'up'");
  assert.equal(step.run, 'npm run -s verify -- "$STACK_NAME" --timeout 300');
  // The stack it verifies is the one pulumi updated (same expression).
  assert.equal(step.env?.["STACK_NAME"], steps[up]!.with?.["stack-name"]);
  assert.equal(step.env?.["PULUMI_ACCESS_TOKEN"], "${{ secrets.PULUMI_ACCESS_TOKEN }}");
  // continue-on-error would let a failed verify pass the job (and the next stack's update run).
  assert.equal((step as Record<string, unknown>)["continue-on-error"], undefined);
  for (const { with: w2 } of stackCalls(workflow("deploy.yml"))) assert.equal(w2["command"], "up");
});
