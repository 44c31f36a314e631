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
  /**
   * Does the stack own its namespace (a `Namespace` it deletes on destroy)? A namespace it only
   * uses (a `NamespacePatch`: created if missing, never deleted) stays, emptied of the stack's
   * objects. @default true
   */
  ownsNamespace?: boolean;
  /** Does the program have resources of the stand-in providers (Okta, random)? @default true */
  standin?: boolean;
  /** More checks of the cluster after the first `up`. */
  afterUp?: () => Promise<void>;
}

/** Kinds a stack's objects can be, for the check that destroy left none behind. */
const KINDS =
  "deployments,replicasets,pods,services,secrets,configmaps,serviceaccounts,ingresses,httproutes,poddisruptionbudgets,networkpolicies";

/** Every object in the cluster labelled as this stack's (`okta-pomerium/stack`). */
async function stackObjects(stackName: string): Promise<string[]> {
  const { stdout } = await kubectl([
    "get",
    KINDS,
    "-A",
    "-l",
    `okta-pomerium/stack=${stackName}`,
    "-o",
    "name",
  ]);
  return stdout.split("\n").filter((l) => l.trim());
}

async function up(stack: Stack) {
  return within(UP_LIMIT_MS, "up", stack.up(), () => stack.cancel());
}

/** The pod template of each of the stack's Deployments in the namespace. */
async function templates(namespace: string, stackName: string): Promise<Record<string, string>> {
  const list = await getJson([
    "deployments",
    "-n",
    namespace,
    "-l",
    `okta-pomerium/stack=${stackName}`,
  ]);
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
    if (l.standin ?? true)
      assert.ok(calls.length > 0 && calls.every((c) => c.preview), "only preview creates so far");
    else assert.deepEqual(calls, [], "no stand-in resource");
  });

  await step("first up creates everything, and every pod turns Ready", async () => {
    const result = await up(stack);
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(Object.keys(changes(result.summary)), ["create"]);
    await allReady(l.namespace);
    assert.deepEqual(await emptyMaps(stack), [], "maps the API server drops");
    // What destroy must remove is found by this label (the check below would pass on none).
    assert.notDeepEqual(await stackObjects(stack.name), [], "objects labelled with the stack");
    await l.afterUp?.();
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
      const old = await templates(l.namespace, stack.name);
      await l.changeRoutes();
      const result = await up(stack);
      assert.ok((changes(result.summary).update ?? 0) > 0, JSON.stringify(result.summary));
      if (!rolls) return;
      await allReady(l.namespace);
      // Only the stack's own Deployments (by its label): a team's in the same namespace stays.
      const now = await templates(l.namespace, stack.name);
      assert.ok(Object.keys(now).length > 0, "a Deployment of the stack");
      for (const name of Object.keys(now)) assert.notEqual(now[name], old[name], name);
    },
  );

  await step(
    "destroy removes what the stack made and nothing else",
    async () => {
      if (l.protected) await unprotect(stack);
      const result = await within(UP_LIMIT_MS, "destroy", stack.destroy());
      assert.deepEqual(Object.keys(changes(result.summary)), ["delete"]);
      const deleted = standinCalls(l.record).filter((c) => c.op === "delete");
      assert.equal(deleted.length > 0, l.standin ?? true, "the stand-in saw its objects deleted");
      for (const o of l.untouched ?? [])
        assert.equal(JSON.stringify(await stable(o)), before.get(o.join(" ")), o.join(" "));
      assert.deepEqual(await stackObjects(stack.name), [], "objects of the stack left behind");
      // The provider's delete of a Namespace returns once the API server has removed it (after the
      // namespace controller emptied it), so there is nothing to wait for here.
      const owns = l.ownsNamespace ?? true;
      assert.equal(await exists(["namespace", l.namespace]), !owns, `namespace ${l.namespace}`);
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
  // The server's count of spec writes: a patch applied and released moves it, whatever the spec.
  delete o.metadata.generation;
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
