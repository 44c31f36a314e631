// The whole stack program of every committed stack under the real Pulumi engine, the Kubernetes
// provider and a real API server (Okta, Cloudflare and random answered by the stand-in provider):
// the full lifecycle, side by side where the cores allow, and what Okta would receive.
import assert from "node:assert/strict";
import * as os from "node:os";
import { describe, test } from "node:test";
import { defaultPomeriumName } from "../../components/pomerium/spec";
import { program } from "../../stack/program";
import { checkedStacks, configOf } from "../stack-files";
import { realStack, standinCalls } from "./harness";
import { changedRoutes, stackConfig } from "./shapes";
import { lifecycle } from "./lifecycle";

const concurrency = Math.max(1, Math.floor(os.cpus().length / 2));

describe("every committed stack under the real engine", { concurrency }, () => {
  for (const file of checkedStacks()) {
    const name = file.stack;
    test(file.label, async (t) => {
      const config = stackConfig(configOf(file));
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
        namespace:
          JSON.parse(config["okta-pomerium:pomerium"]?.value ?? "{}").namespace ??
          defaultPomeriumName(name),
        changeRoutes: () =>
          stack.setConfig("okta-pomerium:routes", {
            value: changedRoutes(config["okta-pomerium:routes"].value),
          }),
      });
      await t.test("Okta received the app the stack declares", () => {
        const apps = standinCalls(record).filter(
          (c) => c.op === "create" && !c.preview && c.type === "okta:app/oAuth:OAuth",
        );
        assert.ok(apps.length >= 1);
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
    });
  }
});
