// Pomerium's own code (v0.32.0's config and policy packages, through test/real/go/pomerium) on what
// the program renders: every all-in-one config loads as Pomerium loads it at start, with no key it
// does not read, and every route's PPL compiles; every controller-mode Ingress's options and policy,
// as a route, do the same. The checker is shown to refuse what Pomerium refuses.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { before, describe, test } from "node:test";
import { Rendered, renderEveryShape } from "../render/modes";
import { real } from "./harness";
import { allInOneConfig, ingressRoutes } from "./shapes";

/** Secrets as Pomerium reads them from the environment (base64 of 32 bytes where it must be). */
const ENV = {
  SHARED_SECRET: Buffer.alloc(32, 1).toString("base64"),
  COOKIE_SECRET: Buffer.alloc(32, 2).toString("base64"),
  IDP_CLIENT_SECRET: "client-secret",
  DATABROKER_STORAGE_CONNECTION_STRING: "postgres://pomerium:pw@db.example.com:5432/pomerium",
};

export async function check(config: unknown, name: string, users?: unknown): Promise<any> {
  const dir = path.join(real.work, "pomerium");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.json`);
  writeFileSync(file, JSON.stringify(config));
  const args = [file];
  if (users) {
    writeFileSync(`${file}.users.json`, JSON.stringify(users));
    args.push(`${file}.users.json`);
  }
  const { stdout } = await promisify(execFile)(real.pomeriumCheck, args, {
    env: { ...process.env, ...ENV },
  });
  // Pomerium's own log lines (one JSON object each) come first on stdout; the result is the
  // indented document that starts at a line of its own.
  return JSON.parse(stdout.slice(stdout.lastIndexOf("\n{\n") + 1));
}

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
