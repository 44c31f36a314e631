// The Pomerium components alone, in each mode, under the real engine and API server: all-in-one
// with an Ingress; all-in-one behind a Gateway with two replicas and postgres storage; the ingress
// controller's settings and routes on a cluster set up as Pomerium's install docs do (its namespace,
// a running controller, and a `Pomerium` object `global` made with `kubectl apply`), which destroy
// leaves exactly as it was. No step waits on what the stack does not control (no controller writes
// an Ingress's status here).
import assert from "node:assert/strict";
import { describe, test, TestContext } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Pomerium, PomeriumControllerConfig } from "../../components/pomerium";
import type { PomeriumRouteArgs } from "../../components/pomerium";
import { existingNamespace, INSTALL_DOCS_POMERIUM } from "./fixtures";
import { CONTROLLER_LOCK, exclusive, getJson, kubectl, realStack } from "./harness";
import { lifecycle } from "./lifecycle";

const IDP = {
  authenticateUrl: "https://authenticate.real.example.com",
  issuer: "https://example.okta.com/oauth2/aus0000000000000000",
  clientId: "0oa0000000000000000",
  clientSecret: pulumi.secret("client-secret"),
  scopes: ["openid", "profile", "email", "groups", "offline_access"],
};

/** Upstreams in a team's namespace, so the controller's Ingresses have a home that exists. */
const routes = (extra: string[] = []): PomeriumRouteArgs[] => [
  {
    from: "https://grafana.real.example.com",
    to: ["http://grafana.team-real.svc.cluster.local:3000"],
    allowGroups: ["admins", ...extra],
  },
  {
    from: "https://docs.real.example.com",
    to: ["http://docs.team-real.svc.cluster.local"],
    allowEmails: ["a@example.com"],
  },
];

describe("the Pomerium components alone, in each mode", { concurrency: 1 }, () => {
  test("all-in-one with an Ingress, in a team's namespace that exists", async (t) => {
    // A named namespace is used, not owned: not adopted, and left as it was by destroy.
    await existingNamespace("team-aio");
    const extra: string[] = [];
    const { stack, record } = await realStack(
      "component-ingress",
      async () => {
        new Pomerium("aio", {
          ...IDP,
          namespace: "team-aio",
          routes: routes(extra),
          ingress: { enabled: true, className: "nginx", tlsSecretName: "aio-tls" },
        });
      },
      {},
    );
    await lifecycle(t, {
      stack,
      record,
      namespace: "team-aio",
      ownsNamespace: false,
      changeRoutes: async () => void extra.push("developers"),
      untouched: [
        ["namespace", "team-aio"],
        ["deployment", "team-aio-app", "-n", "team-aio"],
      ],
    });
  });

  test("all-in-one behind a Gateway, two replicas, postgres, in its own namespace", async (t) => {
    const extra: string[] = [];
    const { stack, record } = await realStack(
      "component-gateway",
      async () => {
        new Pomerium("gw", {
          ...IDP,
          routes: routes(extra),
          replicas: 2,
          databroker: { storage: "postgres" },
          databrokerConnectionString: pulumi.secret(
            "postgres://pomerium:pw@db.example.com:5432/pomerium",
          ),
          gateway: { parentRefs: [{ name: "edge", namespace: "gateways", sectionName: "https" }] },
          // No pulumi.com/skipAwait, so the HTTPRoutes carry no annotation at all: the map the API
          // server drops when empty must not be sent (a second up would update them).
          waitForExternal: true,
        });
      },
      {},
    );
    await lifecycle(t, {
      stack,
      record,
      // The stack's own pomerium-<stack>: created by the stack, deleted by destroy.
      namespace: "pomerium-component-gateway",
      afterUp: async () => {
        const routes = await getJson(["httproutes", "-n", "pomerium-component-gateway"]);
        assert.ok(routes.items.length > 0, "HTTPRoutes");
        for (const r of routes.items) assert.equal(r.metadata.annotations, undefined);
      },
      changeRoutes: async () => void extra.push("developers"),
    });
  });

  test("ingress controller, on a cluster set up by Pomerium's install docs", (t) =>
    // The controller's install is shared with the other files' controller stacks: one at a time.
    exclusive(CONTROLLER_LOCK, () => controller(t)));
});

async function controller(t: TestContext): Promise<void> {
  await existingNamespace("pomerium");
  await existingNamespace("team-real");
  await kubectl(["apply", "-f", "-"], JSON.stringify(INSTALL_DOCS_POMERIUM));
  const extra: string[] = [];
  const { stack, record } = await realStack(
    "component-controller",
    async () => {
      new PomeriumControllerConfig("ctl", {
        ...IDP,
        namespace: "real-controller",
        routes: routes(extra),
      });
    },
    {},
  );
  await lifecycle(t, {
    stack,
    record,
    namespace: "real-controller",
    // Created by its NamespacePatch (it was missing), and left, empty, by destroy.
    ownsNamespace: false,
    rolls: false,
    // No random bytes any more (the installation's bootstrap Secret), and no Okta resource here.
    standin: false,
    // The stack set its fields and left the installation's bootstrap Secret in place.
    afterUp: async () =>
      assert.deepEqual((await getJson(["pomerium", "global"])).spec, {
        secrets: "pomerium/bootstrap",
        authenticate: { url: IDP.authenticateUrl },
        identityProvider: {
          provider: "okta",
          url: IDP.issuer,
          secret: "real-controller/pomerium-component-controller-idp",
          scopes: IDP.scopes,
        },
      }),
    changeRoutes: async () => void extra.push("developers"),
    untouched: [
      ["namespace", "pomerium"],
      ["deployment", "pomerium-app", "-n", "pomerium"],
      ["namespace", "team-real"],
      ["deployment", "team-real-app", "-n", "team-real"],
      ["pomerium", "global"],
    ],
  });
}
