// deploy.yml: every stack in rollout order (unprotected, then protected) after the tests, each in
// its GitHub environment, only from main, one concurrency group per stack that never cancels a
// running update.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { protectedStacks, stackNames } from "../../scripts/stacks";
import {
  assertStackMatrix,
  calledWorkflow,
  concurrencyOf,
  Dict,
  isPulumiAction,
  isReusable,
  job,
  needsOf,
  REUSABLE,
  ROOT,
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

test("deploy.yml updates every stack, one at a time in rollout order, after the tests", () => {
  const w = workflow("deploy.yml");
  const t = job(w, "test");
  const testRuns = (t.steps ?? []).map((s) => s.run);
  assert.ok(
    testRuns.includes("npm ci") && testRuns.includes("npm test"),
    "test job must run npm ci and npm test",
  );
  assert.deepEqual(needsOf(job(w, "up")).sort(), ["stacks", "test"]);
  assertStackMatrix(w, "up");
  // One after another, and a failure stops the rollout (nothing reaches a protected stack past a
  // failed one).
  const strategy = job(w, "up").strategy!;
  assert.equal(strategy["max-parallel"], 1);
  assert.equal(strategy["fail-fast"], true);
  // And this is the only stack update: `up`, for the matrix's stack.
  const calls = stackCalls(w);
  assert.deepEqual(
    calls.map((c) => c.id),
    ["up"],
  );
  assert.equal(calls[0]!.with["stack"], "${{ matrix.stack }}");
  assert.equal(calls[0]!.with["command"], "up");
});

test("the rollout order: unprotected stacks by name, then protected ones (the script and stackNames agree)", () => {
  const listed = (dir: string, ...flags: string[]) =>
    JSON.parse(
      execFileSync("bash", [path.join(ROOT, "scripts/ci/stacks.sh"), ...flags, dir], {
        encoding: "utf8",
      }),
    );
  assert.deepEqual(listed(ROOT), [...STACKS]);
  assert.deepEqual(listed(ROOT, "--protected"), protectedStacks(ROOT));
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-stacks-"));
  const files: Record<string, string> = {
    live: "config:\n  okta-pomerium:protect: true # reviewed\n",
    qa: "config:\n  okta-pomerium:protect: false\n",
    dev: "",
    eu2: "config:\n  okta-pomerium:protect:   true\n",
    Pulumi: "config:\n  # okta-pomerium:protect: true\n",
    "a.b": "",
  };
  for (const [s, text] of Object.entries(files))
    writeFileSync(path.join(dir, `Pulumi.${s}.yaml`), text);
  writeFileSync(path.join(dir, "Pulumi.yaml"), "okta-pomerium:protect: true\n");
  assert.deepEqual(listed(dir), ["Pulumi", "dev", "qa", "eu2", "live"]);
  assert.deepEqual(stackNames(dir), listed(dir));
  assert.deepEqual(listed(dir, "--protected"), ["eu2", "live"]);
  assert.deepEqual(protectedStacks(dir), ["eu2", "live"]);
  const empty = mkdtempSync(path.join(tmpdir(), "okta-pomerium-nostacks-"));
  assert.deepEqual(listed(empty), []);
  assert.deepEqual(listed(empty, "--protected"), []);
});

test("deploy.yml updates each stack in the GitHub environment of the same name", () => {
  const w = workflow("deploy.yml");
  assert.equal(job(w, "up").with?.["environment"], "${{ matrix.stack }}");
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
  // ...and refuse `up` outside the stack's environment, and a stack without a stack file.
  assert.match(reusable.text, /"\$COMMAND" = up \] && \[ "\$ENVIRONMENT" != "\$STACK" \]/);
  assert.match(reusable.text, /if \[ ! -f "Pulumi\.\$STACK\.yaml" \]; then/);
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
  assert.equal(updates, 1, "expected exactly one pulumi up job (a matrix over the stacks)");
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
  assert.equal(
    step.env?.["PULUMI_ACCESS_TOKEN"],
    "${{ steps.pulumi-auth.outputs.pulumi-access-token || secrets.PULUMI_ACCESS_TOKEN }}",
  );
  // continue-on-error would let a failed verify pass the job (and the next stack's update run).
  assert.equal((step as Record<string, unknown>)["continue-on-error"], undefined);
  for (const { with: w2 } of stackCalls(workflow("deploy.yml"))) assert.equal(w2["command"], "up");
});
