// drift.yml: every stack previewed with refresh and --expect-no-changes on a schedule and on demand;
// the check (cloud credentials) and the issue (issues: write) in separate jobs; and its step
// scripts run here as written, against a fake pulumi and a fake gh, on the recorded samples.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { Dict, isPulumiAction, job, needsOf, ROOT, Step, triggers, workflow } from "./workflows";

const w = workflow("drift.yml");
const steps = (id: string): Step[] => job(w, id).steps ?? [];
const named = (id: string, name: string): Step => {
  const s = steps(id).find((x) => x.name === name);
  assert.ok(s, `drift.yml job ${id}: no step "${name}"`);
  return s;
};
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));

test("drift.yml runs on a schedule and on demand, from main only, one run at a time", () => {
  const t = triggers(w.wf);
  assert.deepEqual([...t.keys()].sort(), ["schedule", "workflow_dispatch"]);
  const cron = (t.get("schedule") as Array<{ cron: string }>)[0]!.cron;
  assert.match(cron, /^\d+ \d+ \* \* \*$/, "once a day");
  assert.equal(job(w, "check").if, "github.ref == 'refs/heads/main'");
  assert.match(String(job(w, "issue").if), /github\.ref == 'refs\/heads\/main'/);
  assert.deepEqual(w.wf.concurrency, { group: "drift-okta-pomerium", "cancel-in-progress": false });
});

test("the check runs in environment `drift`, every stack whatever the others found; the issue job after it, even when it failed", () => {
  const check = job(w, "check");
  assert.equal(check.environment, "drift");
  assert.equal(check.strategy?.["fail-fast"], false);
  const issue = job(w, "issue");
  assert.deepEqual(needsOf(issue).sort(), ["check", "stacks"]);
  assert.match(String(issue.if), /^\$\{\{ !cancelled\(\) && needs\.stacks\.result == 'success'/);
  assert.equal(issue.environment, undefined, "the issue job holds no secret");
  for (const s of steps("issue"))
    for (const v of Object.values(s.env ?? {})) assert.doesNotMatch(String(v), /secrets/);
});

test("check: install, build, kubeconfig, sign-in and the CLI (the SDK's version) before the preview; summary after it, even when it failed", () => {
  const all = steps("check");
  const at = (pred: (s: Step) => boolean, what: string) => {
    const i = all.findIndex(pred);
    assert.ok(i >= 0, `no ${what}`);
    return i;
  };
  const order = [
    at((s) => s.uses === "actions/checkout@v4", "checkout"),
    at((s) => s.run === "npm ci", "npm ci"),
    at((s) => s.run === "npm run build", "build"),
    at((s) => s.name === "Write kubeconfig", "kubeconfig"),
    at((s) => s.uses === "pulumi/auth-actions@v2", "sign-in"),
    at(isPulumiAction, "CLI install"),
    at((s) => s.name === "Preview with refresh", "preview"),
    at((s) => s.name === "Summarize", "summary"),
    at((s) => s.uses === "actions/upload-artifact@v4", "upload"),
  ];
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
  );
  const cli = all.find(isPulumiAction)!;
  assert.deepEqual(cli.with, { "pulumi-version": pkg.devDependencies["@pulumi/pulumi"] });
  for (const name of ["Summarize", "Upload the summary"])
    assert.equal(named("check", name).if, "${{ !cancelled() }}", name);
  assert.equal(
    named("check", "Preview with refresh").env?.["PULUMI_ACCESS_TOKEN"],
    "${{ steps.pulumi-auth.outputs.pulumi-access-token || secrets.PULUMI_ACCESS_TOKEN }}",
  );
  const upload = named("check", "Upload the summary").with as Dict;
  const download = named("issue", "Download the summary");
  assert.equal(upload["name"], "drift-${{ matrix.stack }}");
  assert.equal(download.with?.["name"], upload["name"]);
  assert.equal((download as { "continue-on-error"?: unknown })["continue-on-error"], true);
});

/** Runs a step's script with bash in the repository, with its env (expressions given as values). */
function runStep(step: Step, env: Record<string, string>, extraPath?: string) {
  return spawnSync("bash", ["-e", "-c", String(step.run)], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      ...env,
      PATH: [extraPath, path.dirname(process.execPath), process.env.PATH]
        .filter(Boolean)
        .join(path.delimiter),
    },
  });
}

