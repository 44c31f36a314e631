// The GitHub Actions workflows in .github/workflows, loaded once and parsed strictly (unique keys),
// and the helpers the test/ci/*.test.ts files share to read them. Compiled to bin/test/ci/, so the
// repository root is three levels up.

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { stackNames } from "../../scripts/stacks";

/** A YAML mapping. */
export type Dict = Record<string, unknown>;

/** A workflow step, as far as the tests read it. */
export interface Step {
  name?: string;
  id?: string;
  if?: unknown;
  uses?: string;
  run?: string;
  with?: Dict;
  env?: Dict;
}

/** A job's `strategy`. */
export interface Strategy {
  matrix?: Dict;
  "fail-fast"?: unknown;
  "max-parallel"?: unknown;
}

/** A `concurrency` block. */
export interface Concurrency {
  group?: unknown;
  "cancel-in-progress"?: unknown;
}

/** A workflow job, as far as the tests read it. */
export interface Job {
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
  outputs?: Dict;
}

/** A parsed workflow file. */
export interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: unknown;
  env?: Dict;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

/** A workflow file: its name, path, text and parsed content. */
export interface WorkflowFile {
  /** File name, e.g. "deploy.yml". */
  file: string;
  /** Path relative to the repository root, e.g. ".github/workflows/deploy.yml". */
  rel: string;
  text: string;
  wf: Workflow;
}

/** The stacks (one per Pulumi.<stack>.yaml), in rollout order. */
export const STACKS: readonly string[] = stackNames(path.resolve(__dirname, "../../.."));
/** The reusable workflow both preview.yml and deploy.yml call for each stack. */
export const REUSABLE = "pulumi-stack.yml";

/** The repository root (this file runs from bin/test/ci/). */
export const ROOT = path.resolve(__dirname, "../../..");
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

/** Every workflow file, by file name, in name order. */
export const WORKFLOWS = loadWorkflows();

/** The workflow file of that name; fails when it is missing. */
export function workflow(file: string): WorkflowFile {
  const w = WORKFLOWS.get(file);
  assert.ok(w, `.github/workflows/${file} is missing`);
  return w;
}

/** The job of that id in a workflow; fails when it is missing. */
export function job(w: WorkflowFile, id: string): Job {
  const j = w.wf.jobs[id];
  assert.ok(j, `${w.rel}: job "${id}" is missing`);
  return j;
}

/** A job's `needs`, always as a list. */
export function needsOf(j: Job): string[] {
  if (j.needs === undefined) return [];
  return Array.isArray(j.needs) ? j.needs : [j.needs];
}

/** Trigger events of a workflow, as a map event -> config (null if none). */
export function triggers(wf: Workflow): Map<string, unknown> {
  const on = wf.on;
  if (typeof on === "string") return new Map([[on, null]]);
  if (Array.isArray(on)) return new Map(on.map((e) => [String(e), null]));
  if (on && typeof on === "object") return new Map(Object.entries(on as Dict));
  return new Map();
}

/** Reusable workflows are the ones whose only trigger is workflow_call. */
export function isReusable(w: WorkflowFile): boolean {
  const t = triggers(w.wf);
  return t.size === 1 && t.has("workflow_call");
}

/** For a job `uses: ./.github/workflows/x.yml`, the called workflow file. */
export function calledWorkflow(j: Job): WorkflowFile | undefined {
  if (typeof j.uses !== "string" || !j.uses.startsWith("./.github/workflows/")) return undefined;
  return workflow(path.posix.basename(j.uses));
}

/** A job's concurrency, the short string form read as `{ group }`. */
export function concurrencyOf(j: Job): Concurrency | undefined {
  if (j.concurrency === undefined) return undefined;
  if (typeof j.concurrency === "string") return { group: j.concurrency };
  return j.concurrency as Concurrency;
}

/** Every `${{ ... }}` expression body in a string. */
export function expressions(s: string): string[] {
  return [...s.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!.trim());
}

/** Whether a value is a string with an expression that reads `secrets.` or `secrets[`. */
export function referencesSecret(value: unknown): boolean {
  return typeof value === "string" && expressions(value).some((e) => /\bsecrets\s*(\.|\[)/.test(e));
}

/** Every step of every job of every workflow, with where it is for messages. */
export function allSteps(): Array<{ where: string; step: Step }> {
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

/** Whether a step runs pulumi/actions. */
export function isPulumiAction(step: Step): boolean {
  return typeof step.uses === "string" && step.uses.startsWith("pulumi/actions@");
}

/** The one pulumi/actions step of a workflow; fails when there is not exactly one. */
export function pulumiStep(w: WorkflowFile): Step {
  const steps = Object.values(w.wf.jobs)
    .flatMap((j) => j.steps ?? [])
    .filter(isPulumiAction);
  assert.equal(steps.length, 1, `${w.rel}: expected exactly one pulumi/actions step`);
  return steps[0]!;
}

/** The jobs that call the reusable Pulumi workflow, with their inputs. */
export function stackCalls(w: WorkflowFile): Array<{ id: string; job: Job; with: Dict }> {
  return Object.entries(w.wf.jobs)
    .filter(([, j]) => calledWorkflow(j)?.file === REUSABLE)
    .map(([id, j]) => ({ id, job: j, with: j.with ?? {} }));
}

/** The expression a stack matrix reads its list from: the `stacks` job (scripts/ci/stacks.sh). */
export const STACKS_MATRIX = "${{ fromJSON(needs.stacks.outputs.stacks) }}";

/** Asserts a job's matrix is the stack list of its workflow's `stacks` job, which it needs. */
export function assertStackMatrix(w: WorkflowFile, id: string): void {
  const j = job(w, id);
  assert.equal(j.strategy?.matrix?.["stack"], STACKS_MATRIX, `${w.rel} job "${id}": stack matrix`);
  assert.ok(needsOf(j).includes("stacks"), `${w.rel} job "${id}" must need the stacks job`);
  const list = job(w, "stacks");
  const step = (list.steps ?? []).find((s) => s.id === "list");
  assert.equal(
    step?.run?.trim().split("\n")[0],
    'echo "stacks=$(scripts/ci/stacks.sh)" >> "$GITHUB_OUTPUT"',
  );
  assert.equal(list.outputs?.["stacks"], "${{ steps.list.outputs.stacks }}");
  assert.equal(list.steps?.[0]?.uses, "actions/checkout@v4", "the list needs the checkout");
}
