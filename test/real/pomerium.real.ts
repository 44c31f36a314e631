// Pomerium's own code (v0.32.0's config and policy packages, through test/real/go/pomerium) on what
// the program renders: every all-in-one config loads as Pomerium loads it at start, with no key it
// does not read, and every route's PPL compiles; every controller-mode Ingress's options and policy,
// as a route, do the same. The checker is shown to refuse what Pomerium refuses.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Rendered, renderEveryShape } from "../render/modes";
import { check } from "./pomerium-check";
import { allInOneConfig, ingressRoutes } from "./shapes";

const IDP = {
  authenticate_service_url: "https://authenticate.example.com",
  idp_provider: "okta",
  idp_provider_url: "https://example.okta.com/oauth2/default",
  idp_client_id: "client-id",
  insecure_server: true,
};

let shapes: Rendered[];
before(async () => {
  shapes = await renderEveryShape();
});

describe("Pomerium's own loader and policy compiler", () => {
  test("accept every all-in-one config the program renders", async (t) => {
    let checked = 0;
    for (const shape of shapes) {
      const config = allInOneConfig(shape);
      if (!config) continue;
      checked++;
      await t.test(shape.name, async () => {
        const out = await check(config, shape.name);
        assert.equal(out.routes, config.routes.length);
      });
    }
    assert.ok(checked >= 3, `${checked} all-in-one configs`);
  });

  test("accept every controller-mode Ingress's options and policy as a route", async (t) => {
    let checked = 0;
    for (const shape of shapes) {
      const routes = ingressRoutes(shape);
      if (routes.length === 0) continue;
      checked++;
      await t.test(shape.name, async () => {
        const out = await check({ ...IDP, routes }, `${shape.name}-ingress`);
        assert.equal(out.routes, routes.length);
      });
    }
    assert.ok(checked >= 1, `${checked} controller-mode shapes`);
  });

  test("refuse a key Pomerium does not read, a criterion it does not know, a bad option value", async () => {
    const route = {
      from: "https://a.example.com",
      to: ["http://a.apps.svc"],
      allow_any_authenticated_user: true,
    };
    await check({ ...IDP, routes: [route] }, "control");
    const refused = async (config: unknown, name: string, message: RegExp) =>
      assert.rejects(check(config, name), (e: Error & { stderr?: string }) => {
        assert.match(e.stderr ?? "", message);
        return true;
      });
    await refused(
      { ...IDP, routes: [route], allowed_groups: ["a"] },
      "unknown-key",
      /allowed_groups/,
    );
    await refused(
      { ...IDP, routes: [{ ...route, policy: [{ allow: { or: [{ groupz: "a" }] } }] }] },
      "criterion",
      /groupz/,
    );
    await refused(
      { ...IDP, routes: [{ ...route, timeout: "soon" }] },
      "value",
      /timeout|soon|duration/,
    );
  });
});
