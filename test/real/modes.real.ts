// Every mode and exposure of the stack program (test/render/modes.ts) under the real engine, side
// by side where the cores allow: the first `up` finishes without waiting on what the stack does not
// control, a second `up` changes nothing, destroy removes it all and leaves what the cluster held
// before exactly as it was. And a stack whose Pomerium namespace already exists, with a team's
// workload in it, through the whole lifecycle: nothing is adopted.
import assert from "node:assert/strict";
import * as os from "node:os";
import { describe, test } from "node:test";
import { defaultPomeriumName } from "../../components/pomerium/spec";
import { SECRET_KEYS } from "../../stack/settings";
import { program } from "../../stack/program";
import { baseConfig } from "../mocks";
import { MODES } from "../render/modes";
import { existingNamespace, INSTALL_DOCS_POMERIUM } from "./fixtures";
import {
  allReady,
  changes,
  CONTROLLER_LOCK,
  exclusive,
  kubectl,
  realStack,
  within,
} from "./harness";
import { emptyMaps, lifecycle, stable } from "./lifecycle";
import { existingNamespaces, forStack } from "./shapes";

const SECRETS = new Set<string>(Object.values(SECRET_KEYS));
const concurrency = Math.max(1, Number(process.env.REAL_STACKS_CONCURRENCY ?? os.cpus().length));

/** A settings map as stack config, the secret settings secret. */
export function asStackConfig(config: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(config).map(([k, value]) => [k, { value, secret: SECRETS.has(k) }]),
  );
}

const run = async () => {
  const out = program();
  return { namespace: out.namespace };
};

/** Objects before and after: what `destroy` must leave as `up` found it. */
async function snapshot(objects: ReadonlyArray<readonly string[]>): Promise<string[]> {
  return Promise.all(objects.map(async (o) => JSON.stringify(await stable(o))));
}

async function mode(name: string, config: Record<string, string>): Promise<void> {
  const pomerium = JSON.parse(config["okta-pomerium:pomerium"] ?? "{}");
  const controller = pomerium.mode === "ingress-controller";
  const untouched: string[][] = [];
  for (const ns of existingNamespaces(config)) {
    await existingNamespace(ns);
    untouched.push(["namespace", ns], ["deployment", `${ns}-app`, "-n", ns]);
  }
  if (controller) {
    await kubectl(["apply", "-f", "-"], JSON.stringify(INSTALL_DOCS_POMERIUM));
    untouched.push(["pomerium", "global"]);
  }
  if (pomerium.createNamespace === false) {
    const ns = defaultPomeriumName(name);
    await existingNamespace(ns);
    untouched.push(["namespace", ns], ["deployment", `${ns}-app`, "-n", ns]);
  }
  const before = await snapshot(untouched);
  const { stack } = await realStack(name, run, asStackConfig(config));
  const first = await within(240_000, "first up", stack.up(), () => stack.cancel());
  assert.equal(first.summary.result, "succeeded");
  // Every pod of the stack Ready, with the Secrets and keys it names (ingress-controller mode has
  // none: the controller runs Pomerium).
  const namespace = first.outputs.namespace?.value;
  assert.equal(typeof namespace, "string", "the stack's namespace output");
  await allReady(namespace);
  assert.deepEqual(await emptyMaps(stack), [], "maps the API server drops");
  const second = await within(240_000, "second up", stack.up(), () => stack.cancel());
  assert.deepEqual(changes(second.summary), {}, "a second up changes nothing");
  const destroyed = await within(240_000, "destroy", stack.destroy(), () => stack.cancel());
  assert.deepEqual(Object.keys(changes(destroyed.summary)), ["delete"]);
  assert.deepEqual(await snapshot(untouched), before, untouched.map((o) => o.join(" ")).join(", "));
}

describe("every mode under the real engine", { concurrency }, () => {
  Object.entries(MODES).forEach(([title, overrides], i) => {
    test(title, async () => {
      const name = `mode${i}`;
      const config = forStack(baseConfig(overrides), name);
      const controller = JSON.parse(config["okta-pomerium:pomerium"] ?? "{}").mode;
      // The controller's modes share its install (the `Pomerium` object `global`): one at a time.
      if (controller === "ingress-controller")
        await exclusive(CONTROLLER_LOCK, () => mode(name, config));
      else await mode(name, config);
    });
  });

  test("a stack whose namespace already exists: up works, nothing is adopted, destroy leaves it and what runs in it as they were", async (t) => {
    const ns = "team-existing";
    await existingNamespace(ns);
    const name = "existing";
    const config = forStack(baseConfig({ "okta-pomerium:pomerium": { namespace: ns } }), name);
    for (const other of existingNamespaces(config)) await existingNamespace(other);
    const { stack, record } = await realStack(name, run, asStackConfig(config));
    const routes = JSON.parse(config["okta-pomerium:routes"]);
    await lifecycle(t, {
      stack,
      record,
      namespace: ns,
      // Named, so only made if missing: destroy leaves it (with the team's workload).
      ownsNamespace: false,
      changeRoutes: () =>
        stack.setConfig("okta-pomerium:routes", {
          value: JSON.stringify([
            { ...routes[0], allowEmails: ["new-hire@example.com"] },
            ...routes.slice(1),
          ]),
        }),
      untouched: [
        ["namespace", ns],
        ["deployment", `${ns}-app`, "-n", ns],
      ],
    });
  });
});
