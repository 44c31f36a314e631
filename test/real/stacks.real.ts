// The whole stack program of every committed stack and every template under the real Pulumi
// engine, the Kubernetes provider and a real API server (Okta, Cloudflare and random answered by
// the stand-in provider): the full lifecycle, side by side where the cores allow, and what Okta
// would receive. Templates (and stacks made from them) hold `changeme` placeholders, which the
// program refuses under the real engine: each runs with them filled in (shapes.ts `filled`).
import assert from "node:assert/strict";
import * as os from "node:os";
import { describe, test, TestContext } from "node:test";
import { defaultPomeriumName } from "../../components/pomerium/spec";
import { program } from "../../stack/program";
import { checkedStacks, configOf } from "../stack-files";
import { existingNamespace, INSTALL_DOCS_POMERIUM } from "./fixtures";
import { CONTROLLER_LOCK, exclusive, kubectl, realStack, standinCalls } from "./harness";
import { changedRoutes, filled, stackConfig, existingNamespaces } from "./shapes";
import { lifecycle } from "./lifecycle";

const concurrency = Math.max(1, Number(process.env.REAL_STACKS_CONCURRENCY ?? os.cpus().length));

describe("every committed stack under the real engine", { concurrency }, () => {
  for (const file of checkedStacks()) {
    const name = file.stack;
    test(file.label, async (t) => {
      const read = configOf(file);
      const config = stackConfig({ ...read, config: filled(read.config, word(name)) });
      const pomerium = JSON.parse(config["okta-pomerium:pomerium"]?.value ?? "{}");
      const controller = pomerium.mode === "ingress-controller";
      // A controller stack shares the controller's install (the `Pomerium` object `global`) with
      // the other files' controller stacks: one at a time.
      if (controller) await exclusive(CONTROLLER_LOCK, () => whole(t, config, pomerium));
      else await whole(t, config, pomerium);
    });
    const whole = async (
      t: TestContext,
      config: ReturnType<typeof stackConfig>,
      pomerium: { mode?: string; namespace?: string; createNamespace?: unknown },
    ) => {
      const controller = pomerium.mode === "ingress-controller";
      // What the cluster holds before: the teams' namespaces the routes send to, OpenMetadata's,
      // and in ingress-controller mode the controller installed by Pomerium's install docs.
      const plain = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.value]));
      for (const ns of existingNamespaces(plain)) await existingNamespace(ns);
      if (controller) await kubectl(["apply", "-f", "-"], JSON.stringify(INSTALL_DOCS_POMERIUM));
      const { stack, record } = await realStack(
        name,
        async () => {
          const out = program();
          return { namespace: out.namespace };
        },
        config,
      );
      await lifecycle(t, {
        stack,
        record,
        namespace: pomerium.namespace ?? defaultPomeriumName(name),
        ownsNamespace: ownsNamespace(pomerium, name),
        rolls: !controller,
        protected: config["okta-pomerium:protect"]?.value === "true",
        changeRoutes: () =>
          stack.setConfig("okta-pomerium:routes", {
            value: changedRoutes(config["okta-pomerium:routes"].value),
          }),
      });
      await t.test("Okta received the app the stack declares", () => {
        const apps = standinCalls(record).filter(
          (c) => c.op === "create" && !c.preview && c.type === "okta:app/oAuth:OAuth",
        );
        assert.ok(apps.length >= 1, "an OIDC app was created");
        const authenticate = config["okta-pomerium:authenticateUrl"].value;
        assert.ok(
          apps.some((a) =>
            (a.inputs.redirectUris ?? []).includes(`${authenticate}/oauth2/callback`),
          ),
          JSON.stringify(apps.map((a) => a.inputs.redirectUris)),
        );
        assert.ok(
          apps.every((a) => String(a.inputs.label).includes(name)),
          "labels name the stack",
        );
      });
    };
  }
});

/** The word a stack's placeholders become: its name, without what a DNS label cannot hold. */
const word = (stack: string) => `acme${stack.replace(/[^a-z0-9]/g, "")}`;

/**
 * Does the stack own its namespace (deletes it on destroy)? As docs/settings.md promises:
 * `createNamespace: true`, or unset with the stack's own `pomerium-<stack>`; a named one is only
 * made if missing and left, and `false` means it must exist.
 */
function ownsNamespace(p: { namespace?: string; createNamespace?: unknown }, stack: string) {
  const own = defaultPomeriumName(stack);
  return (
    p.createNamespace === true || (p.createNamespace === undefined && (p.namespace ?? own) === own)
  );
}