function fakeBin(name: string, script: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `fake-${name}-`));
  writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`);
  chmodSync(path.join(dir, name), 0o755);
  return dir;
}

const SAMPLES = path.join(ROOT, "test/fixtures/drift");

test("the preview step: the exact pulumi command, its JSON kept, its exit code recorded (not fatal)", () => {
  const temp = mkdtempSync(path.join(tmpdir(), "drift-runner-"));
  const log = path.join(temp, "args");
  const bin = fakeBin(
    "pulumi",
    `echo "$*" > "${log}"\ncat "${SAMPLES}/okta-policy-rule.json"\nexit 255`,
  );
  const out = path.join(temp, "github_output");
  const r = runStep(
    named("check", "Preview with refresh"),
    { RUNNER_TEMP: temp, GITHUB_OUTPUT: out, STACK_NAME: "acme/okta-pomerium/dev" },
    bin,
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    readFileSync(log, "utf8").trim(),
    "preview --stack acme/okta-pomerium/dev --refresh --expect-no-changes --json --non-interactive",
  );
  assert.equal(readFileSync(out, "utf8"), "exit-code=255\n");
  assert.equal(
    readFileSync(path.join(temp, "preview.json"), "utf8"),
    readFileSync(path.join(SAMPLES, "okta-policy-rule.json"), "utf8"),
  );
});

test("summarize then issue, as the workflow runs them: drift opens the issue; clean closes it", () => {
  const temp = mkdtempSync(path.join(tmpdir(), "drift-runner-"));
  const env = {
    RUNNER_TEMP: temp,
    STACK: "dev",
    RUN_URL: "https://github.com/acme/infra/actions/runs/7",
  };
  const log = path.join(temp, "gh.log");
  const open = path.join(temp, "open.json");
  const gh = fakeBin(
    "gh",
    `echo "$*" >> "${log}"\nif [ "$1 $2" = "issue list" ]; then cat "${open}"; fi`,
  );

  copyFileSync(path.join(SAMPLES, "kubernetes-secret.json"), path.join(temp, "preview.json"));
  const drift = runStep(named("check", "Summarize"), { ...env, EXIT_CODE: "255" });
  assert.equal(drift.status, 1, "drift fails the job");
  assert.equal(readFileSync(path.join(temp, "drift/status"), "utf8"), "drift\n");
  writeFileSync(open, "[]");
  const issueStep = named("issue", "Open, update or close the drift issue");
  let r = runStep(issueStep, { ...env, GH_TOKEN: "t", GH_REPO: "acme/infra" }, gh);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "opened\n");
  assert.match(
    readFileSync(log, "utf8"),
    /^issue create --title Drift: stack dev --label drift --body-file .*\/drift\/body\.md$/m,
  );

  copyFileSync(path.join(SAMPLES, "clean.json"), path.join(temp, "preview.json"));
  const clean = runStep(named("check", "Summarize"), { ...env, EXIT_CODE: "0" });
  assert.equal(clean.status, 0, clean.stderr);
  writeFileSync(open, '[{"number":5,"title":"Drift: stack dev"}]');
  r = runStep(issueStep, { ...env, GH_TOKEN: "t", GH_REPO: "acme/infra" }, gh);
  assert.equal(r.stdout, "closed #5\n");

  // The check died before it summarized (no artifact): a failed check, reported.
  const empty = mkdtempSync(path.join(tmpdir(), "drift-runner-"));
  mkdirSync(path.join(empty, "drift"));
  writeFileSync(open, "[]");
  r = runStep(issueStep, { ...env, RUNNER_TEMP: empty, GH_TOKEN: "t", GH_REPO: "acme/infra" }, gh);
  assert.equal(r.stdout, "opened\n");
  assert.match(
    readFileSync(path.join(empty, "drift/body.md"), "utf8"),
    /failed before it could summarize/,
  );
});
