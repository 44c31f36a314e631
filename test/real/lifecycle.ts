/**
 * The life of a stack under the real engine, as a platform team lives it: the preview of a new
 * stack, the first `up`, a second `up` that changes nothing, a `refresh` that finds no drift, a
 * route change that rolls the Deployment to a new Ready pod, and `destroy`. Each step is a subtest.
 */
import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import type { Stack } from "@pulumi/pulumi/automation";
import { allReady, changes, exists, getJson, kubectl, standinCalls, within } from "./harness";
import { droppedMaps } from "./shapes";

const UP_LIMIT_MS = 300_000;

export interface Lifecycle {
  stack: Stack;
  record: string;
  /** The namespace the stack's Pomerium runs in. */
  namespace: string;
  /** Sets the settings for the route change (a changed route). */
  changeRoutes: () => Promise<void>;
  /** Does a route change roll a Deployment of the stack? (Not in ingress-controller mode.) */
  rolls?: boolean;
  /**
   * A protected stack (`okta-pomerium:protect: true`): its identity objects are protected in the
   * state, so destroy first takes the documented way out (protect off, `up`, which must change no
   * object), then destroys.
   */
  protected?: boolean;
  /** Objects that existed before `up` and must be exactly as they were after `destroy`. */
  untouched?: ReadonlyArray<readonly string[]>;
}

async function up(stack: Stack) {
  return within(UP_LIMIT_MS, "up", stack.up(), () => stack.cancel());
}

/** The pod template hash of each Deployment's newest ReplicaSet in the namespace. */
async function templates(namespace: string): Promise<Record<string, string>> {
  const list = await getJson(["deployments", "-n", namespace]);
  return Object.fromEntries(
    list.items.map((d: any) => [d.metadata.name, JSON.stringify(d.spec.template)]),
  );
}

export async function lifecycle(t: TestContext, l: Lifecycle): Promise<void> {
  const { stack } = l;
  // Each step builds on the one before: after a failure the next ones fail too (naming it) rather
  // than pass on a stack that is not there; destroy still runs, to clean up.
  let broken: string | undefined;
  const step = (name: string, fn: () => Promise<void>, always = false) =>
    t.test(name, async () => {
      if (broken && !always) throw new Error(`not run: "${broken}" failed`);
      try {
        await fn();
      } catch (e) {
        broken ??= name;
        throw e;
      }
    });
  const before = new Map<string, string>();
  for (const o of l.untouched ?? []) before.set(o.join(" "), JSON.stringify(await stable(o)));

  await step("preview of the new stack: creates, Okta outputs unknown", async () => {
    const preview = await stack.preview();
    assert.ok((preview.changeSummary.create ?? 0) > 0, JSON.stringify(preview.changeSummary));
    assert.deepEqual(Object.keys(preview.changeSummary).sort(), ["create"]);
    const calls = standinCalls(l.record).filter((c) => c.op === "create");
    assert.ok(calls.length > 0 && calls.every((c) => c.preview), "only preview creates so far");
  });

  await step("first up creates everything, and every pod turns Ready", async () => {
    const result = await up(stack);
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(Object.keys(changes(result.summary)), ["create"]);
    await allReady(l.namespace);
    assert.deepEqual(await emptyMaps(stack), [], "maps the API server drops");
  });

  await step("a second up changes nothing", async () => {
    const result = await up(stack);
    assert.deepEqual(changes(result.summary), {});
  });

  await step("refresh finds no drift", async () => {
    const result = await within(UP_LIMIT_MS, "refresh", stack.refresh());
    assert.deepEqual(changes(result.summary), {});
  });

  const rolls = l.rolls ?? true;
  await step(
    `a route change ${rolls ? "rolls the Deployment to a new Ready pod" : "updates"}`,
    async () => {
      const old = await templates(l.namespace);
      await l.changeRoutes();
      const result = await up(stack);
      assert.ok((changes(result.summary).update ?? 0) > 0, JSON.stringify(result.summary));
      if (!rolls) return;
      await allReady(l.namespace);
      const now = await templates(l.namespace);
      // The stack's Deployments roll; one that was there before (a team's) must not.
      const theirs = new Set(
        (l.untouched ?? []).filter((o) => o[0] === "deployment").map((o) => o[1]),
      );
      const ours = Object.keys(now).filter((name) => !theirs.has(name));
      assert.ok(ours.length > 0, "a Deployment of the stack");
      for (const name of ours) assert.notEqual(now[name], old[name], name);
      for (const name of theirs) assert.equal(now[name], old[name], `${name} is not the stack's`);
    },
  );

  await step(
    "destroy removes what the stack made and nothing else",
    async () => {
      if (l.protected) await unprotect(stack);
      const result = await within(UP_LIMIT_MS, "destroy", stack.destroy());
      assert.deepEqual(Object.keys(changes(result.summary)), ["delete"]);
      const deleted = standinCalls(l.record).filter((c) => c.op === "delete");
      assert.ok(deleted.length > 0, "the stand-in saw the Okta objects deleted");
      for (const o of l.untouched ?? [])
        assert.equal(JSON.stringify(await stable(o)), before.get(o.join(" ")), o.join(" "));
      if (!(l.untouched ?? []).some((o) => o[0] === "namespace" && o[1] === l.namespace)) {
        // A namespace goes through Terminating while its contents are removed: wait, then check.
        await kubectl(["wait", "--for=delete", `namespace/${l.namespace}`, "--timeout=120s"]).catch(
          () => undefined,
        );
        assert.equal(await exists(["namespace", l.namespace]), false, `${l.namespace} still there`);
      }
    },
    true,
  );
}

/** An object as it stands, without the fields the server moves on its own. */
export async function stable(args: readonly string[]): Promise<unknown> {
  if (!(await exists(args))) return null;
  const o = await getJson(args);
  delete o.metadata.resourceVersion;
  delete o.metadata.managedFields;
  delete o.status;
  return o;
}

/** Checks the stack's Okta objects are protected, then turns `protect` off the documented way. */
async function unprotect(stack: Stack): Promise<void> {
  const okta = async () =>
    (
      (await stack.exportStack()).deployment.resources as Array<{ type: string; protect?: boolean }>
    ).filter((r) => r.type.startsWith("okta:") && !r.type.startsWith("pulumi:"));
  const before = await okta();
  assert.ok(before.length > 0 && before.every((r) => r.protect), "every Okta object protected");
  await stack.setConfig("okta-pomerium:protect", { value: "false" });
  const result = await up(stack);
  assert.deepEqual(changes(result.summary), {}, "turning protect off changes no object");
  assert.ok(
    (await okta()).every((r) => !r.protect),
    "no Okta object protected any more",
  );
}

/**
 * The empty label and annotation maps the stack sends to the API server, which drops them: the
 * provider then sees a change on every `up` where the map is not the same object each time (the
 * issue's Gateway-mode defect). Paths, as `<resource name> <path>`.
 */
export async function emptyMaps(stack: Stack): Promise<string[]> {
  const resources = (await stack.exportStack()).deployment.resources as Array<{
    type: string;
    urn: string;
    inputs?: Record<string, any>;
  }>;
  return resources
    .filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:"))
    .flatMap((r) => droppedMaps(r.inputs ?? {}).map((p) => `${r.urn.split("::").pop()} ${p}`));
}
