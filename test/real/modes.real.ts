// Every mode and exposure of the stack program (test/render/modes.ts) under the real engine: the
// first `up` finishes without waiting on what the stack does not control, a second `up` changes
// nothing, destroy removes it all. And a stack whose Pomerium namespace already exists, with a team's
// workload in it: `up` works, nothing is adopted, destroy leaves the namespace and what runs in it
// exactly as it was.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultPomeriumName } from "../../components/pomerium/spec";
import { SECRET_KEYS } from "../../stack/settings";
import { program } from "../../stack/program";
import { baseConfig } from "../mocks";
import { MODES } from "../render/modes";
import { existingNamespace, INSTALL_DOCS_POMERIUM } from "./fixtures";
import { changes, kubectl, realStack, within } from "./harness";
import { lifecycle, stable } from "./lifecycle";

const SECRETS = new Set<string>(Object.values(SECRET_KEYS));

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

describe("every mode under the real engine", { concurrency: 1 }, () => {
  Object.entries(MODES).forEach(([mode, overrides], i) => {
    test(mode, async () => {
      const name = `mode-${i}`;
      const controller = mode.startsWith("ingress-controller");
      if (controller) {
        await existingNamespace("pomerium");
        await kubectl(["apply", "-f", "-"], JSON.stringify(INSTALL_DOCS_POMERIUM));
      }
      const pomerium = overrides["okta-pomerium:pomerium"] as
        | { createNamespace?: boolean }
        | undefined;
      if (pomerium?.createNamespace === false) await existingNamespace(defaultPomeriumName(name));
      for (const ns of ["monitoring", "apps"]) await existingNamespace(ns);
      const { stack } = await realStack(name, run, asStackConfig(baseConfig(overrides)));
      const first = await within(240_000, "first up", stack.up(), () => stack.cancel());
      assert.equal(first.summary.result, "succeeded");
      const second = await within(240_000, "second up", stack.up(), () => stack.cancel());
      assert.deepEqual(changes(second.summary), {});
      const destroyed = await within(240_000, "destroy", stack.destroy(), () => stack.cancel());
      assert.deepEqual(Object.keys(changes(destroyed.summary)), ["delete"]);
      if (controller) assert.notEqual(await stable(["pomerium", "global"]), null);
    });
  });
});

describe("a stack whose namespace already exists", () => {
  test("up works, nothing is adopted, destroy leaves it and what runs in it as they were", async (t) => {
    const ns = "team-existing";
    await existingNamespace(ns);
    const config = baseConfig({ "okta-pomerium:pomerium": { namespace: ns } });
    const { stack, record } = await realStack("existing-namespace", run, asStackConfig(config));
    const routes = JSON.parse(config["okta-pomerium:routes"]);
    await lifecycle(t, {
      stack,
      record,
      namespace: ns,
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
