// Least privilege and secret hygiene: minimal GITHUB_TOKEN permissions, no ${{ }} in run: scripts,
// secrets only in the steps that need them, and the kubeconfig written privately, never echoed.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  allSteps,
  expressions,
  job,
  referencesSecret,
  REUSABLE,
  workflow,
  WORKFLOWS,
} from "./workflows";

test("GITHUB_TOKEN permissions are minimal: contents read; pull-requests write only for previews and access diffs; issues write only for drift issues; id-token write only where Pulumi runs", () => {
  for (const f of ["preview.yml", "deploy.yml", "drift.yml"]) {
    assert.deepEqual(
      workflow(f).wf.permissions,
      { contents: "read" },
      `${f}: top-level permissions`,
    );
  }
  const reusable = workflow(REUSABLE);
  assert.equal(
    reusable.wf.permissions,
    undefined,
    `${REUSABLE} must inherit (not widen) the caller's permissions`,
  );
  for (const j of Object.values(reusable.wf.jobs)) assert.equal(j.permissions, undefined);

  assert.deepEqual(job(workflow("preview.yml"), "preview").permissions, {
    contents: "read",
    "pull-requests": "write",
    "id-token": "write",
  });
  // The OIDC token buys a Pulumi Cloud token: only the stack updates may ask for one.
  assert.deepEqual(job(workflow("deploy.yml"), "up").permissions, {
    contents: "read",
    "id-token": "write",
  });
  // The access diff comments: write to the pull request, nothing else.
  assert.deepEqual(job(workflow("preview.yml"), "access").permissions, {
    contents: "read",
    "pull-requests": "write",
  });
  // The drift check reads the stacks (id-token); its issue job, which holds no secret, writes issues.
  assert.deepEqual(job(workflow("drift.yml"), "check").permissions, {
    contents: "read",
    "id-token": "write",
  });
  assert.deepEqual(job(workflow("drift.yml"), "issue").permissions, {
    contents: "read",
    issues: "write",
  });
  for (const w of WORKFLOWS.values()) {
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      if (w.file === "preview.yml" && (id === "preview" || id === "access")) continue;
      if (w.file === "deploy.yml" && id === "up") continue;
      if (w.file === "drift.yml" && (id === "check" || id === "issue")) continue;
      assert.ok(
        j.permissions === undefined ||
          JSON.stringify(j.permissions) === JSON.stringify({ contents: "read" }),
        `${w.rel} job "${id}" widens permissions`,
      );
    }
  }
});

test("run: scripts contain no ${{ }} expressions, so no secret (or untrusted input) is interpolated into a script", () => {
  for (const { where, step } of allSteps()) {
    if (typeof step.run !== "string") continue;
    assert.ok(
      !referencesSecret(step.run),
      `${where}: secret referenced inside run:, pass it via env:`,
    );
    assert.deepEqual(expressions(step.run), [], `${where}: pass values to run: scripts via env:`);
  }
});

test("secrets are exposed only to the steps that need them, via step env or action inputs", () => {
  for (const w of WORKFLOWS.values()) {
    for (const [k, v] of Object.entries(w.wf.env ?? {})) {
      assert.ok(!referencesSecret(v), `${w.rel}: workflow-level env ${k} references a secret`);
    }
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      for (const [k, v] of Object.entries(j.env ?? {})) {
        assert.ok(
          !referencesSecret(v),
          `${w.rel} job "${id}": job-level env ${k} references a secret`,
        );
      }
    }
  }
  const secretSteps = allSteps().filter(({ step }) =>
    [...Object.values(step.env ?? {}), ...Object.values(step.with ?? {})].some(referencesSecret),
  );
  const names = secretSteps.map(({ step }) => step.name ?? step.uses);
  assert.deepEqual(names.sort(), [
    "Preview with refresh",
    "Verify the deployment",
    "Write kubeconfig",
    "Write kubeconfig",
    "pulumi ${{ inputs.command }}",
  ]);
});

test("the kubeconfig is written from KUBECONFIG_<STACK> to a private file and exported via GITHUB_ENV, never echoed", () => {
  const found = allSteps().filter(({ step }) => referencesSecret(step.env?.["KUBECONFIG_CONTENT"]));
  // pulumi-stack.yml's (its stack an input) and drift.yml's (its stack the matrix's).
  assert.deepEqual(found.map(({ step }) => step.env?.["KUBECONFIG_CONTENT"]).sort(), [
    "${{ secrets[format('KUBECONFIG_{0}', inputs.stack)] }}",
    "${{ secrets[format('KUBECONFIG_{0}', matrix.stack)] }}",
  ]);
  for (const { where, step } of found) {
    const run = String(step.run);
    assert.match(run, /^\s*umask 077\s*$/m, `${where}: umask 077 before writing`);
    assert.match(
      run,
      /printf '%s\\n' "\$KUBECONFIG_CONTENT" > "\$kubeconfig"/,
      `${where}: write the secret to the file`,
    );
    assert.match(run, /chmod 600 "\$kubeconfig"/, `${where}: file mode 600`);
    assert.match(run, /"\$RUNNER_TEMP\//, `${where}: file under RUNNER_TEMP`);
    assert.match(
      run,
      /echo "KUBECONFIG=\$kubeconfig" >> "\$GITHUB_ENV"/,
      `${where}: export KUBECONFIG via GITHUB_ENV`,
    );
    // The content may only be tested for emptiness and written to the file.
    const uses = run.split("\n").filter((l) => l.includes("KUBECONFIG_CONTENT"));
    assert.deepEqual(
      uses.map((l) => l.trim()),
      [
        'if [ -z "$KUBECONFIG_CONTENT" ]; then',
        `printf '%s\\n' "$KUBECONFIG_CONTENT" > "$kubeconfig"`,
      ],
      `${where}: KUBECONFIG_CONTENT used outside the emptiness check and the file write`,
    );
  }
});
